@{
    RootModule           = 'EntraPasskey.psm1'
    ModuleVersion        = '0.2.0'
    GUID                 = '3f8c2b1e-6d4a-4f7e-9b25-0c1d8e7a5f43'
    Author               = 'entra-passkey contributors'
    CompanyName          = 'entra-passkey'
    Copyright            = '(c) entra-passkey contributors'
    Description          = 'Register FIDO2 security keys as passkeys in Microsoft Entra ID: cmdlets around the entra-passkey binary that compose with Microsoft.Graph (Connect-EntraPasskey once; Get-MgGroupMember | Register-EntraPasskeyDevice | Export-Csv).'
    PowerShellVersion    = '5.1'
    # No DotNetFrameworkVersion: Server 2016's .NET 4.6.2 works (Get-EntraPasskeyPlatform
    # reads the processor from the environment where RuntimeInformation is missing).
    CompatiblePSEditions = @('Core', 'Desktop')
    FormatsToProcess     = @('EntraPasskey.Format.ps1xml')
    HelpInfoURI          = 'https://github.com/entra-passkey/entra-passkey/tree/main/powershell'
    # The bundled binaries (bin/<os>-<arch>/) are added by the release build.
    FileList             = @('EntraPasskey.psd1', 'EntraPasskey.psm1', 'EntraPasskey.Format.ps1xml', 'en-US/about_EntraPasskey.help.txt')
    FunctionsToExport    = @(
        'Connect-EntraPasskey',
        'Disconnect-EntraPasskey',
        'Get-EntraPasskeyBulkJob',
        'Get-EntraPasskeyBulkReport',
        'Get-EntraPasskeyConnection',
        'Get-EntraPasskeyCreationOption',
        'Get-EntraPasskeyDevice',
        'Get-EntraPasskeyKeyCredential',
        'Get-EntraPasskeyKeyInfo',
        'Get-EntraPasskeyMethod',
        'Get-EntraPasskeyPolicy',
        'Get-EntraPasskeyVersion',
        'Invoke-EntraPasskeyRecovery',
        'New-EntraPasskeyBulkJob',
        'New-EntraPasskeyCredential',
        'Register-EntraPasskeyDevice',
        'Remove-EntraPasskeyKeyCredential',
        'Remove-EntraPasskeyMethod',
        'Reset-EntraPasskeyKey',
        'Restart-EntraPasskeyBulkTask',
        'Set-EntraPasskeyKeyConfig',
        'Set-EntraPasskeyPin',
        'Start-EntraPasskeyBulkJob',
        'Submit-EntraPasskeyCredential',
        'Test-EntraPasskeyRegistration'
    )
    CmdletsToExport      = @()
    VariablesToExport    = @()
    AliasesToExport      = @('Get-EntraPasskeyCreationOptions')
    PrivateData          = @{
        PSData = @{
            Tags         = @('EntraID', 'AzureAD', 'FIDO2', 'Passkey', 'WebAuthn', 'SecurityKey', 'MicrosoftGraph')
            ProjectUri   = 'https://github.com/entra-passkey/entra-passkey'
            ReleaseNotes = '0.2.0: one binary process per job (Register-EntraPasskeyDevice runs register), Connect-/Disconnect-/Get-EntraPasskeyConnection, -UseMgGraph lends the binary the Connect-MgGraph token, rows for Export-Csv, the PIN asked by the host, bulk rollout cmdlets.'
        }
    }
}
