function Submit-EntraPasskeyCredential {
    <#
    .SYNOPSIS
    Registers a credential made by New-EntraPasskeyCredential as the user's passkey in Entra ID.

    .DESCRIPTION
    Runs 'entra-passkey submit' once per input, with the connection of
    Connect-EntraPasskey (or -UseMgGraph): the binary checks the challenge, refuses a
    software key's credential off the emulator, reconciles an ambiguous POST by listing
    the user's methods, and with -RecordPath appends the registration record. The
    output is an EntraPasskey.Registration: the user, the method Graph created, the key's
    facts. When Graph holds the method but a later step failed (the record file), the
    document still comes out, followed by the error.

    .PARAMETER InputObject
    The credential: New-EntraPasskeyCredential's output (pipeline), or its JSON.

    .PARAMETER UserId
    The user (default: the credential's userId).

    .PARAMETER DisplayName
    Override the method's name (1 to 30 characters).

    .PARAMETER RecordPath
    Also append the registration record to this file as one JSON line.

    .PARAMETER AllowSoftwareKey
    Accept a software test key's credential against a Graph that is not local. Never in production.

    .PARAMETER UseMgGraph
    Use the Connect-MgGraph session's token for this call.

    .EXAMPLE
    Get-EntraPasskeyCreationOption adele@contoso.com | New-EntraPasskeyCredential | Submit-EntraPasskeyCredential -RecordPath .\registrations.jsonl
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('EntraPasskey.Registration')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline)]
        [object[]]$InputObject,
        [string]$UserId,
        [ValidateLength(1, 30)][string]$DisplayName,
        [string]$RecordPath,
        [switch]$AllowSoftwareKey,
        [switch]$UseMgGraph
    )

    process {
        foreach ($credential in $InputObject) {
            $target = if ($UserId) { $UserId } else { [string](Get-EntraPasskeyField -InputObject $credential -Name 'userId') }
            if (-not $target) { $target = 'the credential''s user' }
            if (-not $PSCmdlet.ShouldProcess($target, 'Register the passkey in Entra ID')) { continue }
            $argv = @('submit')
            if ($UserId) { $argv += '--user', $UserId }
            if ($DisplayName) { $argv += '--display-name', $DisplayName }
            if ($RecordPath) { $argv += '--record', (Resolve-EntraPasskeyPath -Path $RecordPath) }
            if ($AllowSoftwareKey) { $argv += '--allow-software-key' }
            $r = Invoke-EntraPasskeyCommand -ArgumentList $argv -InputJson (ConvertTo-EntraPasskeyInputJson -InputObject $credential -Exclude 'pin') `
                -Graph -UseMgGraph:$UseMgGraph -Target $target -TypeName 'EntraPasskey.Registration' -Activity "Registering the passkey for $target"
            Write-EntraPasskeyResult -Cmdlet $PSCmdlet -Result $r
        }
    }
}
