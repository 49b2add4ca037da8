function Get-EntraPasskeyVersion {
    <#
    .SYNOPSIS
    Shows the entra-passkey binary's version, platform, key backend and JSON schemaVersion.

    .DESCRIPTION
    Runs 'entra-passkey version'; also the quickest check that the module finds its binary
    (ENTRA_PASSKEY_BIN, the bundled bin/<os>-<arch>/, or PATH).

    .EXAMPLE
    Get-EntraPasskeyVersion
    #>
    [CmdletBinding()]
    [OutputType('EntraPasskey.Version')]
    param()

    $r = Invoke-EntraPasskeyCommand -ArgumentList @('version') -TypeName 'EntraPasskey.Version' -Target 'entra-passkey'
    Write-EntraPasskeyResult -Cmdlet $PSCmdlet -Result $r
}
