function Set-EntraPasskeyKeyConfig {
    <#
    .SYNOPSIS
    Changes a security key's PIN policy: alwaysUv, minimum PIN length, forced PIN change.

    .DESCRIPTION
    Runs 'entra-passkey config always-uv', 'config min-pin-length' and
    'config force-pin-change' for the settings given, in that order, and returns each
    result. The order matters: once a PIN change is pending (forced, or a minimum above
    the current PIN's length), a CTAP 2.1 key refuses every command that needs the PIN,
    so what needs it runs first and the forced change last. Keys never lower their
    minimum PIN length (only a reset does). The PIN goes to the binary on stdin only.

    .PARAMETER AlwaysUv
    Turn the key's alwaysUv option on ($true) or off ($false).

    .PARAMETER MinPinLength
    The new minimum PIN length, 4 to 63.

    .PARAMETER RpId
    Relying parties allowed to read the minimum PIN length, e.g. login.microsoft.com.

    .PARAMETER ForcePinChange
    Make the key refuse use until its PIN is changed (the user picks their own PIN).

    .PARAMETER Pin
    The key's PIN (asked by PowerShell when not given).

    .PARAMETER Device
    The key (a Path from Get-EntraPasskeyDevice, or virtual:<state-file>).

    .PARAMETER Timeout
    Give up on the key after this long.

    .EXAMPLE
    Set-EntraPasskeyKeyConfig -Pin $pin -AlwaysUv $true -MinPinLength 8 -RpId login.microsoft.com -ForcePinChange
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('EntraPasskey.KeyPreparation')]
    param(
        [Nullable[bool]]$AlwaysUv,
        [ValidateRange(4, 63)][int]$MinPinLength,
        [string[]]$RpId,
        [switch]$ForcePinChange,
        [System.Security.SecureString]$Pin,
        [Parameter(ValueFromPipelineByPropertyName)][Alias('Path')][string]$Device,
        [TimeSpan]$Timeout
    )

    process {
        $key = Get-EntraPasskeyKeyArgument -BoundParameters $PSBoundParameters
        $steps = [System.Collections.Generic.List[object]]::new()
        if ($null -ne $AlwaysUv) {
            $state = if ($AlwaysUv) { '--on' } else { '--off' }
            $steps.Add(@{ Action = "Turn alwaysUv $($state.TrimStart('-'))"; Arguments = @('config', 'always-uv', $state) })
        }
        if ($PSBoundParameters.ContainsKey('MinPinLength')) {
            $argv = @('config', 'min-pin-length', [string]$MinPinLength)
            foreach ($r in $RpId) { $argv += '--rp-id', $r }
            $steps.Add(@{ Action = "Raise the minimum PIN length to $MinPinLength"; Arguments = $argv })
        }
        if ($ForcePinChange) { $steps.Add(@{ Action = 'Force a PIN change'; Arguments = @('config', 'force-pin-change') }) }
        $target = if ($Device) { $Device } else { 'the security key' }
        $keyPin = $Pin
        foreach ($step in $steps) {
            if (-not $PSCmdlet.ShouldProcess($target, $step.Action)) { continue }
            if (-not $keyPin) { $keyPin = Read-EntraPasskeyPin -Prompt "PIN of $target" }
            if ($keyPin -and $step.Arguments[1] -eq 'min-pin-length' -and $MinPinLength -gt $keyPin.Length) {
                Write-Warning "the minimum ($MinPinLength) is longer than the key's PIN ($($keyPin.Length) characters): the key will refuse use until the PIN is changed"
            }
            $r = Invoke-EntraPasskeyCommand -ArgumentList ($step.Arguments + $key) -SecretField @{ pin = $keyPin } -InputJson '{}' `
                -Target $target -TypeName 'EntraPasskey.KeyPreparation' -Activity "$($step.Action) on $target"
            Write-EntraPasskeyResult -Cmdlet $PSCmdlet -Result $r
        }
    }
}
