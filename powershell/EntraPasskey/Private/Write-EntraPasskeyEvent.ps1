function Write-EntraPasskeyEvent {
    <#
    .SYNOPSIS
    One stderr event of the binary (--log-format json) as PowerShell output: what a
    person must act on (touch the key, a device code, a bulk run's "insert a key for
    ...") is progress and information shown whatever the preferences say; progress
    (with done/total when a bulk run sends them) is Write-Progress; warning, notice,
    debug and request lines go to their streams.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][object]$EventRecord,
        [Parameter(Mandatory)][string]$Activity,
        [int]$ProgressId = 1,
        [int]$ParentProgressId = -1
    )

    $message = [string](Get-EntraPasskeyField -InputObject $EventRecord -Name 'message')
    $progress = @{ Id = $ProgressId; ParentId = $ParentProgressId; Activity = $Activity; Status = $(if ($message) { $message } else { $Activity }) }
    $kind = [string](Get-EntraPasskeyField -InputObject $EventRecord -Name 'event')
    switch ($kind) {
        { $_ -in 'touch', 'prompt', 'device_code' } {
            # A person must see this and act: not only progress (hidden by
            # $ProgressPreference, 7.2's minimal view, CI hosts) but the host too.
            Write-Progress @progress
            Write-Information -MessageData $message -Tags 'EntraPasskey', $kind -InformationAction Continue
        }
        'progress' {
            $done = Get-EntraPasskeyField -InputObject $EventRecord -Name 'done'
            $total = Get-EntraPasskeyField -InputObject $EventRecord -Name 'total'
            if ($null -ne $done -and $null -ne $total -and [int]$total -gt 0) {
                $progress.PercentComplete = [Math]::Min(100, [int](100 * [int]$done / [int]$total))
                $progress.Status = "$done of $total$(if ($message) { ": $message" })"
            }
            Write-Progress @progress
            Write-Information -MessageData $message -Tags 'EntraPasskey', 'progress'
        }
        'task' {
            $user = Get-EntraPasskeyField -InputObject $EventRecord -Name 'userPrincipalName'
            $state = Get-EntraPasskeyField -InputObject $EventRecord -Name 'state'
            $progress.CurrentOperation = "$user $state".Trim()
            Write-Progress @progress
            Write-Verbose "task $user -> $state"
        }
        'warning' { Write-Warning $message }
        'notice' { Write-Information -MessageData $message -Tags 'EntraPasskey', 'notice' }
        'debug' { Write-Debug $message }
        'request' { Write-Verbose $message }
        default { Write-Verbose "entra-passkey: $kind $message" }
    }
}
