# EntraPasskey: cmdlets around the entra-passkey binary (FIDO2 security keys as Entra ID
# passkeys) that compose with Microsoft.Graph. One exported function per file in Public/,
# helpers in Private/. Private/Invoke-EntraPasskeyBinary.ps1 is the only place the binary
# runs; the module itself never calls Graph (-UseMgGraph lends the binary the
# Connect-MgGraph session's token).

# The module's own rules, whatever the session's strict mode: optional JSON fields are
# read with Get-EntraPasskeyField.
Set-StrictMode -Version 3.0

if ($ExecutionContext.SessionState.LanguageMode -ne 'FullLanguage') {
    throw "EntraPasskey needs FullLanguage mode (this session is $($ExecutionContext.SessionState.LanguageMode)): it starts the entra-passkey binary with System.Diagnostics.Process. Under WDAC or AppLocker, allow the module's signed files."
}

$script:ModuleRoot = $PSScriptRoot
$script:JsonHasDateKind = (Get-Command -Name ConvertFrom-Json).Parameters.ContainsKey('DateKind')
# Connect-EntraPasskey's settings (sign-in flags, secrets as SecureStrings, -UseMgGraph).
$script:Connection = $null
# Each binary run gets its own progress id, so one cmdlet's -Completed never clears another's bar.
$script:ProgressCounter = 0

foreach ($folder in 'Private', 'Public') {
    $path = Join-Path -Path $PSScriptRoot -ChildPath $folder
    foreach ($file in Get-ChildItem -Path $path -Filter '*.ps1' -File | Sort-Object -Property Name) {
        . $file.FullName
    }
}

Set-Alias -Name 'Get-EntraPasskeyCreationOptions' -Value 'Get-EntraPasskeyCreationOption'

$public = Get-ChildItem -Path (Join-Path -Path $PSScriptRoot -ChildPath 'Public') -Filter '*.ps1' -File |
    ForEach-Object { $_.BaseName }
Export-ModuleMember -Function $public -Alias 'Get-EntraPasskeyCreationOptions'
