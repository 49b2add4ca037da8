function Get-EntraPasskeyDevice {
    <#
    .SYNOPSIS
    Lists the FIDO2 security keys present.

    .DESCRIPTION
    Runs 'entra-passkey devices'. Each key is one EntraPasskey.Device object; its Path is
    what -Device takes in the other cmdlets (and binds from the pipeline). On Windows, a
    session that is not elevated sees no keys: the error says elevation_required.

    .PARAMETER Device
    Also list this software test key (virtual:<state-file>).

    .PARAMETER Info
    Also ask each key for its AAGUID and model (opens every key).

    .EXAMPLE
    Get-EntraPasskeyDevice | Get-EntraPasskeyKeyInfo | Select-Object path, model, pinSet
    #>
    [CmdletBinding()]
    [OutputType('EntraPasskey.Device')]
    param(
        [string]$Device,
        [switch]$Info
    )

    $argv = @('devices') + (Get-EntraPasskeyKeyArgument -BoundParameters $PSBoundParameters)
    if ($Info) { $argv += '--info' }
    $r = Invoke-EntraPasskeyCommand -ArgumentList $argv -Target 'security keys' -Activity 'Listing security keys'
    foreach ($doc in $r.Documents) {
        foreach ($d in @(Get-EntraPasskeyField -InputObject $doc -Name 'devices')) {
            if ($null -eq $d) { continue }
            $d.PSObject.TypeNames.Insert(0, 'EntraPasskey.Device')
            $d
        }
    }
    if ($r.Error) { $PSCmdlet.WriteError($r.Error) }
}
