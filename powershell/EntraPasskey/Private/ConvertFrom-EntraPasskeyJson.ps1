function ConvertFrom-EntraPasskeyJson {
    <#
    .SYNOPSIS
    ConvertFrom-Json that keeps date-times as the strings the binary wrote (PowerShell
    7.5+ has -DateKind String; earlier 7.x turn them into DateTime, 5.1 keeps strings),
    so a document piped back into the binary is what it printed.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param([Parameter(Mandatory)][string]$Json)

    if ($script:JsonHasDateKind) {
        return ConvertFrom-Json -InputObject $Json -DateKind String -ErrorAction Stop
    }
    ConvertFrom-Json -InputObject $Json -ErrorAction Stop
}
