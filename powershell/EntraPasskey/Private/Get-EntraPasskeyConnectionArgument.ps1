function Get-EntraPasskeyConnectionArgument {
    <#
    .SYNOPSIS
    The sign-in flags and secret environment every Graph command gets: those of
    Connect-EntraPasskey (kept in module scope), or with -UseMgGraph (on the cmdlet or
    Connect-EntraPasskey -UseMgGraph) the Connect-MgGraph session's token. Without
    either, none: the binary uses its own token cache and ENTRA_PASSKEY_* variables.
    Returns Arguments, SecretEnvironment and Error; never throws.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param([switch]$UseMgGraph)

    $connection = $script:Connection
    if ($UseMgGraph -or ($null -ne $connection -and $connection.UseMgGraph)) {
        $mg = Get-EntraPasskeyMgToken
        if ($mg.Error) { return [pscustomobject]@{ Arguments = [string[]]@(); SecretEnvironment = @{}; Error = $mg.Error } }
        $signIn = ConvertTo-EntraPasskeySignInArgument -Parameters @{ Cloud = $mg.Cloud; AccessToken = $mg.Token }
        return [pscustomobject]@{ Arguments = $signIn.Arguments; SecretEnvironment = $signIn.SecretEnvironment; Error = $null }
    }
    if ($null -ne $connection) {
        return [pscustomobject]@{ Arguments = $connection.Arguments; SecretEnvironment = $connection.SecretEnvironment; Error = $null }
    }
    [pscustomobject]@{ Arguments = [string[]]@(); SecretEnvironment = @{}; Error = $null }
}
