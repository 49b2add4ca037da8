function Reset-EntraPasskeyKey {
    <#
    .SYNOPSIS
    Erases a security key: every passkey on it, its PIN and its settings.

    .DESCRIPTION
    Asks for confirmation (ConfirmImpact High) first, and only then runs
    'entra-passkey reset --yes'. Keys accept a reset only within seconds of being plugged
    in, and with a touch: answer the confirmation, then replug the key and touch it.

    .PARAMETER Device
    The key (a Path from Get-EntraPasskeyDevice, or virtual:<state-file>).

    .PARAMETER Timeout
    Give up on the key after this long (waiting for the touch included).

    .EXAMPLE
    Reset-EntraPasskeyKey

    .EXAMPLE
    Get-EntraPasskeyDevice | Reset-EntraPasskeyKey -Confirm:$false
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
    [OutputType('EntraPasskey.KeyPreparation')]
    param(
        [Parameter(ValueFromPipelineByPropertyName)][Alias('Path')][string]$Device,
        [TimeSpan]$Timeout
    )

    process {
        $target = if ($Device) { $Device } else { 'the security key' }
        if (-not $PSCmdlet.ShouldProcess($target, 'Erase every passkey, the PIN and the settings')) { return }
        # --yes only now: ShouldProcess was the confirmation.
        $argv = @('reset', '--yes') + (Get-EntraPasskeyKeyArgument -BoundParameters $PSBoundParameters)
        $r = Invoke-EntraPasskeyCommand -ArgumentList $argv -Target $target -TypeName 'EntraPasskey.KeyPreparation' -Activity "Resetting $target"
        Write-EntraPasskeyResult -Cmdlet $PSCmdlet -Result $r
    }
}
