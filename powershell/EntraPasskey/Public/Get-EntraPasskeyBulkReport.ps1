function Get-EntraPasskeyBulkReport {
    <#
    .SYNOPSIS
    The rollout's inventory: one row per task (user, outcome, method, key, station,
    operator, error code), ready for Export-Csv.

    .DESCRIPTION
    Runs 'entra-passkey bulk report --store FILE --format jsonl' and turns each line into
    an EntraPasskey.BulkReportRecord with the fields of the report (userPrincipalName,
    userId, outcome, methodId, credentialId, aaGuid, model, serial, station, operator,
    errorCode, requestIds, finishedDateTime); requestIds, a list, is joined with ';' so
    every column is text. No PIN is ever in it.

    With -CsvPath the binary writes the CSV itself (--format csv --out FILE), with cells
    that a spreadsheet could take for a formula escaped: prefer it for files opened in
    Excel, since Export-Csv escapes nothing.

    .PARAMETER Store
    The job's store.

    .PARAMETER CsvPath
    Write the report to this CSV file instead of returning objects.

    .EXAMPLE
    Get-EntraPasskeyBulkReport -Store .\sales.db | Where-Object outcome -ne 'done' | Export-Csv todo.csv -NoTypeInformation

    .EXAMPLE
    Get-EntraPasskeyBulkReport -Store .\sales.db -CsvPath .\sales-inventory.csv
    #>
    [CmdletBinding()]
    [OutputType('EntraPasskey.BulkReportRecord')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)][Alias('Path')][string]$Store,
        [string]$CsvPath
    )

    process {
        $store = Resolve-EntraPasskeyPath -Path $Store
        if ($CsvPath) {
            $r = Invoke-EntraPasskeyCommand -ArgumentList @('bulk', 'report', '--store', $store, '--format', 'csv', '--out', (Resolve-EntraPasskeyPath -Path $CsvPath)) `
                -Target $store -JsonLines -Activity "Writing the report of $store"
            Write-EntraPasskeyResult -Cmdlet $PSCmdlet -Result $r
            return
        }
        $r = Invoke-EntraPasskeyCommand -ArgumentList @('bulk', 'report', '--store', $store, '--format', 'jsonl') -Target $store -JsonLines `
            -TypeName 'EntraPasskey.BulkReportRecord' -Activity "Reading the report of $store"
        # A report line is also a registration record (with the method and key as Graph and
        # the key gave them): the rows keep the inventory's columns, flat, for Export-Csv.
        $columns = 'userPrincipalName', 'userId', 'outcome', 'methodId', 'credentialId', 'aaGuid', 'model', 'serial',
            'displayName', 'createdDateTime', 'station', 'operator', 'errorCode', 'errorMessage', 'requestIds', 'finishedDateTime'
        foreach ($row in $r.Documents) {
            $flat = $row | Select-Object -Property $columns
            $ids = Get-EntraPasskeyField -InputObject $row -Name 'requestIds'
            if ($null -ne $ids -and $ids -isnot [string]) { $flat.requestIds = (@($ids) | ForEach-Object { [string]$_ }) -join ';' }
            $flat.PSObject.TypeNames.Insert(0, 'EntraPasskey.BulkReportRecord')
            $flat
        }
        if ($r.Error) { $PSCmdlet.WriteError($r.Error) }
    }
}
