function Resolve-EntraPasskeyPath {
    <#
    .SYNOPSIS
    A path parameter as the file system path the binary must get: ~, PSDrives
    (TestDrive:\k.json) and relative paths are resolved against PowerShell's location,
    which is not the process's. The file need not exist (a -RecordPath, a -PinOutPath).
    With -Device, only a software key's virtual:<file> is a path; a hardware key's path
    (/dev/hidraw0, \\?\hid#...) is passed as it is.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)][AllowEmptyString()][string]$Path,
        [switch]$Device
    )

    if ($Path -eq '') { return $Path }
    $prefix = ''
    $rest = $Path
    if ($Device) {
        if (-not $Path.StartsWith('virtual:', [System.StringComparison]::OrdinalIgnoreCase)) { return $Path }
        $prefix = $Path.Substring(0, 8)
        $rest = $Path.Substring(8)
    }
    $prefix + $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($rest)
}
