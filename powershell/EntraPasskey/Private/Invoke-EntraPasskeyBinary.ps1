function Invoke-EntraPasskeyBinary {
    <#
    .SYNOPSIS
    The one place the module runs entra-passkey: one process, its result returned.

    .DESCRIPTION
    Starts the binary with System.Diagnostics.Process (each argument its own argument
    where .NET has ArgumentList; Windows PowerShell 5.1 gets a command line quoted as
    Go splits it), in PowerShell's current directory, with --log-format json and
    ENTRA_PASSKEY_NO_PROMPT set (its console is hidden: the module asks the host for the
    PIN instead). Writes the JSON input plus the secret fields (unwrapped only into a byte
    buffer, cleared as soon as it is written) to stdin and closes it, reads stdout whole,
    and turns the stderr events into output as they come (Write-EntraPasskeyEvent).

    Returns Documents (stdout's JSON document, or each line with -JsonLines), Error (an
    ErrorRecord built from the error event and exit code, or $null) and ExitCode. It
    never throws for a failure of the binary, so the cmdlet writes each error exactly
    once; when Graph holds a method although the command then failed (exit 3,
    "registered": true) both the document and the error are returned, and so they are
    with -KeepDocumentOnError, for commands whose document is the result also when they
    fail (verify-registration's verdict, recover's record of the steps it took).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)][string[]]$ArgumentList,
        [AllowEmptyString()][AllowNull()][string]$InputJson,
        [System.Collections.IDictionary]$SecretField,
        [System.Collections.IDictionary]$SecretEnvironment,
        [switch]$JsonLines,
        [switch]$KeepDocumentOnError,
        [string]$Target,
        [string]$Activity = 'entra-passkey',
        [int]$ProgressId = 1,
        [int]$ParentProgressId = -1
    )

    $result = [pscustomobject]@{ Documents = @(); Error = $null; ExitCode = $null }
    $binary = Resolve-EntraPasskeyBinary
    if ($binary.Error) {
        $result.Error = $binary.Error
        return $result
    }
    $text = if ($InputJson) { $InputJson.Trim() } else { '' }
    if ($SecretField -and $SecretField.Count -gt 0 -and $text -ne '' -and -not ($text.StartsWith('{') -and $text.EndsWith('}'))) {
        $result.Error = ConvertTo-EntraPasskeyErrorRecord -Code 'invalid_json' -Category InvalidData -Target $Target `
            -Message 'the input is not a JSON object, so the PIN cannot be added to it' `
            -Hint 'pass the creation options as an object or a JSON object string'
        return $result
    }

    $argv = [System.Collections.Generic.List[string]]::new()
    foreach ($a in $binary.PrefixArguments) { $argv.Add([string]$a) }
    $argv.Add('--log-format')
    $argv.Add('json')
    if ($DebugPreference -ne 'SilentlyContinue' -and $DebugPreference -ne 'Ignore') { $argv.Add('--debug') }
    foreach ($a in $ArgumentList) { $argv.Add([string]$a) }

    $utf8 = [System.Text.UTF8Encoding]::new($false)
    $psi = [System.Diagnostics.ProcessStartInfo]::new()
    $psi.FileName = $binary.FilePath
    $psi.UseShellExecute = $false
    $psi.CreateNoWindow = $true
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.StandardOutputEncoding = $utf8
    $psi.StandardErrorEncoding = $utf8
    $psi.WorkingDirectory = (Get-Location -PSProvider FileSystem).ProviderPath
    $psi.EnvironmentVariables.Remove('ENTRA_PASSKEY_LOG_FORMAT')
    $psi.EnvironmentVariables['ENTRA_PASSKEY_NO_PROMPT'] = '1'
    if ($null -ne [System.Diagnostics.ProcessStartInfo].GetProperty('ArgumentList')) {
        foreach ($a in $argv) { $psi.ArgumentList.Add($a) }
    }
    else {
        $psi.Arguments = ConvertTo-EntraPasskeyCommandLine -ArgumentList $argv.ToArray()
    }
    Write-Verbose ('entra-passkey ' + ($ArgumentList -join ' '))

    $process = [System.Diagnostics.Process]::new()
    $process.StartInfo = $psi
    $started = $false
    $stdinBytes = $null
    $errorEvent = $null
    $stdout = ''
    $otherLines = [System.Collections.Generic.List[string]]::new()
    try {
        $stdinBytes = ConvertTo-EntraPasskeyStdin -Json $text -SecretField $SecretField
        Set-EntraPasskeySecretEnvironment -StartInfo $psi -SecretEnvironment $SecretEnvironment
        try {
            $started = $process.Start()
        }
        catch {
            $result.Error = ConvertTo-EntraPasskeyErrorRecord -Code 'binary_start_failed' -Category ResourceUnavailable -Target $Target `
                -Message "cannot start $($binary.FilePath): $($_.Exception.Message)" `
                -Hint 'check that the file is an entra-passkey executable for this platform (ENTRA_PASSKEY_BIN); on macOS: xattr -d com.apple.quarantine FILE'
            return $result
        }
        finally {
            if ($SecretEnvironment) {
                foreach ($name in @($SecretEnvironment.Keys)) { $psi.EnvironmentVariables.Remove($name) }
            }
        }
        $stdoutTask = $process.StandardOutput.ReadToEndAsync()
        try {
            $stdin = $process.StandardInput.BaseStream
            if ($stdinBytes.Length -gt 0) { $stdin.Write($stdinBytes, 0, $stdinBytes.Length) }
            $stdin.Flush()
        }
        catch [System.IO.IOException] {
            Write-Debug 'entra-passkey exited before reading all of its input'
        }
        finally {
            # The PIN lives no longer than the write, not until the touch.
            [Array]::Clear($stdinBytes, 0, $stdinBytes.Length)
            try { $process.StandardInput.Close() } catch [System.IO.IOException] { Write-Debug 'stdin already closed' }
        }

        while ($true) {
            $lineTask = $process.StandardError.ReadLineAsync()
            # Waiting in slices lets Ctrl+C stop the pipeline (the finally below).
            while (-not $lineTask.Wait(200)) { }
            $line = $lineTask.Result
            if ($null -eq $line) { break }
            $trimmed = $line.Trim()
            if ($trimmed -eq '') { continue }
            $ev = $null
            # Only a line that looks like an object is parsed: a caught parse error
            # would still land in the caller's -ErrorVariable.
            if ($trimmed.StartsWith('{') -and $trimmed.EndsWith('}')) {
                try { $ev = ConvertFrom-Json -InputObject $trimmed } catch { $ev = $null }
            }
            if ($null -eq $ev -or $null -eq $ev.PSObject.Properties['event']) {
                $otherLines.Add($line)
                Write-Verbose "entra-passkey: $line"
                continue
            }
            if ([string]$ev.event -eq 'error') {
                $errorEvent = Get-EntraPasskeyField -InputObject $ev -Name 'error'
                continue
            }
            Write-EntraPasskeyEvent -EventRecord $ev -Activity $Activity -ProgressId $ProgressId -ParentProgressId $ParentProgressId
        }
        $process.WaitForExit()
        $stdout = $stdoutTask.GetAwaiter().GetResult()
        $result.ExitCode = $process.ExitCode
    }
    finally {
        if ($null -ne $stdinBytes) { [Array]::Clear($stdinBytes, 0, $stdinBytes.Length) }
        if ($started -and -not $process.HasExited) {
            # Stopped (Ctrl+C, PowerShell.Stop()): on Linux and macOS the child got the
            # terminal's SIGINT too and is cleaning up (a PIN temporary file, a Graph
            # reconciliation); give it that time before ending it.
            try {
                if (-not $process.WaitForExit(5000)) { $process.Kill() }
            }
            catch [System.InvalidOperationException] { Write-Debug 'entra-passkey already exited' }
        }
        $process.Dispose()
        Write-Progress -Id $ProgressId -ParentId $ParentProgressId -Activity $Activity -Completed
    }

    $docs = [System.Collections.Generic.List[object]]::new()
    $outputError = $null
    $lines = if ($JsonLines) { $stdout -split "`n" } else { , $stdout }
    foreach ($chunk in $lines) {
        $json = "$chunk".Trim()
        if ($json -eq '') { continue }
        try {
            $doc = ConvertFrom-EntraPasskeyJson -Json $json
        }
        catch {
            $outputError = "entra-passkey printed something that is not JSON: $($_.Exception.Message)"
            break
        }
        $version = Get-EntraPasskeyField -InputObject $doc -Name 'schemaVersion'
        if ($null -ne $version -and [int]$version -ne 1) {
            $result.Error = ConvertTo-EntraPasskeyErrorRecord -Code 'unsupported_schema' -Category InvalidResult -Target $Target `
                -Message "entra-passkey printed a schemaVersion $version document; this module reads schemaVersion 1" `
                -Hint 'use the entra-passkey binary that came with this module version, or update the module'
            return $result
        }
        $docs.Add($doc)
    }
    $result.Documents = $docs.ToArray()

    if ($result.ExitCode -ne 0 -or $null -ne $errorEvent) {
        if ($null -ne $errorEvent) {
            $retries = Get-EntraPasskeyField -InputObject $errorEvent -Name 'retries'
            $registered = [bool](Get-EntraPasskeyField -InputObject $errorEvent -Name 'registered') -or $result.ExitCode -eq 3
            $keep = $registered -or $KeepDocumentOnError
            $document = if ($keep -and $docs.Count -gt 0) { $docs[0] } else { $null }
            $result.Error = ConvertTo-EntraPasskeyErrorRecord -Code ([string](Get-EntraPasskeyField -InputObject $errorEvent -Name 'code')) `
                -Message ([string](Get-EntraPasskeyField -InputObject $errorEvent -Name 'message')) `
                -Hint ([string](Get-EntraPasskeyField -InputObject $errorEvent -Name 'hint')) `
                -Retries $(if ($null -ne $retries) { [int]$retries }) -ExitCode $result.ExitCode -CategoryFromExitCode `
                -Target $Target -Registered:$registered -Document $document
            # Without "registered" (or -KeepDocumentOnError), stdout of a failed command is no result.
            if (-not $keep) { $result.Documents = @() }
            return $result
        }
        $message = if ($otherLines.Count -gt 0) { $otherLines -join [Environment]::NewLine } else { "entra-passkey exited with code $($result.ExitCode)" }
        $result.Error = ConvertTo-EntraPasskeyErrorRecord -Code "exit_$($result.ExitCode)" -Message $message -ExitCode $result.ExitCode `
            -CategoryFromExitCode -Target $Target
        $result.Documents = @()
        return $result
    }
    if ($outputError -or ($docs.Count -eq 0 -and -not $JsonLines)) {
        if (-not $outputError) { $outputError = 'entra-passkey succeeded but printed no JSON document' }
        $result.Error = ConvertTo-EntraPasskeyErrorRecord -Code 'invalid_output' -Category InvalidResult -Message $outputError -Target $Target
        $result.Documents = @()
    }
    $result
}
