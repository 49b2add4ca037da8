function ConvertTo-EntraPasskeyRegistrationResult {
    <#
    .SYNOPSIS
    One flat row per user for Register-EntraPasskeyDevice, ready for Export-Csv: who,
    what happened (Registered, RegisteredWithError: Graph holds the method but a later
    step failed, Failed, Skipped), the method and the key, where a random PIN went, and
    the error code. Nothing in it is a nested object, and never a PIN.
    #>
    [CmdletBinding()]
    [OutputType('EntraPasskey.RegistrationResult')]
    param(
        [Parameter(Mandatory)][string]$UserId,
        [AllowNull()][object]$Document,
        [AllowNull()][System.Management.Automation.ErrorRecord]$ErrorRecord,
        [string]$Status
    )

    $method = Get-EntraPasskeyField -InputObject $Document -Name 'method'
    $key = Get-EntraPasskeyField -InputObject $Document -Name 'key'
    $randomPin = Get-EntraPasskeyField -InputObject $Document -Name 'randomPin'
    if (-not $Status) {
        $Status = if ($null -eq $Document) { 'Failed' } elseif ($null -ne $ErrorRecord) { 'RegisteredWithError' } else { 'Registered' }
    }
    $row = [pscustomobject][ordered]@{
        UserId            = $UserId
        Status            = $Status
        MethodId          = [string](Get-EntraPasskeyField -InputObject $method -Name 'id')
        MethodDisplayName = [string](Get-EntraPasskeyField -InputObject $method -Name 'displayName')
        CreatedDateTime   = [string](Get-EntraPasskeyField -InputObject $method -Name 'createdDateTime')
        Reconciled        = [bool](Get-EntraPasskeyField -InputObject $Document -Name 'reconciled')
        AaGuid            = [string](Get-EntraPasskeyField -InputObject $key -Name 'aaguid')
        Model             = [string](Get-EntraPasskeyField -InputObject $key -Name 'model')
        Serial            = [string](Get-EntraPasskeyField -InputObject $key -Name 'serial')
        Device            = [string](Get-EntraPasskeyField -InputObject $key -Name 'path')
        PinDelivery       = [string](Get-EntraPasskeyField -InputObject $randomPin -Name 'file')
        ErrorCode         = $(if ($ErrorRecord) { [string]$ErrorRecord.FullyQualifiedErrorId.Split(',')[0] } else { '' })
        ErrorMessage      = $(if ($ErrorRecord) { $ErrorRecord.Exception.Message } else { '' })
    }
    $row.PSObject.TypeNames.Insert(0, 'EntraPasskey.RegistrationResult')
    $row
}
