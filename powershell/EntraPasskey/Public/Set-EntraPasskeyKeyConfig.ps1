function Set-EntraPasskeyKeyConfig {
    <#
    .SYNOPSIS
    Changes a security key's PIN policy: minimum PIN length, forced PIN change, alwaysUv.

    .DESCRIPTION
    Runs 'entra-passkey config min-pin-length', 'config force-pin-change' and
    'config always-uv' for the settings given, in that order, and returns each result.
    Keys never lower their minimum PIN length (only a reset does). The PIN goes to the
    binary on stdin only.

    .PARAMETER MinPinLength
    The new minimum PIN length, 4 to 63.

    .PARAMETER RpId
    Relying parties allowed to read the minimum PIN length, e.g. login.microsoft.com.

    .PARAMETER ForcePinChange
    Make the key refuse use until its PIN is changed (the user picks their own PIN).

    .PARAMETER AlwaysUv
    Turn the key's alwaysUv option on ($true) or off ($false).

    .PARAMETER Pin
    The key's PIN.

    .PARAMETER Device
    The key (a Path from Get-EntraPasskeyDevice, or virtual:<state-file>).

    .PARAMETER Timeout
    Give up on the key after this long.

    .EXAMPLE
    Set-EntraPasskeyKeyConfig -Pin $pin -MinPinLength 8 -RpId login.microsoft.com -ForcePinChange
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('EntraPasskey.KeyPreparation')]
    param(
        [ValidateRange(4, 63)][int]$MinPinLength,
        [string[]]$RpId,
        [switch]$ForcePinChange,
        [Nullable[bool]]$AlwaysUv,
        [System.Security.SecureString]$Pin,
        [Parameter(ValueFromPipelineByPropertyName)][Alias('Path')][string]$Device,
        [TimeSpan]$Timeout
    )

    process {
        $key = Get-EntraPasskeyKeyArgument -BoundParameters $PSBoundParameters
        $steps = [System.Collections.Generic.List[object]]::new()
        if ($PSBoundParameters.ContainsKey('MinPinLength')) {
            $argv = @('config', 'min-pin-length', [string]$MinPinLength)
            foreach ($r in $RpId) { $argv += '--rp-id', $r }
            $steps.Add(@{ Action = "Raise the minimum PIN length to $MinPinLength"; Arguments = $argv })
        }
        if ($ForcePinChange) { $steps.Add(@{ Action = 'Force a PIN change'; Arguments = @('config', 'force-pin-change') }) }
        if ($null -ne $AlwaysUv) {
            $state = if ($AlwaysUv) { '--on' } else { '--off' }
            $steps.Add(@{ Action = "Turn alwaysUv $($state.TrimStart('-'))"; Arguments = @('config', 'always-uv', $state) })
        }
        $target = if ($Device) { $Device } else { 'the security key' }
        foreach ($step in $steps) {
            try {
                if (-not $PSCmdlet.ShouldProcess($target, $step.Action)) { continue }
                $secrets = @{}
                if ($PSBoundParameters.ContainsKey('Pin')) { $secrets['pin'] = $Pin }
                Invoke-EntraPasskeyBinary -ArgumentList ($step.Arguments + $key) -SecretField $secrets -InputJson '{}' `
                    -TypeName 'EntraPasskey.KeyPreparation' -Activity "$($step.Action) on $target"
            }
            catch {
                $PSCmdlet.WriteError($_)
            }
        }
    }
}
