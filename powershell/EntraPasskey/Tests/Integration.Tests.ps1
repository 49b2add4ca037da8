#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
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

        $psi = [System.Diagnostics.ProcessStartInfo]::new($env:ENTRA_PASSKEY_BIN)
        foreach ($a in 'emulator', '--quiet', '--ready-file', $Ready) { $psi.ArgumentList.Add($a) }
        $psi.UseShellExecute = $false
        $psi.RedirectStandardError = $true
        $psi.RedirectStandardOutput = $true
        $Emulator = [System.Diagnostics.Process]::Start($psi)
        $deadline = [DateTime]::UtcNow.AddSeconds(20)
        while (-not (Test-Path -LiteralPath $Ready) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        if (-not (Test-Path -LiteralPath $Ready)) { throw 'the emulator did not start' }

        # The software key's PIN for its creation: a test fixture file, the module never writes one.
        $pinFile = Join-Path $Work 'pin.txt'
        Set-Content -LiteralPath $pinFile -Value '48151623' -NoNewline
        $KeyFile = Join-Path $Work 'key.json'
        & $env:ENTRA_PASSKEY_BIN virtual-key create $KeyFile --pin-file $pinFile | Out-Null
        Remove-Item -LiteralPath $pinFile
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
        $reg = Get-EntraPasskeyCreationOption adele@contoso.example -Emulator $Ready -NoCache |
            New-EntraPasskeyCredential -Pin $Pin -Device $Key -DisplayName 'Pester steps' |
            Submit-EntraPasskeyCredential -Emulator $Ready -NoCache -Confirm:$false
        $reg.method.displayName | Should -Be 'Pester steps'

        $m = Get-EntraPasskeyMethod adele@contoso.example -Emulator $Ready -NoCache | Where-Object displayName -eq 'Pester steps'
        $m | Should -Not -BeNullOrEmpty
        $m | Remove-EntraPasskeyMethod -Emulator $Ready -NoCache -Confirm:$false
        Get-EntraPasskeyMethod adele@contoso.example -Emulator $Ready -NoCache | Where-Object displayName -eq 'Pester steps' | Should -BeNullOrEmpty
    }

    It 'registers end to end from a Get-MgUser-like object' {
        $reg = [pscustomobject]@{ Id = 'alex@contoso.example'; UserPrincipalName = 'alex@contoso.example' } |
            Register-EntraPasskeyDevice -Pin $Pin -Device $Key -DisplayName 'Pester end to end' -Emulator $Ready -NoCache -Confirm:$false
        $reg.userId | Should -Be 'alex@contoso.example'
        $reg.method.displayName | Should -Be 'Pester end to end'
    }

    It 'raises a wrong PIN as pin_invalid with the retries left' {
        $wrong = ConvertTo-SecureString -String '00000000' -AsPlainText -Force
        Get-EntraPasskeyCreationOption helpdesk@contoso.example -Emulator $Ready -NoCache |
            New-EntraPasskeyCredential -Pin $wrong -Device $Key -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'pin_invalid,*'
        $err[0].TargetObject.Retries | Should -BeGreaterThan 0
    }

    It 'shows the policy' {
        (Get-EntraPasskeyPolicy -Emulator $Ready -NoCache).policy.state | Should -Be 'enabled'
    }
}
