@{
    RootModule           = 'EntraPasskey.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '3f8c2b1e-6d4a-4f7e-9b25-0c1d8e7a5f43'
    Author               = 'entra-passkey contributors'
    CompanyName          = 'entra-passkey'
    Copyright            = '(c) entra-passkey contributors'
    Description          = 'Register FIDO2 security keys as passkeys in Microsoft Entra ID: cmdlets around the entra-passkey binary that compose with Microsoft.Graph (Get-MgUser | Register-EntraPasskeyDevice -UseMgGraph).'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Core', 'Desktop')
    FormatsToProcess     = @('EntraPasskey.Format.ps1xml')
    FunctionsToExport    = @(
        'Get-EntraPasskeyCreationOption',
        'Get-EntraPasskeyDevice',
        'Get-EntraPasskeyKeyInfo',
        'Get-EntraPasskeyMethod',
        'Get-EntraPasskeyPolicy',
        'Get-EntraPasskeyVersion',
        'New-EntraPasskeyCredential',
        'Register-EntraPasskeyDevice',
        'Remove-EntraPasskeyMethod',
        'Reset-EntraPasskeyKey',
        'Set-EntraPasskeyKeyConfig',
        'Set-EntraPasskeyPin',
        'Submit-EntraPasskeyCredential'
    )
    CmdletsToExport      = @()
    VariablesToExport    = @()
    AliasesToExport      = @('Get-EntraPasskeyCreationOptions')
    PrivateData          = @{
        PSData = @{
            Tags       = @('EntraID', 'AzureAD', 'FIDO2', 'Passkey', 'WebAuthn', 'SecurityKey', 'MicrosoftGraph')
            ProjectUri = 'https://github.com/entra-passkey/entra-passkey'
        }
    }
}
