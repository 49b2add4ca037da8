function Get-EntraPasskeyDevice {
    <#
    .SYNOPSIS
    Lists the FIDO2 security keys present.

    .DESCRIPTION
    Runs 'entra-passkey devices'. Each key is one EntraPasskey.Device object; its Path is
    what -Device takes in the other cmdlets (and binds from the pipeline).

    .PARAMETER Device
    Also list this software test key (virtual:<state-file>).

    .PARAMETER Info
    Also ask each key for its AAGUID and model (opens every key).

    .EXAMPLE
    Get-EntraPasskeyDevice

    Lists the keys plugged in.

    .EXAMPLE
    Get-EntraPasskeyDevice | Get-EntraPasskeyKeyInfo | Select-Object Path, Model, PinSet, MinPinLength

    What each key reports about itself.

    .EXAMPLE
    Get-EntraPasskeyDevice | ConvertTo-Json

    The same list as JSON, no jq needed.
    #>
    [CmdletBinding()]
    [OutputType('EntraPasskey.Device')]
    param(
        [string]$Device,
        [switch]$Info
    )

    $argv = @('devices')
    if ($Device) { $argv += '--device', $Device }
    if ($Info) { $argv += '--info' }
    try {
        $doc = Invoke-EntraPasskeyBinary -ArgumentList $argv -Activity 'Listing security keys'
    }
    catch {
        $PSCmdlet.ThrowTerminatingError($_)
    }
    foreach ($d in @($doc.devices)) {
        $d.PSObject.TypeNames.Insert(0, 'EntraPasskey.Device')
        $d
    }
}
