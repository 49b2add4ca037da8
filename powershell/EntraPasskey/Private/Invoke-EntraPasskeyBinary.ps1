function Invoke-EntraPasskeyBinary {
    <#
    .SYNOPSIS
    The one place the module runs entra-passkey.

    .DESCRIPTION
    Starts the binary with System.Diagnostics.Process (each argument passed as its own
    argument, never a joined string where the runtime allows it), in PowerShell's current
    directory, with --log-format json. Writes the JSON input (plus the secret fields,
    unwrapped only into a byte buffer that is cleared) to stdin and closes it, reads
    stdout whole, and reads the stderr events line by line as they come:
    touch/progress -> Write-Progress and Write-Information, device_code -> Write-Information
    shown to the user, warning -> Write-Warning, debug -> Write-Debug, request ->
    Write-Verbose, error -> a terminating ErrorRecord whose ErrorId is the error code and
    whose category follows the exit code. Returns stdout's one JSON document as a
    PSCustomObject with TypeName.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)][string[]]$ArgumentList,
        [AllowEmptyString()][AllowNull()][string]$InputJson,
        [System.Collections.IDictionary]$SecretField,
        [System.Collections.IDictionary]$SecretEnvironment,
        [string]$TypeName,
        [string]$Activity = 'entra-passkey'
    )

    $binary = Resolve-EntraPasskeyBinary
    $argv = [System.Collections.Generic.List[string]]::new()
    foreach ($a in $binary.PrefixArguments) { $argv.Add([string]$a) }
    $argv.Add('--log-format')
    $argv.Add('json')
    if ($DebugPreference -ne 'SilentlyContinue') { $argv.Add('--debug') }
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
    # Relative paths (-Device virtual:key.json, -Emulator, -RecordPath) mean PowerShell's
    # location, not the process's working directory.
    $psi.WorkingDirectory = (Get-Location -PSProvider FileSystem).ProviderPath
    $psi.EnvironmentVariables.Remove('ENTRA_PASSKEY_LOG_FORMAT')
    if ($null -ne [System.Diagnostics.ProcessStartInfo].GetProperty('ArgumentList')) {
        foreach ($a in $argv) { $psi.ArgumentList.Add($a) }
    }
    else {
        # Windows PowerShell 5.1 (.NET Framework) has no ArgumentList: quote each
        # argument as the child's runtime (Go, like the C runtime) splits them.
        $psi.Arguments = ConvertTo-EntraPasskeyCommandLine -ArgumentList $argv.ToArray()
    }
    Write-Verbose ("entra-passkey " + ($ArgumentList -join ' '))

    $process = [System.Diagnostics.Process]::new()
    $process.StartInfo = $psi
    $started = $false
    $stdinBytes = $null
    $errorEvent = $null
    $otherLines = [System.Collections.Generic.List[string]]::new()
    try {
        $stdinBytes = ConvertTo-EntraPasskeyStdin -Json $InputJson -SecretField $SecretField
        Set-EntraPasskeySecretEnvironment -StartInfo $psi -SecretEnvironment $SecretEnvironment
        try {
            $started = $process.Start()
        }
        catch {
            throw (New-EntraPasskeyErrorRecord -Code 'binary_start_failed' -Category ResourceUnavailable `
                    -Message "cannot start $($binary.FilePath): $($_.Exception.Message)" `
                    -Hint 'check that the file is an entra-passkey executable for this platform (ENTRA_PASSKEY_BIN)')
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
            try { $process.StandardInput.Close() } catch [System.IO.IOException] { Write-Debug 'stdin already closed' }
        }

        while ($true) {
            $lineTask = $process.StandardError.ReadLineAsync()
            # Waiting in slices lets Ctrl+C stop the pipeline (the finally ends the process).
            while (-not $lineTask.Wait(200)) { }
            $line = $lineTask.Result
            if ($null -eq $line) { break }
            if ($line.Trim() -eq '') { continue }
            $ev = $null
            try { $ev = $line | ConvertFrom-Json -ErrorAction Stop } catch { $ev = $null }
            if ($null -eq $ev -or $null -eq $ev.PSObject.Properties['event']) {
                $otherLines.Add($line)
                Write-Verbose "entra-passkey: $line"
                continue
            }
            switch ([string]$ev.event) {
                'touch' {
                    Write-Progress -Activity $Activity -Status ([string]$ev.message)
                    Write-Information -MessageData ([string]$ev.message) -Tags 'EntraPasskey', 'touch'
                }
                'progress' {
                    Write-Progress -Activity $Activity -Status ([string]$ev.message)
                    Write-Information -MessageData ([string]$ev.message) -Tags 'EntraPasskey', 'progress'
                }
                'device_code' {
                    # The person must see this to sign in, whatever the preference says.
                    Write-Progress -Activity $Activity -Status 'waiting for the device code sign-in'
                    Write-Information -MessageData ([string]$ev.message) -Tags 'EntraPasskey', 'device_code' -InformationAction Continue
                }
                'warning' { Write-Warning ([string]$ev.message) }
                'notice' { Write-Information -MessageData ([string]$ev.message) -Tags 'EntraPasskey', 'notice' }
                'debug' { Write-Debug ([string]$ev.message) }
                'request' { Write-Verbose ([string]$ev.message) }
                'error' { $errorEvent = $ev.error }
                default { Write-Verbose "entra-passkey: $line" }
            }
        }
        $process.WaitForExit()
        $stdout = $stdoutTask.GetAwaiter().GetResult()
        $exitCode = $process.ExitCode
    }
    finally {
        if ($null -ne $stdinBytes) { [Array]::Clear($stdinBytes, 0, $stdinBytes.Length) }
        if ($started -and -not $process.HasExited) {
            try { $process.Kill() } catch [System.InvalidOperationException] { Write-Debug 'entra-passkey already exited' }
        }
        $process.Dispose()
        Write-Progress -Activity $Activity -Completed
    }

    # Exit 3: Graph holds the method and stdout carries its registration document, but a
    # later step failed (the record file, key preparation). The document is the result and
    # must not be lost: it goes down the pipeline, and the failure is a non-terminating error.
    if ($exitCode -eq 3 -and $null -ne $errorEvent -and $null -ne $stdout -and $stdout.Trim() -ne '') {
        $registered = ConvertFrom-EntraPasskeyJson -Json $stdout.Trim()
        if ($TypeName) { $registered.PSObject.TypeNames.Insert(0, $TypeName) }
        $registered
        $PSCmdlet.WriteError((New-EntraPasskeyErrorRecord -Code ([string]$errorEvent.code) -Message ([string]$errorEvent.message) `
                    -Hint ([string]$errorEvent.hint) -ExitCode $exitCode -CategoryFromExitCode))
        return
    }
    if ($exitCode -ne 0 -or $null -ne $errorEvent) {
        if ($null -ne $errorEvent) {
            $retries = $null
            if ($null -ne $errorEvent.PSObject.Properties['retries'] -and $null -ne $errorEvent.retries) { $retries = [int]$errorEvent.retries }
            throw (New-EntraPasskeyErrorRecord -Code ([string]$errorEvent.code) -Message ([string]$errorEvent.message) `
                    -Hint ([string]$errorEvent.hint) -Retries $retries -ExitCode $exitCode -CategoryFromExitCode)
        }
        $message = if ($otherLines.Count -gt 0) { $otherLines -join [Environment]::NewLine } else { "entra-passkey exited with code $exitCode" }
        throw (New-EntraPasskeyErrorRecord -Code "exit_$exitCode" -Message $message -ExitCode $exitCode -CategoryFromExitCode)
    }

    $text = if ($null -eq $stdout) { '' } else { $stdout.Trim() }
    if ($text -eq '') {
        throw (New-EntraPasskeyErrorRecord -Code 'invalid_output' -Category InvalidResult -ExitCode $exitCode `
                -Message 'entra-passkey succeeded but printed no JSON document')
    }
    try {
        $doc = ConvertFrom-EntraPasskeyJson -Json $text
    }
    catch {
        throw (New-EntraPasskeyErrorRecord -Code 'invalid_output' -Category InvalidResult -ExitCode $exitCode `
                -Message "entra-passkey printed something that is not one JSON document: $($_.Exception.Message)")
    }
    if ($TypeName) { $doc.PSObject.TypeNames.Insert(0, $TypeName) }
    $doc
}
