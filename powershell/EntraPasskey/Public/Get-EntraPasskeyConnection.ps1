function Get-EntraPasskeyConnection {
    <#
    .SYNOPSIS
    Shows who the EntraPasskey cmdlets act as (never the token), like Get-MgContext.

    .DESCRIPTION
    Runs 'entra-passkey whoami' with the settings of Connect-EntraPasskey (or, without
    one, the binary's own cache and ENTRA_PASSKEY_* variables). It never starts a
    sign-in. UseMgGraph says whether the Connect-MgGraph session's token is used.

    .EXAMPLE
    Get-EntraPasskeyConnection | Select-Object username, tenantId, scopes
    #>
    [CmdletBinding()]
    [OutputType('EntraPasskey.Connection')]
    param()

    $r = Invoke-EntraPasskeyCommand -ArgumentList @('whoami') -Graph -TypeName 'EntraPasskey.Connection' -Target 'sign-in' -Activity 'Reading the sign-in'
    $mg = $null -ne $script:Connection -and $script:Connection.UseMgGraph
    foreach ($doc in $r.Documents) { $doc | Add-Member -NotePropertyName 'UseMgGraph' -NotePropertyValue $mg -Force }
    Write-EntraPasskeyResult -Cmdlet $PSCmdlet -Result $r
}
