function ConvertTo-EntraPasskeyInputJson {
    <#
    .SYNOPSIS
    The JSON text of a document given as an object (PSCustomObject or hashtable, such as
    the module's own output or Invoke-MgGraphRequest's) or as a JSON string
    (Invoke-MgGraphRequest -OutputType Json, Get-Content -Raw: kept verbatim). Objects
    lose the fields in -Exclude and have their date-times written as RFC 3339 UTC.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)][AllowNull()][object]$InputObject,
        [string[]]$Exclude = @()
    )

    if ($null -eq $InputObject) { return '' }
    $value = $InputObject
    if ($value -is [System.Management.Automation.PSObject] -and $value.BaseObject -is [string]) { $value = $value.BaseObject }
    if ($value -is [string]) {
        # Kept verbatim (Graph's raw JSON stays byte for byte what Graph sent); a field
        # the module appends later wins over one of the same name in it.
        return $value.Trim()
    }
    ConvertTo-Json -InputObject (ConvertTo-EntraPasskeyJsonValue -Value $value -Exclude $Exclude) -Depth 64 -Compress
}
