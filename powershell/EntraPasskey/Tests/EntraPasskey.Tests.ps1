#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.3.0' }
# Unit tests of the EntraPasskey module against a fake binary (fake/entra-passkey.ps1):
# the exact argv and stdin of every cmdlet (golden/calls.json, which the Go test
# cmd/entra-passkey/psmodule_contract_test.go runs through the real binary), events,
# errors, ShouldProcess, pipeline binding, the connection and -UseMgGraph with
# Microsoft.Graph mocked. Every test asserts that the binary ran (or, for -WhatIf, that
# it did not): none passes when nothing happened.
# Run: Invoke-Pester -Path powershell/EntraPasskey/Tests (also under Set-StrictMode -Version Latest).

BeforeDiscovery {
    # A typed object (not a PSCustomObject) with Get-MgUser's two properties; -ForEach data needs it at discovery.
    if (-not ('EntraPasskeyTest.User' -as [type])) {
        Add-Type -TypeDefinition 'namespace EntraPasskeyTest { public class User { public string Id { get; set; } public string UserPrincipalName { get; set; } } }'
    }
    $Calls = (Get-Content -Raw -LiteralPath (Join-Path $PSScriptRoot 'golden/calls.json') | ConvertFrom-Json).cases |
        ForEach-Object { @{ Name = $_.name; Case = $_ } }
}

BeforeAll {
    $ModuleManifest = Join-Path -Path (Split-Path -Parent $PSScriptRoot) -ChildPath 'EntraPasskey.psd1'
    $Golden = Join-Path -Path $PSScriptRoot -ChildPath 'golden'
    $Fake = Join-Path -Path (Join-Path -Path $PSScriptRoot -ChildPath 'fake') -ChildPath 'entra-passkey.ps1'
    $HostExe = (Get-Process -Id $PID).Path
    $OnWindows = ($PSVersionTable.PSEdition -eq 'Desktop') -or $IsWindows
    $Pin = ConvertTo-SecureString -String '48151623' -AsPlainText -Force
    $NewPin = ConvertTo-SecureString -String '27182818' -AsPlainText -Force
    $Token = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20ifQ.'
    if ($PSVersionTable.PSEdition -eq 'Desktop') { Add-Type -AssemblyName System.Net.Http }

    # -UseMgGraph needs these commands to exist to be mocked; Microsoft.Graph need not be installed.
    if (-not (Get-Command -Name Invoke-MgGraphRequest -ErrorAction SilentlyContinue)) {
        function global:Invoke-MgGraphRequest { param($Method, $Uri, $Body, $ContentType, $OutputType, [switch]$SkipHttpErrorCheck) }
    }
    if (-not (Get-Command -Name Get-MgContext -ErrorAction SilentlyContinue)) {
        function global:Get-MgContext { }
    }
    Import-Module -Name $ModuleManifest -Force

    function Read-Golden([string]$Name) { Get-Content -Raw -LiteralPath (Join-Path -Path $Golden -ChildPath $Name) }
    function ConvertTo-Canonical([string]$Json) { $Json | ConvertFrom-Json | ConvertTo-Json -Depth 32 -Compress }

    function Set-FakeScenario {
        param([string]$Stdout = '{"schemaVersion":1}', [string[]]$Stderr = @(), [int]$ExitCode = 0, [string[]]$Environment = @())
        $dir = Join-Path -Path ([System.IO.Path]::GetTempPath()) -ChildPath ('ep-fake-' + [guid]::NewGuid())
        $null = New-Item -ItemType Directory -Path $dir
        $utf8 = [System.Text.UTF8Encoding]::new($false)
        if ($Stdout) { [System.IO.File]::WriteAllText((Join-Path $dir 'stdout.txt'), $Stdout + "`n", $utf8) }
        if ($Stderr) { [System.IO.File]::WriteAllText((Join-Path $dir 'stderr.txt'), ($Stderr -join "`n") + "`n", $utf8) }
        [System.IO.File]::WriteAllText((Join-Path $dir 'exitcode.txt'), [string]$ExitCode, $utf8)
        $env:FAKE_EP_DIR = $dir
        $env:FAKE_EP_ENV = $Environment -join ','
        $dir
    }

    # Every call the fake received in this test, in order. (5.1's ConvertFrom-Json does not
    # enumerate arrays: [string[]] makes Argv the argument list on every edition.)
    function Get-FakeCall {
        $dir = $env:FAKE_EP_DIR
        $n = 1
        while (Test-Path -LiteralPath (Join-Path $dir "argv-$n.json")) {
            [pscustomobject]@{
                Argv       = [string[]](Get-Content -Raw -LiteralPath (Join-Path $dir "argv-$n.json") | ConvertFrom-Json)
                StdinBytes = [System.IO.File]::ReadAllBytes((Join-Path $dir "stdin-$n.bin"))
                Stdin      = [System.Text.UTF8Encoding]::new($false).GetString([System.IO.File]::ReadAllBytes((Join-Path $dir "stdin-$n.bin")))
                Env        = Get-Content -Raw -LiteralPath (Join-Path $dir "env-$n.json") | ConvertFrom-Json
            }
            $n++
        }
    }

    # The cmdlets behind golden/calls.json, run in $Work with the emulator connection.
    $Invocations = @{
        'version'                 = { Get-EntraPasskeyVersion }
        'connect'                 = { Connect-EntraPasskey -Emulator emulator.json }
        'connection'              = { Get-EntraPasskeyConnection }
        'devices'                 = { Get-EntraPasskeyDevice -Device virtual:key.json }
        'key-info'                = { Get-EntraPasskeyKeyInfo -Device virtual:key.json -Timeout (New-TimeSpan -Seconds 30) }
        'get-options'             = { Get-EntraPasskeyCreationOption adele@contoso.example -ChallengeTimeout (New-TimeSpan -Minutes 10) }
        'make-credential'         = { Read-Golden 'options.json' | ConvertFrom-Json | New-EntraPasskeyCredential -Pin $Pin -Device virtual:key.json -DisplayName 'PS steps' -Confirm:$false }
        'make-credential-mggraph' = { (Read-Golden 'graph-creation-options.json') | ConvertFrom-Json | ForEach-Object { [pscustomobject][ordered]@{ schemaVersion = 1; userId = 'adele@contoso.example'; challengeTimeoutDateTime = $_.challengeTimeoutDateTime; creationOptions = $_ } } | New-EntraPasskeyCredential -Pin $Pin -Device virtual:key.json -Confirm:$false }
        'submit'                  = { Read-Golden 'credential.json' | ConvertFrom-Json | Submit-EntraPasskeyCredential -RecordPath rec.jsonl -Confirm:$false }
        'register'                = { Register-EntraPasskeyDevice alex@contoso.example -Pin $Pin -Device virtual:key.json -DisplayName 'PS register' -RecordPath rec.jsonl -Confirm:$false }
        'register-random-pin'     = { Register-EntraPasskeyDevice helpdesk@contoso.example -Device virtual:key.json -SetRandomPin -PinLength 8 -MinPinLength 8 -ForcePinChange -PinOutPath 'pin-{user}.txt' -AllowSoftwareKey -Confirm:$false }
        'register-mggraph'        = { Register-EntraPasskeyDevice adele@contoso.example -Pin $Pin -UseMgGraph -Confirm:$false }
        'methods-list'            = { Get-EntraPasskeyMethod adele@contoso.example }
        'methods-list-mggraph'    = { Get-EntraPasskeyMethod adele@contoso.example -UseMgGraph }
        'methods-delete'          = { Remove-EntraPasskeyMethod -UserId adele@contoso.example -MethodId '-m1' -Confirm:$false }
        'policy'                  = { Get-EntraPasskeyPolicy }
        'pin-set'                 = { Set-EntraPasskeyPin -NewPin $Pin -Device virtual:key.json -Confirm:$false }
        'pin-change'              = { Set-EntraPasskeyPin -Pin $Pin -NewPin $NewPin -Device virtual:key.json -Confirm:$false }
        'key-config'              = { Set-EntraPasskeyKeyConfig -Pin $Pin -ForcePinChange -MinPinLength 8 -RpId login.microsoft.com -AlwaysUv $true -Device virtual:key.json -Confirm:$false }
        'reset'                   = { Reset-EntraPasskeyKey -Device virtual:key.json -Confirm:$false }
        'bulk-plan'               = { New-EntraPasskeyBulkJob -Store jobs.db -Group 'Sales passkeys' -DisplayName '{model} {serial}' -SetRandomPin -PinLength 8 -MinPinLength 8 -ForcePinChange -PinOutDirectory pins -PinOutAgeRecipient 'age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq' -Confirm:$false }
        'bulk-run'                = { Start-EntraPasskeyBulkJob -Store jobs.db -Device virtual:key.json -MaxTasks 1 -Station desk-1 -PinIdentityPath id.txt -Confirm:$false }
        'bulk-status'             = { Get-EntraPasskeyBulkJob -Store jobs.db }
        'bulk-retry'              = { Restart-EntraPasskeyBulkTask -Store jobs.db -Code pin_invalid -Confirm:$false }
        'bulk-report'             = { Get-EntraPasskeyBulkReport -Store jobs.db }
        'bulk-report-csv'         = { Get-EntraPasskeyBulkReport -Store jobs.db -CsvPath report.csv }
        'key-credentials'         = { Register-EntraPasskeyDevice adele@contoso.example -Pin $Pin -Device virtual:key.json -Confirm:$false; Get-EntraPasskeyKeyCredential -Device virtual:key.json -Pin $Pin }
        'key-credentials-offline' = { Get-EntraPasskeyKeyCredential -Offline -RpId login.microsoft.com -Device virtual:key.json -Timeout (New-TimeSpan -Seconds 30) -Pin $Pin }
        'key-credentials-mggraph' = { Get-EntraPasskeyKeyCredential -Device virtual:key.json -Pin $Pin -UseMgGraph }
        'key-credentials-delete'  = { Remove-EntraPasskeyKeyCredential -CredentialId '-AbC_12' -Device virtual:key.json -Pin $Pin -Confirm:$false }
        'verify-registration'     = { Register-EntraPasskeyDevice alex@contoso.example -Pin $Pin -Device virtual:key.json -Confirm:$false; Test-EntraPasskeyRegistration alex@contoso.example -Device virtual:key.json -Pin $Pin }
        'verify-registration-method-id' = { Test-EntraPasskeyRegistration adele@contoso.example -MethodId '-m1' -Device virtual:key.json -Timeout (New-TimeSpan -Seconds 30) -Pin $Pin -Quiet }
        'verify-registration-mggraph'   = { Test-EntraPasskeyRegistration adele@contoso.example -Pin $Pin -UseMgGraph }
        'recover'                 = { Invoke-EntraPasskeyRecovery adele@contoso.example -LostMethodId '-m1', 'm2' -RevokeSessions -TemporaryAccessPassPath tap.txt -TemporaryAccessPassLifetime (New-TimeSpan -Hours 1) -DisplayName 'PS recovery' -Device virtual:key.json -Timeout (New-TimeSpan -Seconds 30) -Pin $Pin -Confirm:$false }
        'recover-replace'         = { Invoke-EntraPasskeyRecovery helpdesk@contoso.example -RevokeSessions -TemporaryAccessPassPath tap.txt -DisplayName 'PS recover' -Device virtual:key.json -Pin $Pin -Confirm:$false }
        'recover-mggraph'         = { Invoke-EntraPasskeyRecovery adele@contoso.example -LostMethodId m1 -Pin $Pin -UseMgGraph -Confirm:$false }
        'disconnect'              = { Disconnect-EntraPasskey -Confirm:$false }
    }

    function Use-MgSession {
        Mock -ModuleName EntraPasskey -CommandName Get-MgContext -MockWith { [pscustomobject]@{ Account = 'admin@contoso.example'; Environment = 'Global' } }
        Mock -ModuleName EntraPasskey -CommandName Invoke-MgGraphRequest -MockWith {
            $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::Get, 'https://graph.microsoft.com/v1.0/organization')
            $request.Headers.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $Token)
            $response = [System.Net.Http.HttpResponseMessage]::new([System.Net.HttpStatusCode]::OK)
            $response.RequestMessage = $request
            $response
        }
    }
}

BeforeEach {
    Mock -ModuleName EntraPasskey -CommandName Resolve-EntraPasskeyBinary -MockWith {
        $prefix = @('-NoProfile', '-NonInteractive')
        if ($OnWindows) { $prefix += '-ExecutionPolicy', 'Bypass' }
        [pscustomobject]@{ FilePath = $HostExe; PrefixArguments = $prefix + @('-File', $Fake); Error = $null }
    }
    # The host's PIN prompt is the test's to control.
    Mock -ModuleName EntraPasskey -CommandName Read-EntraPasskeyPin -MockWith { $null }
    $Work = Join-Path -Path ([System.IO.Path]::GetTempPath()) -ChildPath ('ep-work-' + [guid]::NewGuid())
    $null = New-Item -ItemType Directory -Path $Work
    Push-Location -LiteralPath $Work
}

AfterEach {
    Pop-Location
    & (Get-Module EntraPasskey) { $script:Connection = $null }
    foreach ($d in $env:FAKE_EP_DIR, $Work) { if ($d) { Remove-Item -LiteralPath $d -Recurse -Force -ErrorAction SilentlyContinue } }
    Remove-Item -Path 'Env:FAKE_EP_DIR', 'Env:FAKE_EP_ENV' -ErrorAction SilentlyContinue
}

Describe 'the manifest' {
    It 'is valid and exports exactly the Public functions' {
        $manifest = Test-ModuleManifest -Path $ModuleManifest
        $public = Get-ChildItem -Path (Join-Path (Split-Path -Parent $PSScriptRoot) 'Public') -Filter *.ps1 | ForEach-Object BaseName | Sort-Object
        $public.Count | Should -BeGreaterThan 15
        @($manifest.ExportedFunctions.Keys | Sort-Object) | Should -Be $public
        $manifest.CompatiblePSEditions | Should -Be @('Core', 'Desktop')
        (Get-Module EntraPasskey).ExportedCommands.Keys | Should -Contain 'Get-EntraPasskeyCreationOptions'
    }

    It 'gives every cmdlet help with a synopsis and an example' {
        $names = @((Get-Module EntraPasskey).ExportedFunctions.Keys)
        $names.Count | Should -BeGreaterThan 15
        foreach ($name in $names) {
            $help = Get-Help -Name $name -Full
            $help.Synopsis | Should -Not -BeNullOrEmpty -Because $name
            @($help.Examples.Example).Count | Should -BeGreaterThan 0 -Because $name
        }
    }

    It 'has SupportsShouldProcess on every cmdlet that writes, High for reset and deletion' -ForEach @(
        @{ Name = 'New-EntraPasskeyCredential'; Impact = 'Medium' }, @{ Name = 'Submit-EntraPasskeyCredential'; Impact = 'Medium' }
        @{ Name = 'Register-EntraPasskeyDevice'; Impact = 'Medium' }, @{ Name = 'Set-EntraPasskeyPin'; Impact = 'Medium' }
        @{ Name = 'Set-EntraPasskeyKeyConfig'; Impact = 'Medium' }, @{ Name = 'New-EntraPasskeyBulkJob'; Impact = 'Medium' }
        @{ Name = 'Start-EntraPasskeyBulkJob'; Impact = 'Medium' }, @{ Name = 'Restart-EntraPasskeyBulkTask'; Impact = 'Medium' }
        @{ Name = 'Disconnect-EntraPasskey'; Impact = 'Low' }
        @{ Name = 'Remove-EntraPasskeyMethod'; Impact = 'High' }, @{ Name = 'Reset-EntraPasskeyKey'; Impact = 'High' }
        @{ Name = 'Remove-EntraPasskeyKeyCredential'; Impact = 'High' }, @{ Name = 'Invoke-EntraPasskeyRecovery'; Impact = 'High' }
    ) {
        $meta = [System.Management.Automation.CommandMetadata]::new((Get-Command $Name))
        $meta.SupportsShouldProcess | Should -BeTrue
        $meta.ConfirmImpact | Should -Be $Impact
    }

    It 'does not collide with DSInternals.Passkeys or Microsoft.Graph names' {
        $names = (Get-Module EntraPasskey).ExportedCommands.Keys
        $names | Should -Contain 'Register-EntraPasskeyDevice'
        foreach ($taken in 'Get-EntraPasskeyRegistrationOptions', 'New-Passkey', 'Register-EntraPasskey') { $names | Should -Not -Contain $taken }
    }
}

Describe 'argv and stdin fixtures (golden/calls.json)' {
    It '<Name>' -ForEach $Calls {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"methods":[],"devices":[]}' | Out-Null
        if ($Case.name -like '*mggraph*') { Use-MgSession }
        elseif ($Case.name -notin 'version', 'connect', 'devices', 'key-info', 'make-credential', 'make-credential-mggraph', 'pin-set', 'pin-change', 'key-config', 'reset', 'key-credentials-offline', 'key-credentials-delete', 'bulk-status', 'bulk-retry', 'bulk-report', 'bulk-report-csv') {
            # Graph commands: the connection the fixtures were written with.
            Connect-EntraPasskey -Emulator emulator.json -ErrorAction Stop | Out-Null
            Remove-Item -Path (Join-Path $env:FAKE_EP_DIR '*-1.*')
            Get-ChildItem -LiteralPath $env:FAKE_EP_DIR -Filter '*-*.*' | Should -BeNullOrEmpty
        }
        $ErrorActionPreference = 'Stop'
        & $Invocations[$Case.name] | Out-Null

        $calls = @(Get-FakeCall)
        $calls.Count | Should -Be @($Case.calls).Count
        $cwd = (Get-Location).ProviderPath + [System.IO.Path]::DirectorySeparatorChar
        for ($i = 0; $i -lt $calls.Count; $i++) {
            $want = [string[]]@($Case.calls[$i].argv | ForEach-Object { $_.Replace('{cwd}/', $cwd) })
            # The fake's own arguments come first.
            $got = $calls[$i].Argv
            $got | Should -Be $want
            $stdin = $calls[$i].StdinBytes
            if ($null -ne $Case.calls[$i].PSObject.Properties['stdin']) {
                # No byte-order mark, one object, exactly one trailing newline.
                $stdin[0] | Should -Be ([byte][char]'{')
                $stdin[-1] | Should -Be 10
                $stdin[-2] | Should -Not -Be 10
                ConvertTo-Canonical $calls[$i].Stdin | Should -Be (ConvertTo-Canonical (Read-Golden $Case.calls[$i].stdin))
            }
            elseif ($stdin.Length -gt 0) {
                # No stdin document: at most the empty object the binary ignores.
                $calls[$i].Stdin.Trim() | Should -BeIn @('{}', '')
            }
            $calls[$i].Env.ENTRA_PASSKEY_NO_PROMPT | Should -Be '1'
            ($got -join ' ') | Should -Not -Match '48151623|27182818'
        }
    }
}

Describe 'running the binary' {
    It 'types the output' {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"version":"dev","keyBackend":"libfido2"}'
        $v = Get-EntraPasskeyVersion -ErrorAction Stop
        @(Get-FakeCall).Count | Should -Be 1
        $v.PSObject.TypeNames[0] | Should -Be 'EntraPasskey.Version'
        $v.keyBackend | Should -Be 'libfido2'
    }

    It 'passes arguments with blanks, quotes, backslashes, tabs and a leading dash intact' -ForEach @(
        @{ Value = 'A "B" C\' }, @{ Value = 'trailing\' }, @{ Value = 'x\\"y' }, @{ Value = "tab`there" }, @{ Value = 'Zoë 🔑' }, @{ Value = '-dash' }
    ) {
        Set-FakeScenario -Stdout (Read-Golden 'credential.json')
        Read-Golden 'options.json' | New-EntraPasskeyCredential -DisplayName $Value.Substring(0, [Math]::Min(30, $Value.Length)) -Confirm:$false -ErrorAction Stop | Out-Null
        $argv = @(Get-FakeCall)[0].Argv
        $argv[-2] | Should -Be '--display-name'
        $argv[-1] | Should -Be $Value
    }

    It 'sends the PIN on stdin only: not argv, not the environment, not verbose or debug output' {
        Set-FakeScenario -Stdout (Read-Golden 'credential.json') -Stderr '{"event":"debug","message":"opened the key","time":"2026-01-01T00:00:00Z"}'
        $out = Read-Golden 'options.json' | New-EntraPasskeyCredential -Pin $Pin -Confirm:$false -Verbose -Debug -ErrorAction Stop 5>&1 4>&1 | Out-String
        $call = @(Get-FakeCall)[0]
        ([regex]::Matches($call.Stdin, '48151623')).Count | Should -Be 1
        ($call.Argv -join ' ') | Should -Not -Match '48151623'
        ($call.Env | ConvertTo-Json) | Should -Not -Match '48151623'
        $out | Should -Not -Match '48151623'
        $call.Argv | Should -Contain '--debug'
    }

    It 'keeps a raw JSON string verbatim and appends the PIN' {
        Set-FakeScenario -Stdout (Read-Golden 'credential.json')
        $raw = (Read-Golden 'options.json').Trim()
        $raw | New-EntraPasskeyCredential -Pin $Pin -Confirm:$false -ErrorAction Stop | Out-Null
        @(Get-FakeCall)[0].Stdin | Should -Be ($raw.Substring(0, $raw.Length - 1) + ',"pin":"48151623"}' + "`n")
    }

    It 'escapes PIN characters that JSON needs escaped' -ForEach @(
        @{ Plain = 'a"b\c' }, @{ Plain = "tab`tnl`n" }, @{ Plain = 'éèà' }, @{ Plain = '🔑🔑🔑🔑' }, @{ Plain = 'x' * 63 }
    ) {
        Set-FakeScenario -Stdout (Read-Golden 'credential.json')
        '{}' | New-EntraPasskeyCredential -Pin (ConvertTo-SecureString -String $Plain -AsPlainText -Force) -Confirm:$false -ErrorAction Stop | Out-Null
        (@(Get-FakeCall)[0].Stdin | ConvertFrom-Json).pin | Should -BeExactly $Plain
    }

    It 'sends an array of inputs as that many documents, and a "pin" an input carries nowhere' {
        Set-FakeScenario -Stdout (Read-Golden 'credential.json')
        New-EntraPasskeyCredential -InputObject @([pscustomobject]@{ userId = 'a'; pin = 'stale' }, @{ userId = 'b' }) -Confirm:$false -ErrorAction Stop | Out-Null
        $calls = @(Get-FakeCall)
        $calls.Count | Should -Be 2
        ($calls[0].Stdin | ConvertFrom-Json).userId | Should -Be 'a'
        ($calls[1].Stdin | ConvertFrom-Json).userId | Should -Be 'b'
        $calls[0].Stdin | Should -Not -Match 'stale'
    }

    It 'writes date-times of hashtable input as RFC 3339 UTC' {
        Set-FakeScenario -Stdout (Read-Golden 'credential.json')
        $when = [datetime]::new(2026, 11, 29, 2, 39, 47, [System.DateTimeKind]::Utc)
        @{ userId = 'u'; challengeTimeoutDateTime = $when; creationOptions = @{ challengeTimeoutDateTime = $when.ToLocalTime() } } |
            New-EntraPasskeyCredential -Confirm:$false -ErrorAction Stop | Out-Null
        $stdin = @(Get-FakeCall)[0].Stdin
        $stdin | Should -Match '"challengeTimeoutDateTime":"2026-11-29T02:39:47Z"'
        $stdin | Should -Not -Match 'Date\('
    }

    It 'turns events into progress, information, warnings and verbose output' {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"devices":[{"path":"/dev/hidraw0","virtual":false}]}' -Stderr @(
            '{"event":"touch","message":"touch the security key","time":"2026-01-01T00:00:00Z"}',
            '{"event":"warning","code":"software_key","message":"a software test key","time":"2026-01-01T00:00:00Z"}',
            'not json')
        $devices = Get-EntraPasskeyDevice -WarningVariable warnings -WarningAction SilentlyContinue -InformationVariable info -Verbose 4>&1 6>$null
        ($devices | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain 'entra-passkey: not json'
        $device = $devices | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $device.path | Should -Be '/dev/hidraw0'
        $device.PSObject.TypeNames[0] | Should -Be 'EntraPasskey.Device'
        $warnings.Message | Should -Be 'a software test key'
        ($info | Where-Object { $_.Tags -contains 'touch' }).MessageData | Should -Be 'touch the security key'
    }

    It 'shows touch, device code and bulk prompts whatever the progress and information preferences' -ForEach @(
        @{ Kind = 'touch' }, @{ Kind = 'device_code' }, @{ Kind = 'prompt' }
    ) {
        Mock -ModuleName EntraPasskey -CommandName Write-Information -MockWith { $null }
        Set-FakeScenario -Stdout '{"schemaVersion":1}' -Stderr ('{"event":"' + $Kind + '","message":"do it","time":"2026-01-01T00:00:00Z"}')
        # Module functions see the global preferences, not this scope's.
        $saved = $global:ProgressPreference, $global:InformationPreference
        try {
            $global:ProgressPreference = 'SilentlyContinue'
            $global:InformationPreference = 'SilentlyContinue'
            Get-EntraPasskeyPolicy -ErrorAction Stop | Out-Null
        }
        finally {
            $global:ProgressPreference, $global:InformationPreference = $saved
        }
        Should -Invoke -ModuleName EntraPasskey -CommandName Write-Information -Times 1 -Exactly -ParameterFilter {
            $MessageData -eq 'do it' -and $InformationAction -eq 'Continue'
        }
    }

    It 'gives each binary run its own progress id and reads done/total as a percentage' {
        $script:ids = @()
        Mock -ModuleName EntraPasskey -CommandName Write-Progress -MockWith { $script:ids += $Id }
        Set-FakeScenario -Stdout '' -Stderr '{"event":"progress","message":"Adele Vance","done":3,"total":12,"time":"2026-01-01T00:00:00Z"}'
        Start-EntraPasskeyBulkJob -Store jobs.db -Confirm:$false -ErrorAction Stop
        Get-EntraPasskeyBulkJob -Store jobs.db -ErrorAction SilentlyContinue
        Should -Invoke -ModuleName EntraPasskey -CommandName Write-Progress -Times 2 -Exactly -ParameterFilter { $PercentComplete -eq 25 -and $Status -eq '3 of 12: Adele Vance' }
        Should -Invoke -ModuleName EntraPasskey -CommandName Write-Progress -ParameterFilter { $Completed } -Times 2 -Exactly
        @($script:ids | Sort-Object -Unique).Count | Should -Be 2
    }

    It 'does not ask "Continue?" for each debug line under -Debug' {
        # -Debug is Inquire on 5.1: in this non-interactive run a question would fail the call.
        Set-FakeScenario -Stdout '{"schemaVersion":1}' -Stderr '{"event":"debug","message":"d1","time":"2026-01-01T00:00:00Z"}'
        $out = Get-EntraPasskeyVersion -Debug -ErrorAction Stop 5>&1
        ($out | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }).Message | Should -Be 'd1'
    }

    It 'works under Set-StrictMode -Version Latest with optional fields missing' {
        Set-StrictMode -Version Latest
        Set-FakeScenario -Stdout '' -ExitCode 1 -Stderr '{"event":"error","error":{"code":"user_not_found","message":"no such user"}}'
        Get-EntraPasskeyMethod nobody@contoso.example -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].ErrorDetails.RecommendedAction | Should -BeNullOrEmpty
        $err[0].TargetObject.Retries | Should -BeNullOrEmpty
    }

    It 'refuses a document of another schemaVersion' {
        Set-FakeScenario -Stdout '{"schemaVersion":2,"version":"9"}'
        { Get-EntraPasskeyVersion -ErrorAction Stop } | Should -Throw -ErrorId 'unsupported_schema,Get-EntraPasskeyVersion'
        @(Get-FakeCall).Count | Should -Be 1
    }
}

Describe 'errors' {
    It 'raises exit <ExitCode> as one ErrorRecord: code as ErrorId, category, hint, retries, the user as target' -ForEach @(
        @{ ExitCode = 1; Code = 'registration_failed'; Category = 'NotSpecified' }
        @{ ExitCode = 80; Code = 'usage'; Category = 'InvalidArgument' }
        @{ ExitCode = 82; Code = 'pin_blocked'; Category = 'InvalidOperation' }
        @{ ExitCode = 83; Code = 'graph_forbidden'; Category = 'PermissionDenied' }
        @{ ExitCode = 101; Code = 'graph_unavailable'; Category = 'ResourceUnavailable' }
        @{ ExitCode = 130; Code = 'cancelled'; Category = 'OperationStopped' }
    ) {
        Set-FakeScenario -Stdout '' -ExitCode $ExitCode -Stderr ('{"event":"error","error":{"code":"' + $Code + '","message":"it failed","hint":"do this","retries":2}}')
        Get-EntraPasskeyMethod -UserId adele@contoso.example -ErrorVariable err -ErrorAction SilentlyContinue
        @(Get-FakeCall).Count | Should -Be 1
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike "$Code,*"
        $err[0].CategoryInfo.Category | Should -Be $Category
        $err[0].CategoryInfo.TargetName | Should -Be 'adele@contoso.example'
        $err[0].TargetObject.Target | Should -Be 'adele@contoso.example'
        $err[0].Exception.Message | Should -Be 'it failed'
        $err[0].ErrorDetails.RecommendedAction | Should -Be 'do this'
        $err[0].TargetObject.Retries | Should -Be 2
        $err[0].TargetObject.ExitCode | Should -Be $ExitCode
    }

    It 'keeps the registration document when Graph holds the method but the record failed (exit 3)' {
        $doc = '{"schemaVersion":1,"userId":"adele@contoso.example","method":{"id":"m1","displayName":"k"},"reconciled":false}'
        Set-FakeScenario -Stdout $doc -ExitCode 3 -Stderr '{"event":"error","error":{"code":"record_failed","message":"writing the record file: disk full","hint":"add it by hand","registered":true}}'
        $r = Read-Golden 'credential.json' | ConvertFrom-Json | Submit-EntraPasskeyCredential -RecordPath rec.jsonl -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $r.method.id | Should -Be 'm1'
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'record_failed,*'
        $err[0].TargetObject.Registered | Should -BeTrue
        $err[0].TargetObject.Document.method.id | Should -Be 'm1'
    }

    It 'Register writes a row per user, failures included, and the error names the user' {
        Set-FakeScenario -Stdout '' -ExitCode 82 -Stderr '{"event":"error","error":{"code":"credential_excluded","message":"the key already holds a passkey for this user"}}'
        $rows = 'a@contoso.example', 'b@contoso.example' | Register-EntraPasskeyDevice -Pin $Pin -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        @(Get-FakeCall).Count | Should -Be 2
        $rows.Count | Should -Be 2
        $rows[1].UserId | Should -Be 'b@contoso.example'
        $rows[1].Status | Should -Be 'Failed'
        $rows[1].ErrorCode | Should -Be 'credential_excluded'
        $err.Count | Should -Be 2
        $err[1].CategoryInfo.TargetName | Should -Be 'b@contoso.example'
        $csv = $rows | ConvertTo-Csv -NoTypeInformation
        $csv[0] | Should -Match '"UserId","Status","MethodId"'
        ($csv -join "`n") | Should -Not -Match 'System\.|@\{'
    }

    It 'Register turns a registration into a flat row' {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"userId":"adele@contoso.example","method":{"id":"m1","displayName":"YubiKey 5 1234","createdDateTime":"2026-11-29T02:40:00Z"},"reconciled":true,"key":{"aaguid":"cb69481e-8ff7-4039-93ec-0a2729a154a8","model":"YubiKey 5","serial":"1234","path":"/dev/hidraw0"},"randomPin":{"length":8,"file":"/p/adele.age","encrypted":true,"shown":false}}'
        $row = Register-EntraPasskeyDevice adele@contoso.example -SetRandomPin -PinOutPath '{user}.age' -Confirm:$false -ErrorAction Stop
        $row.Status | Should -Be 'Registered'
        $row.MethodId | Should -Be 'm1'
        $row.Serial | Should -Be '1234'
        $row.Reconciled | Should -BeTrue
        $row.PinDelivery | Should -Be '/p/adele.age'
        Should -Invoke -ModuleName EntraPasskey -CommandName Read-EntraPasskeyPin -Times 0 -Exactly
    }

    It 'goes on with the next pipeline item, and stops at the first under -ErrorAction Stop' {
        Set-FakeScenario -Stdout '' -ExitCode 1 -Stderr '{"event":"error","error":{"code":"user_not_found","message":"no such user"}}'
        'a@contoso.example', 'b@contoso.example' | Get-EntraPasskeyMethod -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 2
        @(Get-FakeCall).Count | Should -Be 2
        Set-FakeScenario -Stdout '' -ExitCode 1 -Stderr '{"event":"error","error":{"code":"user_not_found","message":"no such user"}}'
        { 'a@contoso.example', 'b@contoso.example' | Get-EntraPasskeyMethod -ErrorAction Stop } | Should -Throw -ErrorId 'user_not_found,Get-EntraPasskeyMethod'
        @(Get-FakeCall).Count | Should -Be 1
    }

    It 'reports a failure without an error event by its exit code and stderr' {
        Set-FakeScenario -Stdout '' -ExitCode 2 -Stderr 'panic: something'
        { Get-EntraPasskeyVersion -ErrorAction Stop } | Should -Throw -ErrorId 'exit_2,Get-EntraPasskeyVersion'
        @(Get-FakeCall).Count | Should -Be 1
    }

    It 'refuses output that is not JSON' {
        Set-FakeScenario -Stdout 'hello'
        { Get-EntraPasskeyVersion -ErrorAction Stop } | Should -Throw -ErrorId 'invalid_output,Get-EntraPasskeyVersion'
        @(Get-FakeCall).Count | Should -Be 1
    }

    It 'says elevation_required when a non-elevated Windows process finds no key, not for a software key' {
        Mock -ModuleName EntraPasskey -CommandName Test-EntraPasskeyElevation -MockWith { $false }
        Set-FakeScenario -Stdout '' -ExitCode 82 -Stderr '{"event":"error","error":{"code":"no_device","message":"no security key found"}}'
        Get-EntraPasskeyKeyInfo -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'elevation_required,*'
        $err[0].ErrorDetails.RecommendedAction | Should -BeLike '*Administrator*'
        Get-EntraPasskeyKeyInfo -Device virtual:k.json -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].FullyQualifiedErrorId | Should -BeLike 'no_device,*'
        @(Get-FakeCall).Count | Should -Be 2
    }

    It 'asks the host for the PIN when none is given, and sends it' {
        Mock -ModuleName EntraPasskey -CommandName Read-EntraPasskeyPin -MockWith { ConvertTo-SecureString -String '11223344' -AsPlainText -Force }
        Set-FakeScenario -Stdout '{"schemaVersion":1,"userId":"u","method":{"id":"m"}}'
        Register-EntraPasskeyDevice u@contoso.example -Confirm:$false -ErrorAction Stop | Out-Null
        $call = @(Get-FakeCall)[0]
        $call.Argv | Should -Contain '--pin-stdin'
        ($call.Stdin | ConvertFrom-Json).pin | Should -Be '11223344'
        Should -Invoke -ModuleName EntraPasskey -CommandName Read-EntraPasskeyPin -Times 1 -Exactly
    }

    It 'with nobody to ask, sends no PIN and the binary says pin_required (no hidden prompt)' {
        Set-FakeScenario -Stdout '' -ExitCode 1 -Stderr '{"event":"error","error":{"code":"pin_required","message":"the key needs its PIN"}}'
        Register-EntraPasskeyDevice u@contoso.example -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue | Out-Null
        $call = @(Get-FakeCall)[0]
        $call.Argv | Should -Not -Contain '--pin-stdin'
        $call.Env.ENTRA_PASSKEY_NO_PROMPT | Should -Be '1'
        $err[0].FullyQualifiedErrorId | Should -BeLike 'pin_required,*'
    }
}

Describe 'pipeline binding and ShouldProcess' {
    It 'binds <Shape>' -ForEach @(
        @{ Shape = 'Get-MgUser objects'; Item = [pscustomobject]@{ Id = '7c9e6679-7425-40de-944b-e07fc1f90ae7'; UserPrincipalName = 'adele@contoso.example'; DisplayName = 'Adele Vance' } }
        @{ Shape = 'Import-Csv rows with UserPrincipalName'; Item = [pscustomobject]@{ UserPrincipalName = 'adele@contoso.example' } }
        @{ Shape = 'Import-Csv rows with UPN'; Item = [pscustomobject]@{ UPN = 'adele@contoso.example' } }
        @{ Shape = 'strings'; Item = 'adele@contoso.example' }
        @{ Shape = 'a typed object with Id and UserPrincipalName'; Item = [EntraPasskeyTest.User]@{ Id = '7c9e6679-7425-40de-944b-e07fc1f90ae7'; UserPrincipalName = 'adele@contoso.example' } }
    ) {
        Set-FakeScenario -Stdout (Read-Golden 'options.json')
        $o = $Item | Get-EntraPasskeyCreationOption -ErrorAction Stop
        @(Get-FakeCall)[0].Argv[3] | Should -BeIn @('7c9e6679-7425-40de-944b-e07fc1f90ae7', 'adele@contoso.example')
        $o.PSObject.TypeNames[0] | Should -Be 'EntraPasskey.CreationOptions'
    }

    It 'raises a binding error for a row without a user column, and runs nothing for it' {
        Set-FakeScenario -Stdout (Read-Golden 'options.json')
        [pscustomobject]@{ Mail = 'adele@contoso.example' } | Get-EntraPasskeyCreationOption -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError*'
        @(Get-FakeCall).Count | Should -Be 0
    }

    It 'skips group members that are not users, with a warning' {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"userId":"u","method":{"id":"m"}}'
        $members = @(
            [pscustomobject]@{ Id = 'u1'; AdditionalProperties = @{ '@odata.type' = '#microsoft.graph.user'; userPrincipalName = 'adele@contoso.example' } }
            [pscustomobject]@{ Id = 'd1'; AdditionalProperties = @{ '@odata.type' = '#microsoft.graph.device' } }
        )
        $rows = $members | Register-EntraPasskeyDevice -Pin $Pin -Confirm:$false -WarningVariable w -WarningAction SilentlyContinue -ErrorAction Stop
        @(Get-FakeCall).Count | Should -Be 1
        @(Get-FakeCall)[0].Argv[3] | Should -Be 'u1'
        @($rows).Count | Should -Be 1
        $w.Message | Should -BeLike '*d1*microsoft.graph.device*'
    }

    It 'binds Device and ChallengeTimeout from CSV rows, but not a user''s DisplayName' {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"userId":"u","method":{"id":"m"}}'
        [pscustomobject]@{ UserPrincipalName = 'adele@contoso.example'; DisplayName = 'Adele Vance'; Device = 'virtual:k1.json'; ChallengeTimeout = '00:10:00' } |
            Register-EntraPasskeyDevice -Pin $Pin -Confirm:$false -ErrorAction Stop | Out-Null
        $argv = @(Get-FakeCall)[0].Argv
        $argv | Should -Contain ('virtual:' + (Join-Path (Get-Location).ProviderPath 'k1.json'))
        $argv | Should -Contain '600000ms'
        $argv | Should -Not -Contain 'Adele Vance'
    }

    It 'resolves ~, PSDrive and relative paths against PowerShell''s location' {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"userId":"u","method":{"id":"m"}}'
        Read-Golden 'credential.json' | Submit-EntraPasskeyCredential -RecordPath 'TestDrive:\rec.jsonl' -Confirm:$false -ErrorAction Stop | Out-Null
        Read-Golden 'credential.json' | Submit-EntraPasskeyCredential -RecordPath '~/rec.jsonl' -Confirm:$false -ErrorAction Stop | Out-Null
        $calls = @(Get-FakeCall)
        $calls[0].Argv[-1] | Should -Be (Join-Path (Get-PSDrive TestDrive).Root 'rec.jsonl')
        $calls[1].Argv[-1] | Should -Be (Join-Path $HOME 'rec.jsonl')
    }

    It 'adds userId to methods so they pipe into Remove-EntraPasskeyMethod' {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"userId":"adele@contoso.example","methods":[{"id":"-m1","displayName":"Key"}]}'
        $m = Get-EntraPasskeyMethod adele@contoso.example -ErrorAction Stop
        $m.userId | Should -Be 'adele@contoso.example'
        $m.PSObject.TypeNames[0] | Should -Be 'EntraPasskey.Method'
        Set-FakeScenario -Stdout '{"schemaVersion":1,"userId":"adele@contoso.example","deleted":{"id":"-m1"}}'
        $m | Remove-EntraPasskeyMethod -Confirm:$false -ErrorAction Stop | Out-Null
        @(Get-FakeCall)[0].Argv[-3..-1] | Should -Be @('--', 'adele@contoso.example', '-m1')
    }

    It '-WhatIf runs nothing and writes no error: <Name>' -ForEach @(
        @{ Name = 'Remove'; Run = { Remove-EntraPasskeyMethod -UserId u -MethodId m -WhatIf } }
        @{ Name = 'Reset'; Run = { Reset-EntraPasskeyKey -WhatIf } }
        @{ Name = 'Register'; Run = { Register-EntraPasskeyDevice u -Pin $Pin -WhatIf } }
        @{ Name = 'New'; Run = { '{}' | New-EntraPasskeyCredential -Pin $Pin -WhatIf } }
        @{ Name = 'Submit'; Run = { '{}' | Submit-EntraPasskeyCredential -WhatIf } }
        @{ Name = 'SetPin'; Run = { Set-EntraPasskeyPin -NewPin $Pin -WhatIf } }
        @{ Name = 'KeyConfig'; Run = { Set-EntraPasskeyKeyConfig -Pin $Pin -ForcePinChange -WhatIf } }
        @{ Name = 'BulkPlan'; Run = { New-EntraPasskeyBulkJob -Store s.db -Group g -WhatIf } }
        @{ Name = 'BulkRun'; Run = { Start-EntraPasskeyBulkJob -Store s.db -WhatIf } }
        @{ Name = 'BulkRetry'; Run = { Restart-EntraPasskeyBulkTask -Store s.db -WhatIf } }
        @{ Name = 'RemoveKeyCredential'; Run = { Remove-EntraPasskeyKeyCredential -CredentialId c1 -WhatIf } }
        @{ Name = 'Recovery'; Run = { Invoke-EntraPasskeyRecovery u -LostMethodId m1 -RevokeSessions -TemporaryAccessPassPath tap.txt -WhatIf } }
    ) {
        Set-FakeScenario | Out-Null
        $out = & $Run 2>&1
        @($out | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -Be 0
        Should -Invoke -ModuleName EntraPasskey -CommandName Resolve-EntraPasskeyBinary -Times 0 -Exactly
        # Nor is anyone asked for a PIN for what will not run.
        Should -Invoke -ModuleName EntraPasskey -CommandName Read-EntraPasskeyPin -Times 0 -Exactly
    }

    It 'asks for confirmation of New, Submit and Register under $ConfirmPreference = Medium' {
        $meta = foreach ($n in 'New-EntraPasskeyCredential', 'Submit-EntraPasskeyCredential', 'Register-EntraPasskeyDevice') {
            [System.Management.Automation.CommandMetadata]::new((Get-Command $n)).ConfirmImpact
        }
        @($meta | Where-Object { $_ -ge [System.Management.Automation.ConfirmImpact]::Medium }).Count | Should -Be 3
    }

    It 'Reset-EntraPasskeyKey and Remove pass --yes only after confirmation' {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"action":"reset"}'
        Reset-EntraPasskeyKey -Device virtual:k.json -Confirm:$false -ErrorAction Stop | Out-Null
        @(Get-FakeCall)[0].Argv[2..3] | Should -Be @('reset', '--yes')
    }

    It 'Set-EntraPasskeyKeyConfig runs always-uv, then the minimum, then the forced change, and warns about a PIN shorter than the minimum' {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"action":"config"}'
        $short = ConvertTo-SecureString -String '1234' -AsPlainText -Force
        Set-EntraPasskeyKeyConfig -Pin $short -ForcePinChange -MinPinLength 6 -AlwaysUv $true -Confirm:$false -WarningVariable w -WarningAction SilentlyContinue -ErrorAction Stop | Out-Null
        $calls = @(Get-FakeCall)
        $calls.Count | Should -Be 3
        $calls[0].Argv[3] | Should -Be 'always-uv'
        $calls[1].Argv[3] | Should -Be 'min-pin-length'
        $calls[2].Argv[3] | Should -Be 'force-pin-change'
        $w.Message | Should -BeLike '*minimum (6)*4 characters*'
    }

    It 'Set-EntraPasskeyPin -ShowPin returns the PIN as a SecureString; several age recipients' {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"action":"pin-set","pin":"90817263"}'
        $r = Set-EntraPasskeyPin -Random -ShowPin -PinOutAgeRecipient 'age1a', 'age1b' -Confirm:$false -ErrorAction Stop
        $r.pin | Should -BeOfType [System.Security.SecureString]
        @(Get-FakeCall)[0].Argv[2..9] | Should -Be @('pin', 'set', '--random', '--pin-out-age', 'age1a', '--pin-out-age', 'age1b', '--show-pin')
    }
}

Describe 'the connection' {
    It 'Connect-EntraPasskey signs in once and every cmdlet reuses the settings, secrets in the environment only' {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"flow":"client-secret","source":"token"}' -Environment 'ENTRA_PASSKEY_PS_CLIENT_SECRET'
        $secret = ConvertTo-SecureString -String 's3cr3t-value' -AsPlainText -Force
        Connect-EntraPasskey -Tenant contoso.example -ClientId 11111111-2222-3333-4444-555555555555 -ClientSecret $secret -ErrorAction Stop | Out-Null
        Get-EntraPasskeyPolicy -ErrorAction Stop | Out-Null
        $calls = @(Get-FakeCall)
        $calls.Count | Should -Be 2
        $calls[0].Argv[2] | Should -Be 'login'
        $calls[1].Argv[2..3] | Should -Be @('policy', 'show')
        foreach ($c in $calls) {
            $c.Argv[-2..-1] | Should -Be @('--client-secret-env', 'ENTRA_PASSKEY_PS_CLIENT_SECRET')
            $c.Env.ENTRA_PASSKEY_PS_CLIENT_SECRET | Should -Be 's3cr3t-value'
            ($c.Argv -join ' ') | Should -Not -Match 's3cr3t'
        }
        $env:ENTRA_PASSKEY_PS_CLIENT_SECRET | Should -BeNullOrEmpty
    }

    It 'refuses -NoCache with a delegated sign-in, which would ask in every cmdlet' {
        Set-FakeScenario | Out-Null
        Connect-EntraPasskey -NoCache -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'usage,*'
        Should -Invoke -ModuleName EntraPasskey -CommandName Resolve-EntraPasskeyBinary -Times 0 -Exactly
    }

    It 'forgets a failed sign-in' {
        Set-FakeScenario -Stdout '' -ExitCode 101 -Stderr '{"event":"error","error":{"code":"auth_unavailable","message":"no answer"}}'
        Connect-EntraPasskey -Tenant t -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        InModuleScope EntraPasskey { $script:Connection } | Should -BeNullOrEmpty
    }

    It '-UseMgGraph hands the binary the Connect-MgGraph token in its environment, and its cloud' {
        Use-MgSession
        Set-FakeScenario -Stdout '{"schemaVersion":1,"userId":"u","methods":[]}' -Environment 'ENTRA_PASSKEY_PS_ACCESS_TOKEN'
        Get-EntraPasskeyMethod adele@contoso.example -UseMgGraph -ErrorAction Stop
        $call = @(Get-FakeCall)[0]
        $call.Env.ENTRA_PASSKEY_PS_ACCESS_TOKEN | Should -Be $Token
        ($call.Argv -join ' ') | Should -Not -Match ([regex]::Escape($Token))
        Should -Invoke -ModuleName EntraPasskey -CommandName Invoke-MgGraphRequest -Times 1 -Exactly -ParameterFilter { $OutputType -eq 'HttpResponseMessage' }
    }

    It '-UseMgGraph:$false takes the connection''s path, not Microsoft.Graph''s' {
        Use-MgSession
        Set-FakeScenario -Stdout '{"schemaVersion":1,"userId":"u","methods":[]}'
        Get-EntraPasskeyMethod adele@contoso.example -UseMgGraph:$false -ErrorAction Stop
        @(Get-FakeCall)[0].Argv | Should -Not -Contain '--access-token-env'
        Should -Invoke -ModuleName EntraPasskey -CommandName Invoke-MgGraphRequest -Times 0 -Exactly
    }

    It 'says how to connect when there is no Graph session, and runs nothing' {
        Mock -ModuleName EntraPasskey -CommandName Get-MgContext -MockWith { $null }
        Set-FakeScenario | Out-Null
        Get-EntraPasskeyMethod u -UseMgGraph -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'mg_graph_not_connected,*'
        $err[0].ErrorDetails.RecommendedAction | Should -BeLike 'Connect-MgGraph*'
        Should -Invoke -ModuleName EntraPasskey -CommandName Resolve-EntraPasskeyBinary -Times 0 -Exactly
    }
}

Describe 'the passkeys on a key, verification and recovery' {
    BeforeAll {
        # The list as key credentials prints it: one registered, two orphans, on a key
        # whose path is an absolute virtual: path (so it resolves to itself everywhere).
        function New-KeyCredentialList([string]$KeyPath, [object]$Remaining = 23) {
            $cred = { param($id, $handle, $name, $status, $method, $upn) [ordered]@{ credentialId = $id; userId = $handle; userName = $name; credProtect = 2; status = $status; methodId = $method; userPrincipalName = $upn } }
            ConvertTo-Json -Depth 5 -Compress -InputObject ([ordered]@{
                    schemaVersion = 1; rpId = 'login.microsoft.com'; remaining = $Remaining; path = $KeyPath
                    credentials   = @(
                        (& $cred '-c1' 'aGFuZGxlMQ' 'adele@contoso.example' 'registered' '-m1' 'adele@contoso.example')
                        (& $cred 'c2' 'aGFuZGxlMg' 'gone@contoso.example' 'orphan' $null $null)
                        (& $cred 'c3' 'aGFuZGxlMw' 'left@contoso.example' 'orphan' $null $null))
                })
        }
        $Verified = '{"schemaVersion":1,"userId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","userPrincipalName":"adele@contoso.example","methodId":"m1","credentialId":"c1","verified":true,"graph":{"outcome":"ok"},"key":{"outcome":"holds"}}'
        $NotOnKey = '{"schemaVersion":1,"userId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","userPrincipalName":"adele@contoso.example","methodId":"m1","credentialId":"c1","verified":false,"graph":{"outcome":"ok"},"key":{"outcome":"missing"}}'
        $VerificationFailed = '{"event":"error","error":{"code":"verification_failed","message":"the key does not hold the credential of method m1","hint":"use the key the method was registered on"}}'
    }

    It 'Get-EntraPasskeyKeyCredential gives one typed object per credential, with the list''s rpId, remaining and path, and a summary' {
        $key = 'virtual:' + (Join-Path $Work 'k.json')
        Set-FakeScenario -Stdout (New-KeyCredentialList -KeyPath $key) | Out-Null
        $creds = @(Get-EntraPasskeyKeyCredential -Pin $Pin -InformationVariable info -ErrorAction Stop)
        $call = @(Get-FakeCall)[0]
        $call.Argv[2..4] | Should -Be @('key', 'credentials', '--pin-stdin')
        ($call.Stdin | ConvertFrom-Json).pin | Should -Be '48151623'
        ($call.Argv -join ' ') | Should -Not -Match '48151623'
        $creds.Count | Should -Be 3
        $creds[0].PSObject.TypeNames[0] | Should -Be 'EntraPasskey.KeyCredential'
        $creds[0].methodId | Should -Be '-m1'
        $creds[1].status | Should -Be 'orphan'
        foreach ($c in $creds) {
            $c.rpId | Should -Be 'login.microsoft.com'
            $c.remaining | Should -Be 23
            $c.path | Should -Be $key
        }
        ($info | Where-Object { $_.Tags -contains 'summary' }).MessageData | Should -Be "login.microsoft.com on $($key): 3 passkeys, 23 more fit"
    }

    It 'Get-EntraPasskeyKeyCredential on a key without Entra passkeys gives no objects but still the summary' {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"rpId":"login.microsoft.com","remaining":null,"path":"/dev/hidraw3","credentials":[]}' | Out-Null
        $creds = @(Get-EntraPasskeyKeyCredential -Pin $Pin -InformationVariable info -ErrorAction Stop)
        @(Get-FakeCall).Count | Should -Be 1
        $creds.Count | Should -Be 0
        ($info | Where-Object { $_.Tags -contains 'summary' }).MessageData | Should -Be 'login.microsoft.com on /dev/hidraw3: 0 passkeys, the key does not say how many more fit'
    }

    It 'Get-EntraPasskeyKeyCredential -Offline signs in nowhere, even when connected; -Offline with -UseMgGraph runs nothing' {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"flow":"client-credentials"}' | Out-Null
        Connect-EntraPasskey -Emulator emulator.json -ErrorAction Stop | Out-Null
        Set-FakeScenario -Stdout '{"schemaVersion":1,"rpId":"login.microsoft.com","remaining":5,"path":"/dev/hidraw0","credentials":[{"credentialId":"c1","userId":"aA","userName":"a@contoso.example","credProtect":2,"status":"unknown","methodId":null,"userPrincipalName":null}]}' | Out-Null
        $c = Get-EntraPasskeyKeyCredential -Offline -Pin $Pin -ErrorAction Stop
        $c.status | Should -Be 'unknown'
        $argv = @(Get-FakeCall)[0].Argv
        $argv[2..4] | Should -Be @('key', 'credentials', '--offline')
        $argv | Should -Not -Contain '--emulator'
        $failure = $null
        try { Get-EntraPasskeyKeyCredential -Offline -UseMgGraph -Pin $Pin } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike 'AmbiguousParameterSet,*'
        @(Get-FakeCall).Count | Should -Be 1
    }

    It 'Get-EntraPasskeyKeyCredential asks the host for the PIN once per key, and with nobody to ask sends none' {
        Mock -ModuleName EntraPasskey -CommandName Read-EntraPasskeyPin -MockWith { ConvertTo-SecureString -String '11223344' -AsPlainText -Force }
        Set-FakeScenario -Stdout '{"schemaVersion":1,"rpId":"login.microsoft.com","remaining":1,"path":"/dev/hidraw0","credentials":[]}' | Out-Null
        'virtual:a.json', 'virtual:a.json', 'virtual:b.json' | Get-EntraPasskeyKeyCredential -Offline -ErrorAction Stop
        $calls = @(Get-FakeCall)
        $calls.Count | Should -Be 3
        foreach ($c in $calls) { ($c.Stdin | ConvertFrom-Json).pin | Should -Be '11223344' }
        Should -Invoke -ModuleName EntraPasskey -CommandName Read-EntraPasskeyPin -Times 2 -Exactly
        Mock -ModuleName EntraPasskey -CommandName Read-EntraPasskeyPin -MockWith { $null }
        Set-FakeScenario -Stdout '' -ExitCode 82 -Stderr '{"event":"error","error":{"code":"pin_required","message":"the key needs its PIN"}}' | Out-Null
        Get-EntraPasskeyKeyCredential -Offline -ErrorVariable err -ErrorAction SilentlyContinue
        @(Get-FakeCall)[0].Argv | Should -Not -Contain '--pin-stdin'
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'pin_required,*'
    }

    It 'pipes the orphans into Remove-EntraPasskeyKeyCredential: each its own delete on the key it came from, --yes after the confirmation, the PIN asked once' {
        $key = 'virtual:' + (Join-Path $Work 'k.json')
        Set-FakeScenario -Stdout (New-KeyCredentialList -KeyPath $key) | Out-Null
        $creds = Get-EntraPasskeyKeyCredential -Pin $Pin -ErrorAction Stop
        Mock -ModuleName EntraPasskey -CommandName Read-EntraPasskeyPin -MockWith { ConvertTo-SecureString -String '11223344' -AsPlainText -Force }
        Set-FakeScenario -Stdout '{"schemaVersion":1,"deleted":true,"credentialId":"c2","rpId":"login.microsoft.com","userName":"gone@contoso.example","remaining":24}' | Out-Null
        $out = @($creds | Where-Object status -eq orphan | Remove-EntraPasskeyKeyCredential -Confirm:$false -ErrorAction Stop)
        $calls = @(Get-FakeCall)
        $calls.Count | Should -Be 2
        @($calls[0].Argv | Select-Object -Skip 2) | Should -Be @('key', 'credentials', 'delete', '--credential-id=c2', '--yes', '--device', $key, '--pin-stdin')
        $calls[1].Argv[5] | Should -Be '--credential-id=c3'
        foreach ($c in $calls) {
            ($c.Stdin | ConvertFrom-Json).pin | Should -Be '11223344'
            ($c.Argv -join ' ') | Should -Not -Match '11223344'
        }
        Should -Invoke -ModuleName EntraPasskey -CommandName Read-EntraPasskeyPin -Times 1 -Exactly
        $out.Count | Should -Be 2
        $out[0].PSObject.TypeNames[0] | Should -Be 'EntraPasskey.KeyCredentialDeletion'
        $out[0].remaining | Should -Be 24
    }

    It 'Remove-EntraPasskeyKeyCredential joins an id that starts with - to its flag, and raises the binary''s error with the credential as target' {
        Set-FakeScenario -Stdout '' -ExitCode 82 -Stderr '{"event":"error","error":{"code":"credential_not_on_key","message":"the key holds no credential -xY","hint":"list them with key credentials"}}' | Out-Null
        Remove-EntraPasskeyKeyCredential -CredentialId '-xY' -Pin $Pin -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        @(Get-FakeCall)[0].Argv | Should -Contain '--credential-id=-xY'
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'credential_not_on_key,*'
        $err[0].CategoryInfo.TargetName | Should -Be '-xY'
        $err[0].ErrorDetails.RecommendedAction | Should -Be 'list them with key credentials'
    }

    It 'Test-EntraPasskeyRegistration returns the verdict, and -Quiet $true' {
        Set-FakeScenario -Stdout $Verified | Out-Null
        $v = Test-EntraPasskeyRegistration adele@contoso.example -Pin $Pin -ErrorAction Stop
        $q = Test-EntraPasskeyRegistration adele@contoso.example -Pin $Pin -Quiet -ErrorAction Stop
        $calls = @(Get-FakeCall)
        $calls.Count | Should -Be 2
        @($calls[0].Argv | Select-Object -Skip 2) | Should -Be @('verify-registration', '--pin-stdin', '--', 'adele@contoso.example')
        $v.PSObject.TypeNames[0] | Should -Be 'EntraPasskey.RegistrationVerification'
        $v.verified | Should -BeTrue
        $v.key.outcome | Should -Be 'holds'
        $q | Should -BeOfType [bool]
        $q | Should -BeTrue
    }

    It 'Test-EntraPasskeyRegistration: a registration that does not verify is the answer, not an error' {
        Set-FakeScenario -Stdout $NotOnKey -ExitCode 1 -Stderr $VerificationFailed | Out-Null
        $v = Test-EntraPasskeyRegistration adele@contoso.example -Pin $Pin -ErrorVariable err -ErrorAction Stop
        $q = @(Test-EntraPasskeyRegistration adele@contoso.example -Pin $Pin -Quiet -ErrorVariable errQuiet -ErrorAction Stop)
        @(Get-FakeCall).Count | Should -Be 2
        $v.verified | Should -BeFalse
        $v.key.outcome | Should -Be 'missing'
        $err.Count | Should -Be 0
        $q.Count | Should -Be 1
        $q[0] | Should -BeOfType [bool]
        $q[0] | Should -BeFalse
        $errQuiet.Count | Should -Be 0
    }

    It 'Test-EntraPasskeyRegistration: a check that could not be made is an error, and -Quiet still answers $false once' {
        Set-FakeScenario -Stdout '' -ExitCode 82 -Stderr '{"event":"error","error":{"code":"pin_invalid","message":"wrong PIN","retries":5}}' | Out-Null
        $v = Test-EntraPasskeyRegistration adele@contoso.example -Pin $Pin -ErrorVariable err -ErrorAction SilentlyContinue
        $q = @(Test-EntraPasskeyRegistration adele@contoso.example -Pin $Pin -Quiet -ErrorVariable errQuiet -ErrorAction SilentlyContinue)
        @(Get-FakeCall).Count | Should -Be 2
        $v | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'pin_invalid,*'
        $err[0].CategoryInfo.TargetName | Should -Be 'adele@contoso.example'
        $err[0].TargetObject.Retries | Should -Be 5
        $q.Count | Should -Be 1
        $q[0] | Should -BeFalse
        $errQuiet.Count | Should -Be 1
        { Test-EntraPasskeyRegistration adele@contoso.example -Pin $Pin -ErrorAction Stop } | Should -Throw -ErrorId 'pin_invalid,Test-EntraPasskeyRegistration'
    }

    It 'Test-EntraPasskeyRegistration binds <Shape>' -ForEach @(
        @{ Shape = 'a key credential by its userPrincipalName and methodId, never its user handle'; Want = 'adele@contoso.example'; Method = '--method-id=-m1'
            Item = [pscustomobject]@{ credentialId = 'c1'; userId = 'aGFuZGxlMQ'; userName = 'adele@contoso.example'; status = 'registered'; methodId = '-m1'; userPrincipalName = 'adele@contoso.example' } }
        @{ Shape = 'a Get-EntraPasskeyMethod object by its userId, not its method id'; Want = '7c9e6679-7425-40de-944b-e07fc1f90ae7'; Method = $null
            Item = [pscustomobject]@{ id = 'm9'; displayName = 'Key'; userId = '7c9e6679-7425-40de-944b-e07fc1f90ae7' } }
        @{ Shape = 'a Get-MgUser object, its Id not taken for a method id'; Want = 'adele@contoso.example'; Method = $null
            Item = [pscustomobject]@{ Id = '7c9e6679-7425-40de-944b-e07fc1f90ae7'; UserPrincipalName = 'adele@contoso.example'; DisplayName = 'Adele Vance' } }
        @{ Shape = 'a string'; Want = 'adele@contoso.example'; Method = $null; Item = 'adele@contoso.example' }
    ) {
        Set-FakeScenario -Stdout $Verified | Out-Null
        $Item | Test-EntraPasskeyRegistration -Pin $Pin -ErrorAction Stop | Out-Null
        $argv = @(Get-FakeCall)[0].Argv
        $argv[-2..-1] | Should -Be @('--', $Want)
        $argv | Should -Not -Contain 'aGFuZGxlMQ'
        if ($Method) { $argv | Should -Contain $Method } else { ($argv -join ' ') | Should -Not -Match '--method-id' }
    }

    It 'Test-EntraPasskeyRegistration raises a binding error for an orphan (no user), and runs nothing for it' {
        Set-FakeScenario | Out-Null
        [pscustomobject]@{ credentialId = 'c2'; userId = 'aGFuZGxlMg'; userName = 'gone@contoso.example'; status = 'orphan'; methodId = $null; userPrincipalName = $null } |
            Test-EntraPasskeyRegistration -Pin $Pin -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -BeGreaterThan 0
        # Null userPrincipalName: a null/validation error or "cannot be bound", whichever the engine reaches first.
        $err[0].FullyQualifiedErrorId | Should -Match '^(Parameter|InputObjectNotBound)'
        Should -Invoke -ModuleName EntraPasskey -CommandName Resolve-EntraPasskeyBinary -Times 0 -Exactly
    }

    It 'Invoke-EntraPasskeyRecovery passes --yes only after the confirmation, each lost id joined to its flag, the TAP file resolved' {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"userId":"u1","userPrincipalName":"adele@contoso.example","steps":[{"step":"plan","outcome":"done"},{"step":"register","outcome":"done"}],"outcome":"done"}' | Out-Null
        $r = Invoke-EntraPasskeyRecovery adele@contoso.example -LostMethodId '-m1', 'm2' -TemporaryAccessPassPath 'TestDrive:\adele.tap' -TemporaryAccessPassLifetime (New-TimeSpan -Minutes 90) -Pin $Pin -Confirm:$false -ErrorAction Stop
        $argv = @(Get-FakeCall)[0].Argv
        @($argv | Select-Object -Skip 2) | Should -Be @('recover', '--lost=-m1', '--lost=m2', '--tap-out', (Join-Path (Get-PSDrive TestDrive).Root 'adele.tap'), '--tap-lifetime', '5400000ms', '--yes', '--pin-stdin', '--', 'adele@contoso.example')
        $r.PSObject.TypeNames[0] | Should -Be 'EntraPasskey.Recovery'
        $r.outcome | Should -Be 'done'
        # The module neither writes nor reads the pass: the binary's own 0600 file is its only place.
        Test-Path -LiteralPath 'TestDrive:\adele.tap' | Should -BeFalse
    }

    It 'Invoke-EntraPasskeyRecovery: when a step fails, the record of what was done comes out first, then the error' {
        $record = '{"schemaVersion":1,"userId":"u1","userPrincipalName":"adele@contoso.example","steps":[{"step":"plan","outcome":"done"},{"step":"register","outcome":"done","methodId":"m9"},{"step":"remove","outcome":"failed","methodId":"m1"},{"step":"revoke_sessions","outcome":"skipped"}],"outcome":"failed"}'
        Set-FakeScenario -Stdout $record -ExitCode 83 -Stderr '{"event":"error","error":{"code":"graph_forbidden","message":"removing method m1: forbidden","hint":"the replacement m9 is registered; remove m1 by hand"}}' | Out-Null
        $out = @(Invoke-EntraPasskeyRecovery adele@contoso.example -LostMethodId m1 -RevokeSessions -Pin $Pin -Confirm:$false -ErrorVariable err -ErrorAction Continue 2>&1)
        @(Get-FakeCall).Count | Should -Be 1
        $out.Count | Should -Be 2
        $out[0] | Should -Not -BeOfType [System.Management.Automation.ErrorRecord]
        $out[1] | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $out[0].steps[1].methodId | Should -Be 'm9'
        $out[0].steps[2].outcome | Should -Be 'failed'
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'graph_forbidden,*'
        $err[0].CategoryInfo.TargetName | Should -Be 'adele@contoso.example'
        $err[0].TargetObject.Document.outcome | Should -Be 'failed'
    }

    It 'Invoke-EntraPasskeyRecovery asks the host for the replacement key''s PIN after the confirmation, and -UseMgGraph lends the token' {
        Use-MgSession
        Mock -ModuleName EntraPasskey -CommandName Read-EntraPasskeyPin -MockWith { ConvertTo-SecureString -String '11223344' -AsPlainText -Force }
        Set-FakeScenario -Stdout '{"schemaVersion":1,"userId":"u1","userPrincipalName":"adele@contoso.example","steps":[],"outcome":"done"}' -Environment 'ENTRA_PASSKEY_PS_ACCESS_TOKEN' | Out-Null
        Invoke-EntraPasskeyRecovery adele@contoso.example -UseMgGraph -Confirm:$false -ErrorAction Stop | Out-Null
        $call = @(Get-FakeCall)[0]
        ($call.Stdin | ConvertFrom-Json).pin | Should -Be '11223344'
        $call.Env.ENTRA_PASSKEY_PS_ACCESS_TOKEN | Should -Be $Token
        ($call.Argv -join ' ') | Should -Not -Match ([regex]::Escape($Token))
        $call.Argv[-4..-1] | Should -Be @('--access-token-env', 'ENTRA_PASSKEY_PS_ACCESS_TOKEN', '--', 'adele@contoso.example')
        Should -Invoke -ModuleName EntraPasskey -CommandName Read-EntraPasskeyPin -Times 1 -Exactly
    }
}

Describe 'bulk' {
    It 'Get-EntraPasskeyBulkReport gives rows whose every column is text, for Export-Csv' {
        Set-FakeScenario -Stdout ('{"schemaVersion":1,"userPrincipalName":"adele@contoso.example","userId":"u1","outcome":"done","methodId":"m1","requestIds":["r1","r2"],"errorCode":null,"method":{"id":"m1"},"key":{"aaguid":"a1"},"reconciled":false}' + "`n" +
            '{"userPrincipalName":"alex@contoso.example","userId":"u2","outcome":"failed","methodId":null,"requestIds":[],"errorCode":"pin_blocked"}')
        $rows = @(Get-EntraPasskeyBulkReport -Store jobs.db -ErrorAction Stop)
        $rows.Count | Should -Be 2
        $rows[0].requestIds | Should -Be 'r1;r2'
        $rows[1].errorCode | Should -Be 'pin_blocked'
        $rows[0].PSObject.TypeNames[0] | Should -Be 'EntraPasskey.BulkReportRecord'
        ($rows | ConvertTo-Csv -NoTypeInformation) -join "`n" | Should -Not -Match 'System\.(Object|Management)'
        $rows[0].PSObject.Properties.Name | Should -Not -Contain 'method'
    }

    It 'Get-EntraPasskeyBulkJob returns the status document' {
        Set-FakeScenario -Stdout '{"job":"j1","total":3,"counts":{"done":2,"failed":1},"failures":[{"userPrincipalName":"alex@contoso.example","code":"pin_blocked","message":"m","attempts":2}],"rate":1.5,"eta":"0s"}'
        $s = Get-EntraPasskeyBulkJob -Store jobs.db -ErrorAction Stop
        $s.counts.done | Should -Be 2
        $s.failures[0].code | Should -Be 'pin_blocked'
        $s.PSObject.TypeNames[0] | Should -Be 'EntraPasskey.BulkStatus'
    }

    It 'Start-EntraPasskeyBulkJob accepts a run that prints nothing on stdout' {
        Set-FakeScenario -Stdout ''
        Start-EntraPasskeyBulkJob -Store jobs.db -MaxTasks 1 -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 0
        @(Get-FakeCall).Count | Should -Be 1
    }
}

Describe 'private helpers' {
    It 'ConvertTo-EntraPasskeyCommandLine splits back into the same arguments' -ForEach @(
        @{ Args = @('') }, @{ Args = @('a b', 'c') }, @{ Args = @('trailing\') }, @{ Args = @('x\\"y') }, @{ Args = @('say "hi"') }
        @{ Args = @("tab`tx") }, @{ Args = @('Zoë') }, @{ Args = @('-dash', '--') }
    ) {
        $line = InModuleScope EntraPasskey -Parameters @{ A = $Args } { param($A) ConvertTo-EntraPasskeyCommandLine -ArgumentList $A }
        $line | Should -Not -BeNullOrEmpty
        if ($OnWindows) {
            Add-Type -Namespace EntraPasskeyTest -Name Native -MemberDefinition @'
[DllImport("shell32.dll", SetLastError = true)] public static extern System.IntPtr CommandLineToArgvW([MarshalAs(UnmanagedType.LPWStr)] string cmd, out int n);
[DllImport("kernel32.dll")] public static extern System.IntPtr LocalFree(System.IntPtr p);
'@ -ErrorAction SilentlyContinue
            $n = 0
            $p = [EntraPasskeyTest.Native]::CommandLineToArgvW("x.exe $line", [ref]$n)
            $got = for ($i = 1; $i -lt $n; $i++) { [System.Runtime.InteropServices.Marshal]::PtrToStringUni([System.Runtime.InteropServices.Marshal]::ReadIntPtr($p, $i * [IntPtr]::Size)) }
            $null = [EntraPasskeyTest.Native]::LocalFree($p)
            [string[]]@($got) | Should -Be ([string[]]$Args)
        }
    }

    It 'Resolve-EntraPasskeyBinary: ENTRA_PASSKEY_BIN relative or missing, the bundled binary per platform, PATH' {
        $old = $env:ENTRA_PASSKEY_BIN
        try {
            $null = New-Item -ItemType File -Path (Join-Path $Work 'ep.exe')
            $env:ENTRA_PASSKEY_BIN = 'ep.exe'
            (InModuleScope EntraPasskey { Resolve-EntraPasskeyBinary }).FilePath | Should -Be (Join-Path (Get-Location).ProviderPath 'ep.exe')
            $env:ENTRA_PASSKEY_BIN = 'missing.exe'
            (InModuleScope EntraPasskey { Resolve-EntraPasskeyBinary }).Error.FullyQualifiedErrorId | Should -Be 'binary_not_found'
            Remove-Item Env:ENTRA_PASSKEY_BIN
            Mock -ModuleName EntraPasskey -CommandName Get-EntraPasskeyPlatform -MockWith { [pscustomobject]@{ OS = 'plan9'; Arch = 'mips'; IsWindows = $false } }
            Mock -ModuleName EntraPasskey -CommandName Get-Command -ParameterFilter { $Name -eq 'entra-passkey' } -MockWith { $null }
            $r = InModuleScope EntraPasskey { Resolve-EntraPasskeyBinary }
            $r.Error.Exception.Message | Should -BeLike '*plan9-mips*'
        }
        finally {
            if ($old) { $env:ENTRA_PASSKEY_BIN = $old } else { Remove-Item Env:ENTRA_PASSKEY_BIN -ErrorAction SilentlyContinue }
        }
    }

    It 'Get-EntraPasskeyPlatform names this platform as the releases do' {
        $p = InModuleScope EntraPasskey { Get-EntraPasskeyPlatform }
        $p.OS | Should -BeIn @('windows', 'linux', 'darwin')
        $p.Arch | Should -BeIn @('amd64', 'arm64', '386', 'arm')
    }
}
