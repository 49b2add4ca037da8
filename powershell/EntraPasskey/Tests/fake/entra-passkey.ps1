# A stand-in for the entra-passkey binary in the Pester tests, run by PowerShell itself
# (Resolve-EntraPasskeyBinary is mocked to start it). It records what the module gave it
# and plays back a scenario, all in the folder $env:FAKE_EP_DIR. Call N (1, 2, ...) of a
# test records argv-N.json (its arguments), stdin-N.bin (stdin, byte for byte) and
# env-N.json (the variables named in $env:FAKE_EP_ENV, comma-separated, plus
# ENTRA_PASSKEY_NO_PROMPT); it plays stdout.txt and stderr.txt (written as they are) and
# exitcode.txt (default 0).
$dir = $env:FAKE_EP_DIR
$utf8 = [System.Text.UTF8Encoding]::new($false)
$n = 1
while (Test-Path -LiteralPath (Join-Path $dir "argv-$n.json")) { $n++ }
# The arguments exactly as the process got them (not as PowerShell bound them to $args):
# everything after this script's path.
$all = [Environment]::GetCommandLineArgs()
$at = [Array]::IndexOf($all, $PSCommandPath)
$argv = if ($at -ge 0) { @($all | Select-Object -Skip ($at + 1)) } else { @($args) }
[System.IO.File]::WriteAllText((Join-Path $dir "argv-$n.json"), (ConvertTo-Json -InputObject @($argv) -Compress), $utf8)

$in = [Console]::OpenStandardInput()
$buffer = [System.IO.MemoryStream]::new()
$in.CopyTo($buffer)
[System.IO.File]::WriteAllBytes((Join-Path $dir "stdin-$n.bin"), $buffer.ToArray())

$seen = [ordered]@{}
foreach ($name in (@("$env:FAKE_EP_ENV" -split ',') + 'ENTRA_PASSKEY_NO_PROMPT' | Where-Object { $_ })) {
    $seen[$name] = [Environment]::GetEnvironmentVariable($name)
}
[System.IO.File]::WriteAllText((Join-Path $dir "env-$n.json"), (ConvertTo-Json -InputObject $seen -Compress), $utf8)

foreach ($stream in @(@{ File = 'stderr.txt'; Open = { [Console]::OpenStandardError() } }, @{ File = 'stdout.txt'; Open = { [Console]::OpenStandardOutput() } })) {
    $path = Join-Path $dir $stream.File
    if (Test-Path -LiteralPath $path) {
        $bytes = [System.IO.File]::ReadAllBytes($path)
        $out = & $stream.Open
        $out.Write($bytes, 0, $bytes.Length)
        $out.Flush()
    }
}
$code = 0
$codeFile = Join-Path $dir 'exitcode.txt'
if (Test-Path -LiteralPath $codeFile) { $code = [int](Get-Content -LiteralPath $codeFile -Raw) }
exit $code
