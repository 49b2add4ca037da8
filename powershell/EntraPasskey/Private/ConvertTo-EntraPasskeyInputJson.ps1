function ConvertTo-EntraPasskeyInputJson {
    <#
    .SYNOPSIS
    The JSON text of a document given as an object (PSCustomObject or hashtable, such as
    the module's own output) or as a JSON string (Invoke-MgGraphRequest -OutputType Json,
    Get-Content -Raw: kept verbatim). Objects lose the fields in -Exclude, so a "pin"
    they carry is never forwarded.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)][AllowNull()][object]$InputObject,
        [string[]]$Exclude = @()
    )

    if ($null -eq $InputObject) {
        throw (New-EntraPasskeyErrorRecord -Code 'invalid_json' -Category InvalidArgument -Message 'no input document')
    }
    $value = $InputObject
    if ($value -is [System.Management.Automation.PSObject] -and $value.BaseObject -is [string]) { $value = $value.BaseObject }
    if ($value -is [string]) {
        # Kept verbatim (Graph's raw JSON stays byte for byte what Graph sent); a field
        # the module appends later wins over one of the same name in it.
        return $value.Trim()
    }
    if ($value -is [System.Collections.IDictionary]) {
        $copy = [ordered]@{}
        foreach ($key in $value.Keys) { if ($Exclude -notcontains $key) { $copy[$key] = $value[$key] } }
        return ConvertTo-Json -InputObject $copy -Depth 32 -Compress
    }
    $copy = [ordered]@{}
    foreach ($p in $value.PSObject.Properties) {
        if ($p.MemberType -in 'NoteProperty', 'Property' -and $Exclude -notcontains $p.Name) { $copy[$p.Name] = $p.Value }
    }
    ConvertTo-Json -InputObject $copy -Depth 32 -Compress
}
