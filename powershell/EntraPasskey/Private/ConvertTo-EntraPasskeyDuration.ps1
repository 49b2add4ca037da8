function ConvertTo-EntraPasskeyDuration {
    <#
    .SYNOPSIS
    A TimeSpan as a Go duration the binary parses (whole milliseconds, no culture).
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)][TimeSpan]$TimeSpan)

    '{0}ms' -f ([long][Math]::Round($TimeSpan.TotalMilliseconds)).ToString([System.Globalization.CultureInfo]::InvariantCulture)
}
