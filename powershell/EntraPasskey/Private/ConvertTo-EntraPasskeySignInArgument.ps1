function ConvertTo-EntraPasskeySignInArgument {
    <#
    .SYNOPSIS
    Turns Connect-EntraPasskey's sign-in parameters into the binary's flags, and its
    secrets (-AccessToken, -ClientSecret, -CertificatePassword) into environment
    variables of the child process named by --*-env flags: never values on argv.
    Path parameters must already be resolved (Resolve-EntraPasskeyPath).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param([Parameter(Mandatory)][System.Collections.IDictionary]$Parameters)

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
        if ($Parameters.Contains($name) -and -not [string]::IsNullOrEmpty([string]$Parameters[$name])) {
            $argv.Add($flags[$name])
            $argv.Add([string]$Parameters[$name])
        }
    }
    if ($Parameters.Contains('NoCache') -and $Parameters['NoCache']) { $argv.Add('--no-cache') }

    $secretFlags = [ordered]@{
        AccessToken         = @('--access-token-env', 'ENTRA_PASSKEY_PS_ACCESS_TOKEN')
        ClientSecret        = @('--client-secret-env', 'ENTRA_PASSKEY_PS_CLIENT_SECRET')
        CertificatePassword = @('--certificate-password-env', 'ENTRA_PASSKEY_PS_CERTIFICATE_PASSWORD')
    }
    $environment = @{}
    foreach ($name in $secretFlags.Keys) {
        if ($Parameters.Contains($name) -and $null -ne $Parameters[$name]) {
            $flag, $variable = $secretFlags[$name]
            $environment[$variable] = $Parameters[$name]
            $argv.Add($flag)
            $argv.Add($variable)
        }
    }
    [pscustomobject]@{ Arguments = [string[]]$argv.ToArray(); SecretEnvironment = $environment }
}
