function Start-EntraPasskeyBulkJob {
    <#
    .SYNOPSIS
    Works a rollout's tasks at this station, one key at a time, resuming whatever an
    earlier run left unfinished.

    .DESCRIPTION
    Runs 'entra-passkey bulk run --store FILE' in one process. Without -Device it is the
    station loop: it says whom the next key is for ("insert a key for Adele Vance
    (12/120)"), waits for a new key, works the task, asks for the key to be removed and
    waits for that. What the operator must do is shown whatever the preferences; the
    job's done/total drive Write-Progress. Ctrl+C stops it cleanly between steps; the
    job resumes where it stopped. Follow with Get-EntraPasskeyBulkJob.

    .PARAMETER Store
    The job's store.

    .PARAMETER Device
    Work the next task on exactly these keys, without waiting for keys to come and go.

    .PARAMETER MaxTasks
    Stop after this many tasks.

    .PARAMETER Station
    This station's name: started again under the same name, it takes its own unfinished
    leases back at once.

    .PARAMETER PinIdentityPath
    age identity files that decrypt the job's PIN hand-overs, so a task interrupted after
    its key took the PIN can finish (--pin-identity-file).

    .PARAMETER UseMgGraph
    Use the Connect-MgGraph session's token (valid for about an hour: long runs should
    Connect-EntraPasskey with the binary's own sign-in).

    .EXAMPLE
    Start-EntraPasskeyBulkJob -Store .\sales.db -Station desk-1
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('EntraPasskey.BulkRun')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)][Alias('Path')][string]$Store,
        [string[]]$Device,
        [ValidateRange(1, [int]::MaxValue)][int]$MaxTasks,
        [string]$Station,
        [string[]]$PinIdentityPath,
        [switch]$UseMgGraph
    )

    process {
        $store = Resolve-EntraPasskeyPath -Path $Store
        $argv = @('bulk', 'run', '--store', $store)
        foreach ($d in $Device) { $argv += '--device', (Resolve-EntraPasskeyPath -Path $d -Device) }
        if ($PSBoundParameters.ContainsKey('MaxTasks')) { $argv += '--max-tasks', [string]$MaxTasks }
        if ($Station) { $argv += '--station', $Station }
        foreach ($i in $PinIdentityPath) { $argv += '--pin-identity-file', (Resolve-EntraPasskeyPath -Path $i) }
        if (-not $PSCmdlet.ShouldProcess($store, 'Prepare keys and register them for the rollout''s users')) { return }
        $r = Invoke-EntraPasskeyCommand -ArgumentList $argv -Graph -UseMgGraph:$UseMgGraph -Target $store -JsonLines `
            -TypeName 'EntraPasskey.BulkRun' -Activity "Rollout $store"
        Write-EntraPasskeyResult -Cmdlet $PSCmdlet -Result $r
    }
}
