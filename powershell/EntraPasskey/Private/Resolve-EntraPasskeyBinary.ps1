function Resolve-EntraPasskeyBinary {
    <#
    .SYNOPSIS
    Finds the entra-passkey executable the module runs.

    .DESCRIPTION
    In order: $env:ENTRA_PASSKEY_BIN (an explicit choice wins; relative to PowerShell's
    location), the binary bundled with the module under bin/<os>-<arch>/, then
    entra-passkey on PATH. On Linux and macOS a bundled binary that lost its execute bit
    (a Gallery nupkg keeps none) gets it back. Returns the file to start and the
    arguments that go before the command's own (none for the real binary; the tests
    point this at a fake script run by PowerShell), or an Error: never throws.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()

    $platform = Get-EntraPasskeyPlatform
    $exe = if ($platform.IsWindows) { 'entra-passkey.exe' } else { 'entra-passkey' }

    if ($env:ENTRA_PASSKEY_BIN) {
        $path = Resolve-EntraPasskeyPath -Path $env:ENTRA_PASSKEY_BIN
        if (-not (Test-Path -LiteralPath $path -PathType Leaf)) {
            return [pscustomobject]@{ FilePath = $null; PrefixArguments = @(); Error = (ConvertTo-EntraPasskeyErrorRecord -Code 'binary_not_found' `
                        -Category ObjectNotFound -Message "ENTRA_PASSKEY_BIN names $($env:ENTRA_PASSKEY_BIN), which is not a file" `
                        -Hint 'point ENTRA_PASSKEY_BIN at the entra-passkey executable, or unset it') }
        }
        return [pscustomobject]@{ FilePath = $path; PrefixArguments = @(); Error = $null }
    }

    $file = $null
    $bundled = [System.IO.Path]::Combine($script:ModuleRoot, 'bin', "$($platform.OS)-$($platform.Arch)", $exe)
    if (Test-Path -LiteralPath $bundled -PathType Leaf) {
        if (-not $platform.IsWindows -and (Get-Command -Name chmod -CommandType Application -ErrorAction SilentlyContinue)) {
            # The execute bit may be missing after Save-Module; chmod is idempotent.
            & chmod u+x -- $bundled 2>$null
        }
        $file = $bundled
    }
    else {
        $onPath = Get-Command -Name 'entra-passkey' -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($onPath) { $file = $onPath.Source }
    }
    if ($file) { return [pscustomobject]@{ FilePath = $file; PrefixArguments = @(); Error = $null } }

    [pscustomobject]@{ FilePath = $null; PrefixArguments = @(); Error = (ConvertTo-EntraPasskeyErrorRecord -Code 'binary_not_found' `
                -Category ObjectNotFound -Message "cannot find the entra-passkey executable (looked at ENTRA_PASSKEY_BIN, $bundled and PATH)" `
                -Hint 'install entra-passkey on PATH or set ENTRA_PASSKEY_BIN to its full path') }
}
