# EntraPasskey: cmdlets around the entra-passkey binary (FIDO2 security keys as Entra ID
# passkeys) that compose with Microsoft.Graph. One exported function per file in Public/,
# helpers in Private/; Private/Invoke-EntraPasskeyBinary.ps1 is the only place the binary
# runs, Private/Invoke-EntraPasskeyMgGraph.ps1 the only place Graph is called directly.

$script:ModuleRoot = $PSScriptRoot
$script:JsonHasDateKind = (Get-Command -Name ConvertFrom-Json).Parameters.ContainsKey('DateKind')

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
