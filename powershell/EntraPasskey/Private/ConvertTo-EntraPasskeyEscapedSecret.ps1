function ConvertTo-EntraPasskeyEscapedSecret {
    <#
    .SYNOPSIS
    The SecureString's characters, JSON-escaped and UTF-8 encoded; every intermediate
    buffer is zeroed. Only ConvertTo-EntraPasskeyStdin calls it.
    #>
    [CmdletBinding()]
    [OutputType([byte[]])]
    param(
        [Parameter(Mandatory)][System.Security.SecureString]$Secret,
        [Parameter(Mandatory)][System.Text.Encoding]$Encoding
    )

    $length = $Secret.Length
    $chars = [char[]]::new([Math]::Max(1, $length * 6))
    $n = 0
    $bstr = [System.Runtime.InteropServices.Marshal]::SecureStringToBSTR($Secret)
    try {
        for ($i = 0; $i -lt $length; $i++) {
            # ReadInt16 is signed: mask it back to the UTF-16 code unit.
            $c = [char]([int][System.Runtime.InteropServices.Marshal]::ReadInt16($bstr, $i * 2) -band 0xFFFF)
            if ($c -eq [char]'"' -or $c -eq [char]'\') {
                $chars[$n++] = [char]'\'
                $chars[$n++] = $c
            }
            elseif ([int]$c -lt 0x20) {
                foreach ($e in ('\u{0:x4}' -f [int]$c).ToCharArray()) { $chars[$n++] = $e }
            }
            else {
                $chars[$n++] = $c
            }
        }
        return , $Encoding.GetBytes($chars, 0, $n)
    }
    finally {
        [System.Runtime.InteropServices.Marshal]::ZeroFreeBSTR($bstr)
        [Array]::Clear($chars, 0, $chars.Length)
    }
}
