function Get-EntraPasskeyPolicy {
    <#
    .SYNOPSIS
    Shows the tenant's FIDO2 policy and what in it blocks provisioning.

    .DESCRIPTION
    Runs 'entra-passkey policy show': the policy as Graph returns it and a list of
    problems (for example self-service registration turned off, which makes
    registration on behalf of users fail). Needs Policy.Read.AuthenticationMethod.

    .PARAMETER UseMgGraph
    Use the Connect-MgGraph session's token for this call.

    .EXAMPLE
    Get-EntraPasskeyPolicy | Select-Object -ExpandProperty problems
    #>
    [CmdletBinding()]
    [OutputType('EntraPasskey.Policy')]
    param([switch]$UseMgGraph)

    $r = Invoke-EntraPasskeyCommand -ArgumentList @('policy', 'show') -Graph -UseMgGraph:$UseMgGraph -Target 'the FIDO2 policy' `
        -TypeName 'EntraPasskey.Policy' -Activity 'Reading the FIDO2 policy'
    Write-EntraPasskeyResult -Cmdlet $PSCmdlet -Result $r
}
