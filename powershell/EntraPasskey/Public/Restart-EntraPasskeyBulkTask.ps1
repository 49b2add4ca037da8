function Restart-EntraPasskeyBulkTask {
    <#
    .SYNOPSIS
    Puts a rollout's failed tasks back in the queue, all of them or those that failed with one error code.

    .DESCRIPTION
    Runs 'entra-passkey bulk retry --store FILE [--code CODE]'. The next
    Start-EntraPasskeyBulkJob works them again, from the last state each recorded.

    .PARAMETER Store
    The job's store.

    .PARAMETER Code
    Only the tasks that failed with this error code (e.g. pin_invalid).

    .EXAMPLE
    Restart-EntraPasskeyBulkTask -Store .\sales.db -Code graph_throttled
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('EntraPasskey.BulkRetry')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)][Alias('Path')][string]$Store,
        [string]$Code
    )

    process {
        $store = Resolve-EntraPasskeyPath -Path $Store
        $argv = @('bulk', 'retry', '--store', $store)
        if ($Code) { $argv += '--code', $Code }
        $which = if ($Code) { "the tasks that failed with $Code" } else { 'every failed task' }
        if (-not $PSCmdlet.ShouldProcess($store, "Queue $which again")) { return }
        $r = Invoke-EntraPasskeyCommand -ArgumentList $argv -Target $store -JsonLines -TypeName 'EntraPasskey.BulkRetry' -Activity "Retrying in $store"
        Write-EntraPasskeyResult -Cmdlet $PSCmdlet -Result $r
    }
}
