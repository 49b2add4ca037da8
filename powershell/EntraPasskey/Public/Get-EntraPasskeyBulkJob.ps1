function Get-EntraPasskeyBulkJob {
    <#
    .SYNOPSIS
    Shows a rollout's state: counts by state, failures with their codes, rate and ETA.

    .DESCRIPTION
    Runs 'entra-passkey bulk status --store FILE'. The output, an EntraPasskey.BulkStatus,
    holds job, total, counts (by the state names of the task state machine), failures
    (userPrincipalName, code, message, attempts), rate and eta. Reads the store only.

    .PARAMETER Store
    The job's store.

    .EXAMPLE
    (Get-EntraPasskeyBulkJob -Store .\sales.db).failures | Export-Csv failures.csv -NoTypeInformation
    #>
    [CmdletBinding()]
    [OutputType('EntraPasskey.BulkStatus')]
    param([Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)][Alias('Path')][string]$Store)

    process {
        $store = Resolve-EntraPasskeyPath -Path $Store
        $r = Invoke-EntraPasskeyCommand -ArgumentList @('bulk', 'status', '--store', $store) -Target $store `
            -TypeName 'EntraPasskey.BulkStatus' -Activity "Reading the rollout $store"
        Write-EntraPasskeyResult -Cmdlet $PSCmdlet -Result $r
    }
}
