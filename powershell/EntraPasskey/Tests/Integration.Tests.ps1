#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.3.0' }
# Opt-in: the module against the real entra-passkey binary, the Graph emulator and a
# software test key (no hardware, no tenant). Skipped unless ENTRA_PASSKEY_INTEGRATION=1
# and the binary is found (ENTRA_PASSKEY_BIN, or bin/entra-passkey at the repository root:
# `go build -o bin/entra-passkey ./cmd/entra-passkey`; the key backend needs cgo).
#   $env:ENTRA_PASSKEY_INTEGRATION = 1; Invoke-Pester -Path powershell/EntraPasskey/Tests/Integration.Tests.ps1

BeforeDiscovery {
    $repoBin = Join-Path -Path (Split-Path -Parent (Split-Path -Parent (Split-Path -Parent $PSScriptRoot))) -ChildPath 'bin'
    $candidate = if ($env:ENTRA_PASSKEY_BIN) { $env:ENTRA_PASSKEY_BIN } else {
        $exe = if ($IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop') { 'entra-passkey.exe' } else { 'entra-passkey' }
        Join-Path -Path $repoBin -ChildPath $exe
    }
    $script:Skip = ($env:ENTRA_PASSKEY_INTEGRATION -ne '1') -or -not (Test-Path -LiteralPath $candidate -PathType Leaf)
}

Describe 'EntraPasskey against the real binary and the emulator' -Skip:$Skip {
    BeforeAll {
        # Discovery's variables do not reach the run phase: find the binary again.
        $Binary = if ($env:ENTRA_PASSKEY_BIN) { $env:ENTRA_PASSKEY_BIN } else {
            $exe = if ($IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop') { 'entra-passkey.exe' } else { 'entra-passkey' }
            Join-Path -Path (Join-Path -Path (Split-Path -Parent (Split-Path -Parent (Split-Path -Parent $PSScriptRoot))) -ChildPath 'bin') -ChildPath $exe
        }
        $env:ENTRA_PASSKEY_BIN = (Resolve-Path -LiteralPath $Binary).ProviderPath
        Import-Module -Name (Join-Path -Path (Split-Path -Parent $PSScriptRoot) -ChildPath 'EntraPasskey.psd1') -Force

        $Work = Join-Path -Path ([System.IO.Path]::GetTempPath()) -ChildPath ('ep-int-' + [guid]::NewGuid())
        $null = New-Item -ItemType Directory -Path $Work
        $env:XDG_CONFIG_HOME = Join-Path $Work 'config'
        $Ready = Join-Path $Work 'emulator.json'

        # Output to files, not pipes nobody reads (a full pipe would block the emulator);
        # Start-Process works on 5.1, which has no ProcessStartInfo.ArgumentList.
        $Emulator = Start-Process -FilePath $env:ENTRA_PASSKEY_BIN -ArgumentList 'emulator', '--quiet', '--ready-file', "`"$Ready`"" `
            -RedirectStandardOutput (Join-Path $Work 'emulator.out') -RedirectStandardError (Join-Path $Work 'emulator.err') -PassThru -NoNewWindow
        $deadline = [DateTime]::UtcNow.AddSeconds(20)
        while (-not (Test-Path -LiteralPath $Ready) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        if (-not (Test-Path -LiteralPath $Ready)) { throw 'the emulator did not start' }

        # The software key's PIN for its creation: a test fixture file, the module never writes one.
        $pinFile = Join-Path $Work 'pin.txt'
        Set-Content -LiteralPath $pinFile -Value '48151623' -NoNewline
        $KeyFile = Join-Path $Work 'key.json'
        & $env:ENTRA_PASSKEY_BIN virtual-key create $KeyFile --pin-file $pinFile | Out-Null
        if ($LASTEXITCODE -ne 0) { throw "virtual-key create exited $LASTEXITCODE" }
        Remove-Item -LiteralPath $pinFile
        Connect-EntraPasskey -Emulator $Ready -ErrorAction Stop | Out-Null
        $Key = "virtual:$KeyFile"
        $Pin = ConvertTo-SecureString -String '48151623' -AsPlainText -Force
    }

    AfterAll {
        if ($Emulator -and -not $Emulator.HasExited) { $Emulator.Kill(); $Emulator.WaitForExit() }
        Remove-Item -LiteralPath $Work -Recurse -Force -ErrorAction SilentlyContinue
        Remove-Item -Path 'Env:ENTRA_PASSKEY_BIN', 'Env:XDG_CONFIG_HOME' -ErrorAction SilentlyContinue
    }

    It 'finds the binary' {
        (Get-EntraPasskeyVersion).schemaVersion | Should -Be 1
    }

    It 'lists and reads the software key' {
        (Get-EntraPasskeyDevice -Device $Key).path | Should -Contain $Key
        (Get-EntraPasskeyKeyInfo -Device $Key).pinSet | Should -BeTrue
    }

    It 'registers step by step, lists and removes the method' {
        $reg = Get-EntraPasskeyCreationOption adele@contoso.example |
            New-EntraPasskeyCredential -Pin $Pin -Device $Key -DisplayName 'Pester steps' |
            Submit-EntraPasskeyCredential -Confirm:$false
        $reg.method.displayName | Should -Be 'Pester steps'

        $m = Get-EntraPasskeyMethod adele@contoso.example | Where-Object displayName -eq 'Pester steps'
        $m | Should -Not -BeNullOrEmpty
        $m | Remove-EntraPasskeyMethod -Confirm:$false
        Get-EntraPasskeyMethod adele@contoso.example | Where-Object displayName -eq 'Pester steps' | Should -BeNullOrEmpty
    }

    It 'registers end to end from a Get-MgUser-like object, one process, one row for Export-Csv' {
        $record = Join-Path $Work 'registrations.jsonl'
        $row = [pscustomobject]@{ Id = 'alex@contoso.example'; UserPrincipalName = 'alex@contoso.example' } |
            Register-EntraPasskeyDevice -Pin $Pin -Device $Key -DisplayName 'Pester end to end' -RecordPath $record -Confirm:$false -ErrorAction Stop
        $row.Status | Should -Be 'Registered'
        $row.MethodDisplayName | Should -Be 'Pester end to end'
        (Get-Content -LiteralPath $record | ConvertFrom-Json).method.id | Should -Be $row.MethodId
    }

    It 'registers with a random PIN sealed to a file and a forced change' {
        $blank = Join-Path $Work 'blank.json'
        & $env:ENTRA_PASSKEY_BIN virtual-key create $blank | Out-Null
        $LASTEXITCODE | Should -Be 0
        $row = Register-EntraPasskeyDevice helpdesk@contoso.example -Device "virtual:$blank" -SetRandomPin -PinOutPath (Join-Path $Work '{user}.pin') -ForcePinChange -Confirm:$false -ErrorAction Stop
        $row.Status | Should -Be 'Registered'
        Test-Path -LiteralPath (Join-Path $Work 'helpdesk@contoso.example.pin') | Should -BeTrue
        (Get-EntraPasskeyKeyInfo -Device "virtual:$blank").pinSet | Should -BeTrue
    }

    It 'raises a wrong PIN as pin_invalid with the retries left' {
        $wrong = ConvertTo-SecureString -String '00000000' -AsPlainText -Force
        Get-EntraPasskeyCreationOption helpdesk@contoso.example |
            New-EntraPasskeyCredential -Pin $wrong -Device $Key -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'pin_invalid,*'
        $err[0].TargetObject.Retries | Should -BeGreaterThan 0
    }

    It 'shows the policy' {
        (Get-EntraPasskeyPolicy).policy.state | Should -Be 'enabled'
    }

    # The key now holds alex's registered passkey and adele's, whose method was removed
    # from Entra above (an orphan).
    It 'lists the passkeys on the key joined to Entra, the removed method''s credential an orphan' {
        $creds = @(Get-EntraPasskeyKeyCredential -Device $Key -Pin $Pin -ErrorAction Stop)
        @($creds | Where-Object { $_.userPrincipalName -eq 'alex@contoso.example' -and $_.status -eq 'registered' }).Count | Should -BeGreaterThan 0
        @($creds | Where-Object { $_.userName -eq 'adele@contoso.example' -and $_.status -eq 'orphan' }).Count | Should -BeGreaterThan 0
        $creds[0].path | Should -Be $Key
        @(Get-EntraPasskeyKeyCredential -Device $Key -Pin $Pin -Offline -ErrorAction Stop | ForEach-Object status | Sort-Object -Unique) | Should -Be @('unknown')
    }

    It 'verifies alex''s registration on the key, and answers no (not an error) for a key without it' {
        Test-EntraPasskeyRegistration alex@contoso.example -Device $Key -Pin $Pin -Quiet -ErrorAction Stop | Should -BeTrue
        $other = Join-Path $Work 'other.json'
        $pinFile = Join-Path $Work 'pin2.txt'
        Set-Content -LiteralPath $pinFile -Value '48151623' -NoNewline
        & $env:ENTRA_PASSKEY_BIN virtual-key create $other --pin-file $pinFile | Out-Null
        $LASTEXITCODE | Should -Be 0
        Remove-Item -LiteralPath $pinFile
        $v = Test-EntraPasskeyRegistration alex@contoso.example -Device "virtual:$other" -Pin $Pin -ErrorVariable err -ErrorAction Stop
        $v.verified | Should -BeFalse
        $err.Count | Should -Be 0
    }

    It 'removes the orphans from the key and keeps the registered passkeys' {
        Get-EntraPasskeyKeyCredential -Device $Key -Pin $Pin -ErrorAction Stop | Where-Object status -eq orphan |
            Remove-EntraPasskeyKeyCredential -Pin $Pin -Confirm:$false -ErrorAction Stop | Out-Null
        $left = @(Get-EntraPasskeyKeyCredential -Device $Key -Pin $Pin -ErrorAction Stop)
        @($left | Where-Object status -eq orphan).Count | Should -Be 0
        @($left | Where-Object status -eq registered).Count | Should -BeGreaterThan 0
    }

    It 'recovers alex onto a new key: the replacement first, the lost method removed, the pass only in its file' {
        $lost = @(Get-EntraPasskeyMethod alex@contoso.example -ErrorAction Stop | Where-Object displayName -eq 'Pester end to end' | ForEach-Object id)
        $lost.Count | Should -Be 1
        $new = Join-Path $Work 'replacement.json'
        $pinFile = Join-Path $Work 'pin3.txt'
        Set-Content -LiteralPath $pinFile -Value '48151623' -NoNewline
        & $env:ENTRA_PASSKEY_BIN virtual-key create $new --pin-file $pinFile | Out-Null
        $LASTEXITCODE | Should -Be 0
        Remove-Item -LiteralPath $pinFile
        $tap = Join-Path $Work 'alex.tap'
        $r = Invoke-EntraPasskeyRecovery alex@contoso.example -LostMethodId $lost -RevokeSessions -TemporaryAccessPassPath $tap `
            -DisplayName 'Pester recovery' -Device "virtual:$new" -Pin $Pin -Confirm:$false -ErrorAction Stop
        $r.PSObject.TypeNames[0] | Should -Be 'EntraPasskey.Recovery'
        # The replacement is registered before any lost method is deleted.
        $steps = @($r.steps | ForEach-Object step)
        $register = [Array]::IndexOf($steps, 'register')
        $register | Should -BeGreaterOrEqual 0
        $delete = @(for ($i = 0; $i -lt $steps.Count; $i++) { if ($steps[$i] -in 'remove', 'deleteMethod') { $i } })
        $delete.Count | Should -Be 1
        $register | Should -BeLessThan $delete[0]
        @($r.steps | Where-Object outcome -eq 'failed').Count | Should -Be 0
        $methods = @(Get-EntraPasskeyMethod alex@contoso.example -ErrorAction Stop)
        $methods.id | Should -Not -Contain $lost[0]
        $methods.displayName | Should -Contain 'Pester recovery'
        # The file is the pass, or a JSON document holding it: either way, its secret never reaches the record.
        $pass = (Get-Content -LiteralPath $tap -Raw).Trim()
        if ($pass.StartsWith('{')) { $pass = [string]($pass | ConvertFrom-Json).temporaryAccessPass }
        $pass | Should -Not -BeNullOrEmpty
        ($r | ConvertTo-Json -Depth 10) | Should -Not -Match ([regex]::Escape($pass))
    }
}
