function Get-EntraPasskeyField {
    <#
    .SYNOPSIS
    A field of a JSON object, or $null when it is absent: optional fields (hint,
    retries, @odata.nextLink, a bulk event's done/total) read safely under
    Set-StrictMode, which makes $obj.missing an error.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][AllowNull()][object]$InputObject,
        [Parameter(Mandatory)][string]$Name
    )

    if ($null -eq $InputObject) { return $null }
    if ($InputObject -is [System.Collections.IDictionary]) {
        if ($InputObject.Contains($Name)) { return $InputObject[$Name] }
        return $null
    }
    $p = $InputObject.PSObject.Properties[$Name]
    if ($null -ne $p) { return $p.Value }
    $null
}
