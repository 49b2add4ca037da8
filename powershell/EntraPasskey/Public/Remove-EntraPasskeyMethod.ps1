function Remove-EntraPasskeyMethod {
    <#
    .SYNOPSIS
    Deletes one of a user's FIDO2 methods (passkeys) from Entra ID.

    .DESCRIPTION
    Asks for confirmation (ConfirmImpact High) and only then runs
    'entra-passkey methods delete --yes -- USER ID'. -WhatIf shows what would be
    deleted. The output is the deleted method.

    .PARAMETER UserId
    The user's object id or UPN; binds from userId (Get-EntraPasskeyMethod) or UserPrincipalName.

    .PARAMETER MethodId
    The method's id; binds from Id (Get-EntraPasskeyMethod, Get-MgUserAuthenticationFido2Method).

    .PARAMETER UseMgGraph
    Use the Connect-MgGraph session's token for this call.

    .EXAMPLE
    Get-EntraPasskeyMethod adele@contoso.com | Where-Object displayName -like 'Lost*' | Remove-EntraPasskeyMethod

    Asks before each deletion.
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
    [OutputType('EntraPasskey.MethodDeletion')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [Alias('UserPrincipalName', 'UPN')]
        [string]$UserId,
        [Parameter(Mandatory, Position = 1, ValueFromPipelineByPropertyName)]
        [Alias('Id', 'Fido2AuthenticationMethodId')]
        [string]$MethodId,
        [switch]$UseMgGraph
    )

    process {
        if (-not $PSCmdlet.ShouldProcess("FIDO2 method $MethodId of $UserId", 'Delete')) { return }
        # --yes only now: ShouldProcess was the confirmation. Method ids may start with
        # '-': the flags, then '--' before the arguments.
        $r = Invoke-EntraPasskeyCommand -ArgumentList @('methods', 'delete', '--yes', '--', $UserId, $MethodId) -Graph -UseMgGraph:$UseMgGraph `
            -Target $UserId -TypeName 'EntraPasskey.MethodDeletion' -Activity "Deleting a FIDO2 method of $UserId"
        Write-EntraPasskeyResult -Cmdlet $PSCmdlet -Result $r
    }
}
