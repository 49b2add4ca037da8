function Get-EntraPasskeyGraphArgument {
    <#
    .SYNOPSIS
    Turns a cmdlet's Graph and sign-in parameters into the binary's flags, and its
    secrets (-AccessToken, -ClientSecret, -CertificatePassword) into environment
    variables of the child process named by --*-env flags: never values on argv.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param([Parameter(Mandatory)][System.Collections.IDictionary]$BoundParameters)

    $flags = [ordered]@{
        Emulator                = '--emulator'
        Cloud                   = '--cloud'
        GraphUrl                = '--graph-url'
        Authority               = '--authority'
        CaFile                  = '--ca-file'
        Auth                    = '--auth'
        Tenant                  = '--tenant'
        ClientId                = '--client-id'
        CertificatePath         = '--certificate'
        ManagedIdentityClientId = '--managed-identity-client-id'
        LoginHint               = '--login-hint'
    }
    $argv = [System.Collections.Generic.List[string]]::new()
    foreach ($name in $flags.Keys) {
        if ($BoundParameters.ContainsKey($name) -and -not [string]::IsNullOrEmpty([string]$BoundParameters[$name])) {
            $argv.Add($flags[$name])
            $argv.Add([string]$BoundParameters[$name])
        }
    }
    if ($BoundParameters.ContainsKey('NoCache') -and $BoundParameters['NoCache']) { $argv.Add('--no-cache') }

    $secretFlags = [ordered]@{
        AccessToken         = @('--access-token-env', 'ENTRA_PASSKEY_PS_ACCESS_TOKEN')
        ClientSecret        = @('--client-secret-env', 'ENTRA_PASSKEY_PS_CLIENT_SECRET')
        CertificatePassword = @('--certificate-password-env', 'ENTRA_PASSKEY_PS_CERTIFICATE_PASSWORD')
    }
    $environment = @{}
    foreach ($name in $secretFlags.Keys) {
        if ($BoundParameters.ContainsKey($name) -and $null -ne $BoundParameters[$name]) {
            $flag, $variable = $secretFlags[$name]
            $environment[$variable] = $BoundParameters[$name]
            $argv.Add($flag)
            $argv.Add($variable)
        }
    }
    [pscustomobject]@{ Arguments = $argv.ToArray(); SecretEnvironment = $environment }
}
