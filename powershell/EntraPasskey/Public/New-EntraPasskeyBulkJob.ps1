function New-EntraPasskeyBulkJob {
    <#
    .SYNOPSIS
    Plans a rollout: a job in a store, one task per user of an Entra group or a roster,
    checked against Graph and the FIDO2 policy; nothing is written to Graph, no key is touched.

    .DESCRIPTION
    Runs 'entra-passkey bulk plan --store FILE (--group G | --roster FILE)' with the
    profile given (kept with the job, so Start-EntraPasskeyBulkJob needs none) and the
    connection of Connect-EntraPasskey. Planning a store that already holds a job adds
    only the users not in it yet. The output, an EntraPasskey.BulkPlan, holds job,
    total, counts by state, the users skipped with their reason, and the problems found.

    .PARAMETER Store
    The job's store (a SQLite file, created when missing).

    .PARAMETER Group
    An Entra group by id or display name: its transitive members that are users.

    .PARAMETER Roster
    A CSV (UTF-8 or UTF-16; comma, semicolon or tab) or JSONL file of users.

    .PARAMETER ProfilePath
    A profile file (JSON or YAML); the other profile parameters override it.

    .PARAMETER DisplayName
    The methods' display-name template, e.g. '{model} {serial}' (cut to 30 characters keeping the serial).

    .PARAMETER SetRandomPin
    Give each key a random PIN, delivered to -PinOutDirectory or a letter.

    .PARAMETER PinLength
    Digits of the random PINs.

    .PARAMETER MinPinLength
    Raise each key's minimum PIN length to this after the registration.

    .PARAMETER ForcePinChange
    Make each key demand a new PIN at first use (applied last).

    .PARAMETER AlwaysUv
    Turn each key's alwaysUv on.

    .PARAMETER ChallengeTimeout
    How long each challenge stays valid.

    .PARAMETER PinOutDirectory
    One PIN file per user in this directory, named after the UPN.

    .PARAMETER PinOutAgeRecipient
    Encrypt the PIN files to these age recipients (files end in .age).

    .PARAMETER LetterTemplate
    A hand-over letter template, rendered per user and age-encrypted.

    .PARAMETER UseMgGraph
    Use the Connect-MgGraph session's token for this call.

    .EXAMPLE
    New-EntraPasskeyBulkJob -Store .\sales.db -Group 'Sales passkeys' -SetRandomPin -PinOutDirectory .\pins -PinOutAgeRecipient $age -ForcePinChange
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium', DefaultParameterSetName = 'Group')]
    [OutputType('EntraPasskey.BulkPlan')]
    param(
        [Parameter(Mandatory)][string]$Store,
        [Parameter(Mandatory, ParameterSetName = 'Group')][string]$Group,
        [Parameter(Mandatory, ParameterSetName = 'Roster')][string]$Roster,
        [string]$ProfilePath,
        [string]$DisplayName,
        [switch]$SetRandomPin,
        [ValidateRange(4, 63)][int]$PinLength,
        [ValidateRange(4, 63)][int]$MinPinLength,
        [switch]$ForcePinChange,
        [switch]$AlwaysUv,
        [TimeSpan]$ChallengeTimeout,
        [string]$PinOutDirectory,
        [string[]]$PinOutAgeRecipient,
        [string]$LetterTemplate,
        [switch]$UseMgGraph
    )

    $store = Resolve-EntraPasskeyPath -Path $Store
    $argv = @('bulk', 'plan', '--store', $store)
    if ($Group) { $argv += '--group', $Group }
    if ($Roster) { $argv += '--roster', (Resolve-EntraPasskeyPath -Path $Roster) }
    if ($ProfilePath) { $argv += '--profile', (Resolve-EntraPasskeyPath -Path $ProfilePath) }
    if ($DisplayName) { $argv += '--display-name', $DisplayName }
    if ($SetRandomPin) { $argv += '--set-random-pin' }
    if ($PSBoundParameters.ContainsKey('PinLength')) { $argv += '--pin-length', [string]$PinLength }
    if ($PSBoundParameters.ContainsKey('MinPinLength')) { $argv += '--min-pin-length', [string]$MinPinLength }
    if ($ForcePinChange) { $argv += '--force-pin-change' }
    if ($AlwaysUv) { $argv += '--always-uv' }
    if ($PSBoundParameters.ContainsKey('ChallengeTimeout')) { $argv += '--challenge-timeout', (ConvertTo-EntraPasskeyDuration -TimeSpan $ChallengeTimeout) }
    if ($PinOutDirectory) { $argv += '--pin-out-dir', (Resolve-EntraPasskeyPath -Path $PinOutDirectory) }
    foreach ($r in $PinOutAgeRecipient) { $argv += '--pin-out-age', $r }
    if ($LetterTemplate) { $argv += '--letter-template', (Resolve-EntraPasskeyPath -Path $LetterTemplate) }
    $source = if ($Group) { "the group $Group" } else { "the roster $Roster" }
    if (-not $PSCmdlet.ShouldProcess($store, "Plan a rollout for $source")) { return }
    $r = Invoke-EntraPasskeyCommand -ArgumentList $argv -Graph -UseMgGraph:$UseMgGraph -Target $store `
        -TypeName 'EntraPasskey.BulkPlan' -Activity "Planning a rollout for $source"
    Write-EntraPasskeyResult -Cmdlet $PSCmdlet -Result $r
}
