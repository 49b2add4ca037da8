function Get-EntraPasskeyKeyInfo {
    <#
    .SYNOPSIS
    Shows what a security key reports about itself: AAGUID, model, versions, options, PIN state.

    .DESCRIPTION
    Runs 'entra-passkey key-info'. Needs no PIN and no touch.

    .PARAMETER Device
    The key (a Path from Get-EntraPasskeyDevice, or virtual:<state-file>); binds from the
    pipeline. Needed when several keys are present.

    .PARAMETER Timeout
    Give up on the key after this long.

    .EXAMPLE
    Get-EntraPasskeyDevice | Get-EntraPasskeyKeyInfo | Where-Object { -not $_.pinSet }

    Keys that still need a PIN.
    #>
    [CmdletBinding()]
    [OutputType('EntraPasskey.KeyInfo')]
    param(
        [Parameter(ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('Path')]
        [string]$Device,
        [TimeSpan]$Timeout
    )

    process {
        $argv = @('key-info') + (Get-EntraPasskeyKeyArgument -BoundParameters $PSBoundParameters)
        $target = if ($Device) { $Device } else { 'the security key' }
        $r = Invoke-EntraPasskeyCommand -ArgumentList $argv -Target $target -TypeName 'EntraPasskey.KeyInfo' -Activity 'Reading the security key'
        Write-EntraPasskeyResult -Cmdlet $PSCmdlet -Result $r
    }
}
