function ConvertTo-EntraPasskeyCommandLine {
    <#
    .SYNOPSIS
    Joins arguments into one Windows command line that splits back into exactly these
    arguments (the C runtime's and Go's rules: quotes around arguments with blanks or
    quotes, backslashes doubled only before a quote). Used only where
    ProcessStartInfo.ArgumentList does not exist (Windows PowerShell 5.1).
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)][AllowEmptyString()][string[]]$ArgumentList)

    $quoted = foreach ($arg in $ArgumentList) {
        if ($arg.Length -gt 0 -and $arg -notmatch '[\s"]') {
            $arg
            continue
        }
        $sb = [System.Text.StringBuilder]::new()
        $null = $sb.Append('"')
        $backslashes = 0
        foreach ($c in $arg.ToCharArray()) {
            if ($c -eq [char]'\') {
                $backslashes++
                continue
            }
            if ($c -eq [char]'"') {
                $null = $sb.Append([char]'\', 2 * $backslashes + 1)
            }
            elseif ($backslashes -gt 0) {
                $null = $sb.Append([char]'\', $backslashes)
            }
            $backslashes = 0
            $null = $sb.Append($c)
        }
        $null = $sb.Append([char]'\', 2 * $backslashes)
        $null = $sb.Append('"')
        $sb.ToString()
    }
    $quoted -join ' '
}
