function Get-EntraPasskeyPlatform {
    <#
    .SYNOPSIS
    The operating system and processor of this session as the binary's release names
    them (windows/linux/darwin, amd64/arm64/386/arm), and whether it is Windows. Windows
    PowerShell 5.1 may run on .NET Framework 4.6.2 (Server 2016), which lacks
    RuntimeInformation: there the processor comes from PROCESSOR_ARCHITEW6432 (a 32-bit
    process on a 64-bit system) or PROCESSOR_ARCHITECTURE.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()

    $desktop = $PSVersionTable.PSEdition -eq 'Desktop'
    $windows = $desktop -or $IsWindows
    $os = if ($windows) { 'windows' } elseif ($IsMacOS) { 'darwin' } else { 'linux' }
    if ($desktop) {
        $name = if ($env:PROCESSOR_ARCHITEW6432) { $env:PROCESSOR_ARCHITEW6432 } else { $env:PROCESSOR_ARCHITECTURE }
    }
    else {
        $name = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString()
    }
    $arch = switch ("$name".ToUpperInvariant()) {
        { $_ -in 'X64', 'AMD64' } { 'amd64'; break }
        'ARM64' { 'arm64'; break }
        'X86' { '386'; break }
        'ARM' { 'arm'; break }
        default { "$name".ToLowerInvariant() }
    }
    [pscustomobject]@{ OS = $os; Arch = $arch; IsWindows = [bool]$windows }
}
