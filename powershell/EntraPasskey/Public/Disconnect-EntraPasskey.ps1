function Disconnect-EntraPasskey {
    <#
    .SYNOPSIS
    Forgets Connect-EntraPasskey's settings and removes the binary's cached accounts.

    .DESCRIPTION
    Runs 'entra-passkey logout' with the connection's settings (which removes the cached
    accounts and tokens), then forgets them. After Connect-EntraPasskey -UseMgGraph it
    only forgets: the Microsoft.Graph session is Disconnect-MgGraph's.

    .PARAMETER KeepTokenCache
    Forget the settings but leave the binary's token cache as it is.

    .EXAMPLE
    Disconnect-EntraPasskey
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Low')]
    [OutputType('EntraPasskey.Logout')]
    param([switch]$KeepTokenCache)

    $connection = $script:Connection
    if ($null -ne $connection -and -not $connection.UseMgGraph -and -not $KeepTokenCache -and
        $PSCmdlet.ShouldProcess('the entra-passkey token cache', 'Remove the cached accounts and tokens')) {
        $r = Invoke-EntraPasskeyCommand -ArgumentList @('logout') -Graph -TypeName 'EntraPasskey.Logout' -Target 'sign-in' -Activity 'Signing out'
        Write-EntraPasskeyResult -Cmdlet $PSCmdlet -Result $r
    }
    $script:Connection = $null
}
