function Set-EntraPasskeySecretEnvironment {
    <#
    .SYNOPSIS
    Puts secrets (an access token, a client secret) into the environment of the child
    process only, never into this session's environment or the command line. The binary
    is told the variable's name (--access-token-env NAME).
    #>
    [CmdletBinding()]
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '',
        Justification = 'Changes only a ProcessStartInfo that has not started yet.')]
    param(
        [Parameter(Mandatory)][System.Diagnostics.ProcessStartInfo]$StartInfo,
        [System.Collections.IDictionary]$SecretEnvironment
    )

    if (-not $SecretEnvironment) { return }
    foreach ($name in $SecretEnvironment.Keys) {
        $secret = $SecretEnvironment[$name]
        if ($null -eq $secret) { continue }
        $bstr = [System.Runtime.InteropServices.Marshal]::SecureStringToBSTR($secret)
        try {
            # The environment block of a process is text: this is the one plain copy.
            $StartInfo.EnvironmentVariables[$name] = [System.Runtime.InteropServices.Marshal]::PtrToStringBSTR($bstr)
        }
        finally {
            [System.Runtime.InteropServices.Marshal]::ZeroFreeBSTR($bstr)
        }
    }
}
