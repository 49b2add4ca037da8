function Resolve-EntraPasskeyBinary {
    <#
    .SYNOPSIS
    Finds the entra-passkey executable the module runs.

    .DESCRIPTION
    In order: $env:ENTRA_PASSKEY_BIN (an explicit choice wins), the binary bundled with
    the module under bin/<os>-<arch>/, then entra-passkey on PATH. Returns the file to
    start and the arguments that go before the command's own (none for the real
    binary; the tests point this at a fake script run by PowerShell).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()

    $onWindows = ($PSVersionTable.PSEdition -eq 'Desktop') -or $IsWindows
    $exe = if ($onWindows) { 'entra-passkey.exe' } else { 'entra-passkey' }

    if ($env:ENTRA_PASSKEY_BIN) {
        if (-not (Test-Path -LiteralPath $env:ENTRA_PASSKEY_BIN -PathType Leaf)) {
            $message = "ENTRA_PASSKEY_BIN names $($env:ENTRA_PASSKEY_BIN), which is not a file"
            throw (New-EntraPasskeyErrorRecord -Code 'binary_not_found' -Message $message -Category ObjectNotFound `
                    -Hint 'point ENTRA_PASSKEY_BIN at the entra-passkey executable, or unset it')
        }
        return [pscustomobject]@{ FilePath = $env:ENTRA_PASSKEY_BIN; PrefixArguments = @() }
    }

    $os = if ($onWindows) { 'windows' } elseif ($IsMacOS) { 'darwin' } else { 'linux' }
    $arch = switch ([System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString()) {
        'X64' { 'amd64' }
        'Arm64' { 'arm64' }
        'X86' { '386' }
        'Arm' { 'arm' }
        default { $_.ToLowerInvariant() }
    }
    $bundled = Join-Path -Path (Join-Path -Path (Join-Path -Path $script:ModuleRoot -ChildPath 'bin') -ChildPath "$os-$arch") -ChildPath $exe
    if (Test-Path -LiteralPath $bundled -PathType Leaf) {
        return [pscustomobject]@{ FilePath = $bundled; PrefixArguments = @() }
    }

    $onPath = Get-Command -Name 'entra-passkey' -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($onPath) {
        return [pscustomobject]@{ FilePath = $onPath.Source; PrefixArguments = @() }
    }

    $message = "cannot find the entra-passkey executable (looked at ENTRA_PASSKEY_BIN, $bundled and PATH)"
    throw (New-EntraPasskeyErrorRecord -Code 'binary_not_found' -Message $message -Category ObjectNotFound `
            -Hint 'install entra-passkey on PATH or set ENTRA_PASSKEY_BIN to its full path')
}
