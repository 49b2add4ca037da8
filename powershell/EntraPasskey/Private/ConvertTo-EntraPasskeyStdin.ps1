function ConvertTo-EntraPasskeyStdin {
    <#
    .SYNOPSIS
    Returns the UTF-8 bytes the binary reads on stdin: the JSON document, with secret
    string fields (the PIN) added to its top-level object.

    .DESCRIPTION
    Each SecureString is unwrapped only here, character by character into arrays that are
    zeroed before returning, and JSON-escaped straight into the byte buffer, so the PIN
    never becomes a managed string or an argument. The caller writes the bytes to the
    child's stdin and clears them ([Array]::Clear) right after the write.
    #>
    [CmdletBinding()]
    [OutputType([byte[]])]
    param(
        [AllowEmptyString()][string]$Json,
        [System.Collections.IDictionary]$SecretField
    )

    $utf8 = [System.Text.UTF8Encoding]::new($false)
    $text = if ($null -eq $Json) { '' } else { $Json.Trim() }
    if (-not $SecretField -or $SecretField.Count -eq 0) {
        if ($text -eq '') { return , [byte[]]::new(0) }
        return , $utf8.GetBytes($text + "`n")
    }

    if ($text -eq '') { $text = '{}' }
    if (-not ($text.StartsWith('{') -and $text.EndsWith('}'))) {
        # Invoke-EntraPasskeyBinary refuses such input before calling this.
        throw [System.ArgumentException]::new('the input is not a JSON object')
    }
    $head = $text.Substring(0, $text.Length - 1).TrimEnd()
    $parts = [System.Collections.Generic.List[byte[]]]::new()
    $parts.Add($utf8.GetBytes($head))
    $needComma = $head -ne '{'
    try {
        foreach ($name in $SecretField.Keys) {
            $secret = $SecretField[$name]
            if ($null -eq $secret) { continue }
            $prefix = if ($needComma) { ',' } else { '' }
            $parts.Add($utf8.GetBytes($prefix + '"' + $name + '":"'))
            $needComma = $true
            $parts.Add((ConvertTo-EntraPasskeyEscapedSecret -Secret $secret -Encoding $utf8))
            $parts.Add($utf8.GetBytes('"'))
        }
        $parts.Add($utf8.GetBytes("}`n"))
        $total = 0
        foreach ($p in $parts) { $total += $p.Length }
        $bytes = [byte[]]::new($total)
        $offset = 0
        foreach ($p in $parts) {
            [System.Buffer]::BlockCopy($p, 0, $bytes, $offset, $p.Length)
            $offset += $p.Length
        }
        return , $bytes
    }
    finally {
        foreach ($p in $parts) { [Array]::Clear($p, 0, $p.Length) }
    }
}
