function Get-EntraPasskeyMethod {
    <#
    .SYNOPSIS
    Lists a user's FIDO2 methods (passkeys) in Entra ID.

    .DESCRIPTION
    Runs 'entra-passkey methods list USER' (every page). Each method is an
    EntraPasskey.Method with the user's id added as userId, so it pipes into
    Remove-EntraPasskeyMethod.

    .PARAMETER UserId
    The user's object id or UPN; binds from Id, UserPrincipalName or UPN (Get-MgUser, Import-Csv).

    .PARAMETER UseMgGraph
    Use the Connect-MgGraph session's token for this call.

    .EXAMPLE
    Get-EntraPasskeyMethod adele@contoso.com

    .EXAMPLE
    Get-MgGroupMember -GroupId $g -All | Get-EntraPasskeyMethod -UseMgGraph | Export-Csv methods.csv -NoTypeInformation
    #>
    [CmdletBinding()]
    [OutputType('EntraPasskey.Method')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('Id', 'UserPrincipalName', 'UPN')]
        [ValidateScript({ $_ -notmatch '^@\{' })]
        [string]$UserId,
        [switch]$UseMgGraph
    )

    process {
        $r = Invoke-EntraPasskeyCommand -ArgumentList @('methods', 'list', '--', $UserId) -Graph -UseMgGraph:$UseMgGraph -Target $UserId `
            -Activity "Listing the FIDO2 methods of $UserId"
        foreach ($doc in $r.Documents) {
            foreach ($m in @(Get-EntraPasskeyField -InputObject $doc -Name 'methods')) {
                if ($null -eq $m) { continue }
                if ($null -eq $m.PSObject.Properties['userId']) { $m | Add-Member -NotePropertyName 'userId' -NotePropertyValue $UserId }
                $m.PSObject.TypeNames.Insert(0, 'EntraPasskey.Method')
                $m
            }
        }
        if ($r.Error) { $PSCmdlet.WriteError($r.Error) }
    }
}
