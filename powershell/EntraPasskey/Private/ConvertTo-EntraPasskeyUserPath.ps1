function ConvertTo-EntraPasskeyUserPath {
    <#
    .SYNOPSIS
    The user's Graph path segment: an object id or a UPN, URL-escaped (@ becomes %40).
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)][string]$UserId)

    [System.Uri]::EscapeDataString($UserId)
}
