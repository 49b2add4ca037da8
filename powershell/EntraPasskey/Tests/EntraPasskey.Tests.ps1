#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Unit tests of the EntraPasskey module against a fake binary (fake/entra-passkey.ps1):
# the arguments and stdin it is given (compared with golden/, which the Go test
# cmd/entra-passkey/psmodule_contract_test.go feeds to the real binary), events, errors,
# ShouldProcess, pipeline binding, and the -UseMgGraph path with Invoke-MgGraphRequest
# mocked. Run: Invoke-Pester -Path powershell/EntraPasskey/Tests

BeforeAll {
    $ModuleManifest = Join-Path -Path (Split-Path -Parent $PSScriptRoot) -ChildPath 'EntraPasskey.psd1'
    $Golden = Join-Path -Path $PSScriptRoot -ChildPath 'golden'
    $Fake = Join-Path -Path (Join-Path -Path $PSScriptRoot -ChildPath 'fake') -ChildPath 'entra-passkey.ps1'
    $HostExe = (Get-Process -Id $PID).Path
    $Pin = ConvertTo-SecureString -String '48151623' -AsPlainText -Force
    $NewPin = ConvertTo-SecureString -String '27182818' -AsPlainText -Force

    # -UseMgGraph needs these commands to exist to be mocked; Microsoft.Graph need not be installed.
    if (-not (Get-Command -Name Invoke-MgGraphRequest -ErrorAction SilentlyContinue)) {
        function global:Invoke-MgGraphRequest { param($Method, $Uri, $Body, $ContentType, $OutputType) }
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

    function Get-FakeCall {
        $dir = $env:FAKE_EP_DIR
        if (-not (Test-Path -LiteralPath (Join-Path $dir 'argv.json'))) { return $null }
        [pscustomobject]@{
            Argv  = @(Get-Content -Raw -LiteralPath (Join-Path $dir 'argv.json') | ConvertFrom-Json)
            Stdin = [System.Text.UTF8Encoding]::new($false).GetString([System.IO.File]::ReadAllBytes((Join-Path $dir 'stdin.bin')))
            Env   = Get-Content -Raw -LiteralPath (Join-Path $dir 'env.json') | ConvertFrom-Json
        }
    }
}

BeforeEach {
    Mock -ModuleName EntraPasskey -CommandName Resolve-EntraPasskeyBinary -MockWith {
        [pscustomobject]@{ FilePath = $HostExe; PrefixArguments = @('-NoProfile', '-NonInteractive', '-File', $Fake) }
    }
}

AfterEach {
    if ($env:FAKE_EP_DIR) { Remove-Item -LiteralPath $env:FAKE_EP_DIR -Recurse -Force -ErrorAction SilentlyContinue }
    Remove-Item -Path 'Env:FAKE_EP_DIR', 'Env:FAKE_EP_ENV' -ErrorAction SilentlyContinue
}

Describe 'the manifest' {
    It 'is valid and exports exactly the Public functions' {
        $manifest = Test-ModuleManifest -Path $ModuleManifest
        $public = Get-ChildItem -Path (Join-Path (Split-Path -Parent $PSScriptRoot) 'Public') -Filter *.ps1 | ForEach-Object BaseName | Sort-Object
        @($manifest.ExportedFunctions.Keys | Sort-Object) | Should -Be $public
        $manifest.CompatiblePSEditions | Should -Be @('Core', 'Desktop')
        (Get-Module EntraPasskey).ExportedCommands.Keys | Should -Contain 'Get-EntraPasskeyCreationOptions'
    }

    It 'gives every cmdlet help with a synopsis and an example' {
        foreach ($name in (Get-Module EntraPasskey).ExportedFunctions.Keys) {
            $help = Get-Help -Name $name -Full
            $help.Synopsis | Should -Not -BeNullOrEmpty -Because $name
            @($help.Examples.Example).Count | Should -BeGreaterThan 0 -Because $name
        }
    }

    It 'does not collide with DSInternals.Passkeys or Microsoft.Graph names' {
        $names = (Get-Module EntraPasskey).ExportedCommands.Keys
        foreach ($taken in 'Get-EntraPasskeyRegistrationOptions', 'New-Passkey', 'Register-EntraPasskey') {
            $names | Should -Not -Contain $taken
        }
    }
}

Describe 'running the binary' {
    It 'passes --log-format json and the command, and types the output' {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"version":"dev","keyBackend":"libfido2"}'
        $v = Get-EntraPasskeyVersion
        (Get-FakeCall).Argv | Should -Be @('--log-format', 'json', 'version')
        $v.PSObject.TypeNames[0] | Should -Be 'EntraPasskey.Version'
        $v.keyBackend | Should -Be 'libfido2'
    }

    It 'passes arguments with blanks, quotes and backslashes intact' {
        Set-FakeScenario -Stdout (Read-Golden 'credential.json')
        $name = 'A "B" C\'
        Read-Golden 'options.json' | New-EntraPasskeyCredential -Device 'virtual:C:\keys\my key.json' -DisplayName $name -Timeout ([TimeSpan]::FromSeconds(90))
        (Get-FakeCall).Argv | Should -Be @('--log-format', 'json', 'make-credential', '--device', 'virtual:C:\keys\my key.json', '--timeout', '90000ms', '--display-name', $name)
    }

    It 'turns events into progress, information, warnings and debug output' {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"devices":[{"path":"/dev/hidraw0","virtual":false}]}' -Stderr @(
            '{"event":"touch","message":"touch the security key","time":"2026-01-01T00:00:00Z"}',
            '{"event":"warning","code":"software_key","message":"a software test key","time":"2026-01-01T00:00:00Z"}',
            '{"event":"debug","message":"opened the key","time":"2026-01-01T00:00:00Z"}',
            'not json')
        $devices = Get-EntraPasskeyDevice -WarningVariable warnings -WarningAction SilentlyContinue -InformationVariable info
        $devices.path | Should -Be '/dev/hidraw0'
        $devices.PSObject.TypeNames[0] | Should -Be 'EntraPasskey.Device'
        $warnings.Message | Should -Be 'a software test key'
        $info.MessageData | Should -Contain 'touch the security key'
        ($info | Where-Object { $_.Tags -contains 'touch' }) | Should -Not -BeNullOrEmpty
    }

    It 'shows the device code whatever the information preference' {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"flow":"device-code"}' -Stderr '{"event":"device_code","message":"open https://microsoft.com/devicelogin and enter ABC","time":"2026-01-01T00:00:00Z"}'
        Get-EntraPasskeyPolicy -InformationVariable info 6>$null
        $info.MessageData | Should -Contain 'open https://microsoft.com/devicelogin and enter ABC'
    }
}

Describe 'errors' {
    It 'raises the error event as an ErrorRecord: code as ErrorId, category from exit <ExitCode>' -ForEach @(
        @{ ExitCode = 1; Code = 'registration_failed'; Category = 'NotSpecified' }
        @{ ExitCode = 80; Code = 'usage'; Category = 'InvalidArgument' }
        @{ ExitCode = 82; Code = 'pin_blocked'; Category = 'InvalidOperation' }
        @{ ExitCode = 83; Code = 'graph_forbidden'; Category = 'PermissionDenied' }
        @{ ExitCode = 101; Code = 'graph_unavailable'; Category = 'ResourceUnavailable' }
        @{ ExitCode = 130; Code = 'cancelled'; Category = 'OperationStopped' }
    ) {
        Set-FakeScenario -Stdout '' -ExitCode $ExitCode -Stderr ('{"event":"error","error":{"code":"' + $Code + '","message":"it failed","hint":"do this","retries":2}}')
        Get-EntraPasskeyMethod -UserId adele@contoso.example -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike "$Code,*"
        $err[0].CategoryInfo.Category | Should -Be $Category
        $err[0].Exception.Message | Should -Be 'it failed'
        $err[0].ErrorDetails.RecommendedAction | Should -Be 'do this'
        $err[0].TargetObject.Retries | Should -Be 2
        $err[0].TargetObject.ExitCode | Should -Be $ExitCode
    }

    It 'keeps the registration document on exit 3 (registered, then the record file failed)' {
        $doc = '{"schemaVersion":1,"userId":"adele@contoso.example","method":{"id":"m1","displayName":"k"},"reconciled":false}'
        Set-FakeScenario -Stdout $doc -ExitCode 3 -Stderr '{"event":"error","error":{"code":"record_failed","message":"writing the record file: disk full","hint":"add it by hand","registered":true}}'
        $r = Read-Golden 'credential.json' | ConvertFrom-Json | Submit-EntraPasskeyCredential -RecordPath rec.jsonl -ErrorVariable err -ErrorAction SilentlyContinue
        $r.method.id | Should -Be 'm1'
        $r.userId | Should -Be 'adele@contoso.example'
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'record_failed,*'
        $err[0].TargetObject.ExitCode | Should -Be 3
    }

    It 'keeps going with the next pipeline item after a failure' {
        Set-FakeScenario -Stdout '' -ExitCode 1 -Stderr '{"event":"error","error":{"code":"user_not_found","message":"no such user"}}'
        'a@contoso.example', 'b@contoso.example' | Get-EntraPasskeyMethod -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 2
    }

    It 'reports a failure without an error event by its exit code and stderr' {
        Set-FakeScenario -Stdout '' -ExitCode 2 -Stderr 'panic: something'
        { Get-EntraPasskeyVersion } | Should -Throw -ErrorId 'exit_2,Get-EntraPasskeyVersion'
    }

    It 'refuses output that is not JSON' {
        Set-FakeScenario -Stdout 'hello'
        { Get-EntraPasskeyVersion } | Should -Throw -ErrorId 'invalid_output,Get-EntraPasskeyVersion'
    }
}

Describe 'stdin documents (golden)' {
    It 'New-EntraPasskeyCredential sends the options plus the PIN, and the PIN nowhere else' {
        Set-FakeScenario -Stdout (Read-Golden 'credential.json')
        $cred = Read-Golden 'options.json' | ConvertFrom-Json | New-EntraPasskeyCredential -Pin $Pin
        $call = Get-FakeCall
        ConvertTo-Canonical $call.Stdin | Should -Be (ConvertTo-Canonical (Read-Golden 'make-credential.stdin.json'))
        $call.Argv -join ' ' | Should -Not -Match '48151623'
        $call.Argv | Should -Be @('--log-format', 'json', 'make-credential')
        $cred.PSObject.TypeNames[0] | Should -Be 'EntraPasskey.Credential'
    }

    It 'keeps a raw JSON string verbatim and appends the PIN' {
        Set-FakeScenario -Stdout (Read-Golden 'credential.json')
        $raw = (Read-Golden 'options.json').Trim()
        $raw | New-EntraPasskeyCredential -Pin $Pin
        (Get-FakeCall).Stdin | Should -Be ($raw.Substring(0, $raw.Length - 1) + ',"pin":"48151623"}' + "`n")
    }

    It 'escapes PIN characters that JSON needs escaped' {
        Set-FakeScenario -Stdout (Read-Golden 'credential.json')
        $odd = ConvertTo-SecureString -String 'a"b\c' -AsPlainText -Force
        '{}' | New-EntraPasskeyCredential -Pin $odd
        ((Get-FakeCall).Stdin | ConvertFrom-Json).pin | Should -Be 'a"b\c'
    }

    It 'does not forward a "pin" the input object carries' {
        Set-FakeScenario -Stdout (Read-Golden 'credential.json')
        [pscustomobject]@{ userId = 'x'; pin = 'stale' } | New-EntraPasskeyCredential
        (Get-FakeCall).Stdin | Should -Not -Match 'stale'
    }

    It 'Submit-EntraPasskeyCredential sends the credential document as it is' {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"userId":"adele@contoso.example","method":{"id":"m1"}}'
        $r = Read-Golden 'credential.json' | ConvertFrom-Json | Submit-EntraPasskeyCredential -RecordPath rec.jsonl
        ConvertTo-Canonical (Get-FakeCall).Stdin | Should -Be (ConvertTo-Canonical (Read-Golden 'submit.stdin.json'))
        (Get-FakeCall).Argv | Should -Be @('--log-format', 'json', 'submit', '--record', 'rec.jsonl')
        $r.PSObject.TypeNames[0] | Should -Be 'EntraPasskey.Registration'
    }

    It 'Set-EntraPasskeyPin sends {"newPin"} to pin set' {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"action":"pin-set"}'
        Set-EntraPasskeyPin -NewPin $Pin -Device virtual:key.json -Confirm:$false
        ConvertTo-Canonical (Get-FakeCall).Stdin | Should -Be (ConvertTo-Canonical (Read-Golden 'pin-set.stdin.json'))
        (Get-FakeCall).Argv | Should -Be @('--log-format', 'json', 'pin', 'set', '--device', 'virtual:key.json')
    }

    It 'Set-EntraPasskeyPin -Pin sends {"pin","newPin"} to pin change' {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"action":"pin-change"}'
        Set-EntraPasskeyPin -Pin $Pin -NewPin $NewPin -Confirm:$false
        ConvertTo-Canonical (Get-FakeCall).Stdin | Should -Be (ConvertTo-Canonical (Read-Golden 'pin-change.stdin.json'))
        (Get-FakeCall).Argv[2..3] | Should -Be @('pin', 'change')
    }

    It 'Set-EntraPasskeyKeyConfig sends {"pin"}' {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"action":"force-pin-change"}'
        Set-EntraPasskeyKeyConfig -Pin $NewPin -ForcePinChange -Confirm:$false
        ConvertTo-Canonical (Get-FakeCall).Stdin | Should -Be (ConvertTo-Canonical (Read-Golden 'config.stdin.json'))
        (Get-FakeCall).Argv | Should -Be @('--log-format', 'json', 'config', 'force-pin-change')
    }

    It 'Set-EntraPasskeyPin -ShowPin returns the PIN as a SecureString' {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"action":"pin-set","pin":"90817263"}'
        $r = Set-EntraPasskeyPin -Random -ShowPin -Confirm:$false
        $r.pin | Should -BeOfType [System.Security.SecureString]
        (Get-FakeCall).Argv | Should -Be @('--log-format', 'json', 'pin', 'set', '--random', '--show-pin')
    }
}

Describe 'secrets for sign-in' {
    It 'gives -AccessToken to the child in its environment, named on argv, never its value' {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"policy":{},"problems":[]}' -Environment 'ENTRA_PASSKEY_PS_ACCESS_TOKEN'
        $token = ConvertTo-SecureString -String 'eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.e30.' -AsPlainText -Force
        Get-EntraPasskeyPolicy -AccessToken $token -Tenant contoso.example
        $call = Get-FakeCall
        $call.Env.ENTRA_PASSKEY_PS_ACCESS_TOKEN | Should -Be 'eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.e30.'
        $call.Argv | Should -Be @('--log-format', 'json', 'policy', 'show', '--tenant', 'contoso.example', '--access-token-env', 'ENTRA_PASSKEY_PS_ACCESS_TOKEN')
        $env:ENTRA_PASSKEY_PS_ACCESS_TOKEN | Should -BeNullOrEmpty
    }

    It 'gives -ClientSecret the same way' {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"userId":"u","methods":[]}' -Environment 'ENTRA_PASSKEY_PS_CLIENT_SECRET'
        Get-EntraPasskeyMethod u -ClientId 11111111-2222-3333-4444-555555555555 -ClientSecret (ConvertTo-SecureString 's3cr3t' -AsPlainText -Force)
        (Get-FakeCall).Env.ENTRA_PASSKEY_PS_CLIENT_SECRET | Should -Be 's3cr3t'
        (Get-FakeCall).Argv -join ' ' | Should -Not -Match 's3cr3t'
    }
}

Describe 'pipeline binding and ShouldProcess' {
    It 'binds Get-MgUser objects by Id or UserPrincipalName' {
        Set-FakeScenario -Stdout (Read-Golden 'options.json')
        $o = [pscustomobject]@{ Id = '7c9e6679-7425-40de-944b-e07fc1f90ae7'; UserPrincipalName = 'adele@contoso.example' } | Get-EntraPasskeyCreationOption
        (Get-FakeCall).Argv[3] | Should -BeIn @('7c9e6679-7425-40de-944b-e07fc1f90ae7', 'adele@contoso.example')
        $o.PSObject.TypeNames[0] | Should -Be 'EntraPasskey.CreationOptions'
    }

    It 'adds userId to methods so they pipe into Remove-EntraPasskeyMethod' {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"userId":"adele@contoso.example","methods":[{"id":"m1","displayName":"Key"}]}'
        $m = Get-EntraPasskeyMethod adele@contoso.example
        $m.userId | Should -Be 'adele@contoso.example'
        $m.PSObject.TypeNames[0] | Should -Be 'EntraPasskey.Method'

        Set-FakeScenario -Stdout '{"schemaVersion":1,"userId":"adele@contoso.example","deleted":{"id":"m1"}}'
        $m | Remove-EntraPasskeyMethod -Confirm:$false
        (Get-FakeCall).Argv | Should -Be @('--log-format', 'json', 'methods', 'delete', '--yes', '--', 'adele@contoso.example', 'm1')
    }

    It 'Remove-EntraPasskeyMethod -WhatIf runs nothing' {
        Set-FakeScenario
        Remove-EntraPasskeyMethod -UserId u -MethodId m -WhatIf
        Get-FakeCall | Should -BeNullOrEmpty
    }

    It 'Remove-EntraPasskeyMethod and Reset-EntraPasskeyKey are ConfirmImpact High' {
        foreach ($name in 'Remove-EntraPasskeyMethod', 'Reset-EntraPasskeyKey') {
            $meta = [System.Management.Automation.CommandMetadata]::new((Get-Command $name))
            $meta.ConfirmImpact | Should -Be 'High'
            $meta.SupportsShouldProcess | Should -BeTrue
        }
    }

    It 'Reset-EntraPasskeyKey passes --yes only after confirmation' {
        Set-FakeScenario -Stdout '{"schemaVersion":1,"action":"reset"}'
        Reset-EntraPasskeyKey -Device virtual:k.json -Confirm:$false
        (Get-FakeCall).Argv | Should -Be @('--log-format', 'json', 'reset', '--yes', '--device', 'virtual:k.json')
    }
}

Describe '-UseMgGraph' {
    BeforeEach {
        Mock -ModuleName EntraPasskey -CommandName Get-MgContext -MockWith { [pscustomobject]@{ Account = 'admin@contoso.example' } }
    }

    It 'builds the get-options document from Graph''s raw answer' {
        Mock -ModuleName EntraPasskey -CommandName Invoke-MgGraphRequest -MockWith { Read-Golden 'graph-creation-options.json' }
        Set-FakeScenario -Stdout (Read-Golden 'credential.json')
        Get-EntraPasskeyCreationOption -UserId adele@contoso.example -UseMgGraph | New-EntraPasskeyCredential -Pin $Pin
        Should -Invoke -ModuleName EntraPasskey -CommandName Invoke-MgGraphRequest -Times 1 -ParameterFilter {
            $Method -eq 'GET' -and $Uri -eq '/v1.0/users/adele%40contoso.example/authentication/fido2Methods/creationOptions' -and $OutputType -eq 'Json'
        }
        ConvertTo-Canonical (Get-FakeCall).Stdin | Should -Be (ConvertTo-Canonical (Read-Golden 'make-credential-mggraph.stdin.json'))
    }

    It 'asks beta''s function-call form for a longer challenge' {
        Mock -ModuleName EntraPasskey -CommandName Invoke-MgGraphRequest -MockWith { Read-Golden 'graph-creation-options.json' }
        $null = Get-EntraPasskeyCreationOption -UserId u1 -UseMgGraph -ChallengeTimeout (New-TimeSpan -Days 1)
        Should -Invoke -ModuleName EntraPasskey -CommandName Invoke-MgGraphRequest -Times 1 -ParameterFilter {
            $Uri -eq '/beta/users/u1/authentication/fido2Methods/creationOptions(challengeTimeoutInMinutes=1440)'
        }
    }

    It 'POSTs exactly displayName and publicKeyCredential as UTF-8 JSON' {
        $script:sent = $null
        Mock -ModuleName EntraPasskey -CommandName Invoke-MgGraphRequest -MockWith {
            $script:sent = [pscustomobject]@{ Method = $Method; Uri = $Uri; Body = $Body; ContentType = $ContentType }
            [pscustomobject]@{ id = 'm1'; displayName = 'PS test' }
        }
        $cred = Read-Golden 'credential.json' | ConvertFrom-Json
        $cred.challengeTimeoutDateTime = [DateTime]::UtcNow.AddMinutes(5).ToString('yyyy-MM-ddTHH:mm:ssZ')
        $r = $cred | Submit-EntraPasskeyCredential -UseMgGraph -AllowSoftwareKey -Confirm:$false
        $script:sent.Method | Should -Be 'POST'
        $script:sent.Uri | Should -Be '/v1.0/users/adele%40contoso.example/authentication/fido2Methods'
        $script:sent.ContentType | Should -Be 'application/json'
        $script:sent.Body | Should -BeOfType [byte]
        $body = [System.Text.UTF8Encoding]::new($false).GetString([byte[]]$script:sent.Body)
        ConvertTo-Canonical $body | Should -Be (ConvertTo-Canonical (Read-Golden 'graph-post-body.json'))
        $r.method.id | Should -Be 'm1'
        $r.PSObject.TypeNames[0] | Should -Be 'EntraPasskey.Registration'
    }

    It 'refuses a software key''s credential unless allowed, and an expired challenge' {
        Mock -ModuleName EntraPasskey -CommandName Invoke-MgGraphRequest -MockWith { throw 'must not be called' }
        $cred = Read-Golden 'credential.json' | ConvertFrom-Json
        $cred | Submit-EntraPasskeyCredential -UseMgGraph -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'software_key_refused,*'
        $cred | Submit-EntraPasskeyCredential -UseMgGraph -AllowSoftwareKey -Confirm:$false -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].FullyQualifiedErrorId | Should -BeLike 'challenge_expired,*'
    }

    It 'says how to connect when there is no Graph session' {
        Mock -ModuleName EntraPasskey -CommandName Get-MgContext -MockWith { $null }
        Get-EntraPasskeyMethod u -UseMgGraph -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'mg_graph_not_connected,*'
        $err[0].ErrorDetails.RecommendedAction | Should -BeLike 'Connect-MgGraph*'
    }

    It 'follows @odata.nextLink when listing methods' {
        Mock -ModuleName EntraPasskey -CommandName Invoke-MgGraphRequest -ParameterFilter { $Uri -like '/v1.0/*' } -MockWith {
            [pscustomobject]@{ value = @([pscustomobject]@{ id = 'm1' }); '@odata.nextLink' = 'https://graph.microsoft.com/v1.0/next' }
        }
        Mock -ModuleName EntraPasskey -CommandName Invoke-MgGraphRequest -ParameterFilter { $Uri -like 'https://*' } -MockWith {
            [pscustomobject]@{ value = @([pscustomobject]@{ id = 'm2' }) }
        }
        $m = Get-EntraPasskeyMethod adele@contoso.example -UseMgGraph
        $m.id | Should -Be @('m1', 'm2')
        $m[0].userId | Should -Be 'adele@contoso.example'
    }
}
