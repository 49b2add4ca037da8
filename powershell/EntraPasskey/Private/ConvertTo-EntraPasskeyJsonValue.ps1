function ConvertTo-EntraPasskeyJsonValue {
    <#
    .SYNOPSIS
    A copy of a value ready for ConvertTo-Json: DateTime and DateTimeOffset become
    RFC 3339 UTC strings (5.1 would write "\/Date(...)\/", which the binary refuses, and
    7.x a local time without offset), hashtables and objects are walked, and fields named
    in -Exclude are dropped from the top level (a "pin" an input carries is never
    forwarded).
    #>
    [CmdletBinding()]
    param(
        [AllowNull()][object]$Value,
        [string[]]$Exclude = @(),
        [int]$Depth = 0
    )

    if ($null -eq $Value) { return $null }
    if ($Value -is [System.Management.Automation.PSObject] -and $Value.BaseObject -isnot [System.Management.Automation.PSCustomObject]) {
        $Value = $Value.BaseObject
    }
    if ($Value -is [datetime]) {
        $utc = if ($Value.Kind -eq [System.DateTimeKind]::Unspecified) { [datetime]::SpecifyKind($Value, [System.DateTimeKind]::Utc) } else { $Value.ToUniversalTime() }
        return $utc.ToString('yyyy-MM-ddTHH:mm:ss.FFFFFFFZ', [System.Globalization.CultureInfo]::InvariantCulture)
    }
    if ($Value -is [System.DateTimeOffset]) {
        return $Value.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ss.FFFFFFFZ', [System.Globalization.CultureInfo]::InvariantCulture)
    }
    if ($Value -is [string] -or $Value -is [ValueType]) { return $Value }
    if ($Depth -gt 64) { return $Value }
    $next = @{ Depth = $Depth + 1 }
    if ($Value -is [System.Collections.IDictionary]) {
        $copy = [ordered]@{}
        foreach ($key in $Value.Keys) {
            if ($Depth -eq 0 -and $Exclude -contains $key) { continue }
            $copy[[string]$key] = ConvertTo-EntraPasskeyJsonValue -Value $Value[$key] @next
        }
        return $copy
    }
    if ($Value -is [System.Collections.IEnumerable]) {
        # The comma keeps a one-element or empty array an array.
        $items = foreach ($item in $Value) { , (ConvertTo-EntraPasskeyJsonValue -Value $item @next) }
        return , @($items)
    }
    $copy = [ordered]@{}
    foreach ($p in $Value.PSObject.Properties) {
        if ($p.MemberType -notin 'NoteProperty', 'Property') { continue }
        if ($Depth -eq 0 -and $Exclude -contains $p.Name) { continue }
        $copy[$p.Name] = ConvertTo-EntraPasskeyJsonValue -Value $p.Value @next
    }
    $copy
}
