function Read-EntraPasskeyPin {
    <#
    .SYNOPSIS
    The key's PIN when the cmdlet was given none: asked by the PowerShell host
    ($Host.UI.ReadLineAsSecureString, no echo), never by the binary, whose console is
    hidden. Returns $null (the binary then fails with pin_required) when the session
    cannot ask: -NonInteractive, a host without a UI (a runspace, a job), or an empty
    answer.
    #>
    [CmdletBinding()]
    [OutputType([System.Security.SecureString])]
    param([Parameter(Mandatory)][string]$Prompt)

    if (-not [Environment]::UserInteractive -or $Host.Name -eq 'Default Host' -or $null -eq $Host.UI) { return $null }
    foreach ($arg in [Environment]::GetCommandLineArgs()) {
        if ($arg -match '^-noni') { return $null }
    }
    $Host.UI.Write("$($Prompt): ")
    $pin = $Host.UI.ReadLineAsSecureString()
    if ($null -eq $pin -or $pin.Length -eq 0) { return $null }
    $pin
}
