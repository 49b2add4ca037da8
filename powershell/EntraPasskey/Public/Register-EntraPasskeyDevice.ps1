function Register-EntraPasskeyDevice {
    <#
    .SYNOPSIS
    Registers a security key as a user's passkey end to end, in one binary process per
    user: creation options, key preparation, the credential on the key, its registration
    in Entra ID.

    .DESCRIPTION
    Runs 'entra-passkey register USER' for each user piped in (Get-MgUser,
    Get-MgGroupMember: members that are not users are skipped with a warning;
    Import-Csv rows with UserPrincipalName, UPN or Id; ids; UPNs). One process means one
    sign-in (the connection's cached tokens) and the binary's own ceremony: the
    challenge, the key's preparation (-SetRandomPin, -MinPinLength, -ForcePinChange, in
    the order CTAP needs), reconciliation after an ambiguous POST and the record.

    The output is one EntraPasskey.RegistrationResult row per user (UserId, Status,
    MethodId, AaGuid, Model, Serial, PinDelivery, ErrorCode, ...), failures included, so
    '| Export-Csv' keeps what was done. A failure is also a non-terminating error whose
    ErrorId is the stable code (pin_invalid, credential_excluded) and whose target is the
    user; the next user is processed.

    The PIN goes to the binary on stdin only. Without -Pin and -SetRandomPin,
    PowerShell asks for it for each user (each user has a key of their own).

    .PARAMETER UserId
    The user's object id or UPN; binds from Id, UserPrincipalName or UPN. Several ids
    show "n of N" progress.

    .PARAMETER Pin
    The key's PIN.

    .PARAMETER Device
    The key (a Path from Get-EntraPasskeyDevice, or virtual:<state-file>); binds from a
    CSV column named Device.

    .PARAMETER Timeout
    Give up on the key after this long (waiting for the touch included).

    .PARAMETER DisplayName
    The method's name in Entra ID, 1 to 30 characters (default: the key's model and the
    date). Not bound from the pipeline: a Get-MgUser object's DisplayName is the user's.

    .PARAMETER ChallengeTimeout
    How long the challenge stays valid (see Get-EntraPasskeyCreationOption).

    .PARAMETER SetRandomPin
    On a key without a PIN, set a random one first, delivered to -PinOutPath (age-encrypted
    with -PinOutAgeRecipient). A key that has a PIN is used with -Pin.

    .PARAMETER PinLength
    Digits of the random PIN (default 8).

    .PARAMETER MinPinLength
    After the registration, raise the key's minimum PIN length to this.

    .PARAMETER ForcePinChange
    After the registration, make the key demand a new PIN at its next use (applied last).

    .PARAMETER PinOutPath
    The new file (0600, never overwritten) that receives the random PIN; '{user}' in it
    becomes the user's id, so one path serves a whole pipeline.

    .PARAMETER PinOutAgeRecipient
    Encrypt the random PIN to these age recipients (age1...).

    .PARAMETER RecordPath
    Also append each registration record to this file as one JSON line.

    .PARAMETER AllowSoftwareKey
    Accept a software test key against a Graph that is not local. Never in production.

    .PARAMETER UseMgGraph
    Use the Connect-MgGraph session's token for this call.

    .PARAMETER AdditionalProperties
    Bound from Get-MgGroupMember's objects: their @odata.type says whether the member is a user.

    .EXAMPLE
    Connect-EntraPasskey
    Register-EntraPasskeyDevice -UserId adele@contoso.com

    PowerShell asks for the key's PIN.

    .EXAMPLE
    Get-MgGroupMember -GroupId $group -All |
        Register-EntraPasskeyDevice -UseMgGraph -SetRandomPin -PinOutPath '.\pins\{user}.age' -PinOutAgeRecipient $age -ForcePinChange |
        Export-Csv .\rollout.csv -NoTypeInformation

    A group's members, each on a key with a random PIN sealed to a file, and a CSV of what was done.

    .EXAMPLE
    Import-Csv .\keys.csv | Register-EntraPasskeyDevice -Pin $pin -RecordPath .\registrations.jsonl

    A CSV with UserPrincipalName and Device columns: one row, one user, one key.
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('EntraPasskey.RegistrationResult')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('Id', 'UserPrincipalName', 'UPN')]
        [ValidateScript({ $_ -notmatch '^@\{' })]
        [string[]]$UserId,
        [System.Security.SecureString]$Pin,
        [Parameter(ValueFromPipelineByPropertyName)][string]$Device,
        [TimeSpan]$Timeout,
        [ValidateLength(1, 30)][string]$DisplayName,
        [Parameter(ValueFromPipelineByPropertyName)][TimeSpan]$ChallengeTimeout,
        [switch]$SetRandomPin,
        [ValidateRange(4, 63)][int]$PinLength,
        [ValidateRange(4, 63)][int]$MinPinLength,
        [switch]$ForcePinChange,
        [string]$PinOutPath,
        [string[]]$PinOutAgeRecipient,
        [string]$RecordPath,
        [switch]$AllowSoftwareKey,
        [switch]$UseMgGraph,
        [Parameter(ValueFromPipelineByPropertyName, DontShow)][System.Collections.IDictionary]$AdditionalProperties
    )

    process {
        $type = [string](Get-EntraPasskeyField -InputObject $AdditionalProperties -Name '@odata.type')
        if ($type -and $type -ne '#microsoft.graph.user') {
            Write-Warning "skipping group member $($UserId -join ', '): a $($type.TrimStart('#')), not a user"
            return
        }
        $parent = -1
        $n = 0
        foreach ($user in $UserId) {
            $n++
            if ($UserId.Count -gt 1) {
                $parent = 99
                Write-Progress -Id $parent -Activity 'Registering passkeys' -Status "$n of $($UserId.Count): $user" -PercentComplete (100 * ($n - 1) / $UserId.Count)
            }
            if (-not $PSCmdlet.ShouldProcess($user, 'Create a passkey on the security key and register it in Entra ID')) { continue }
            $argv = @('register', $user) + (Get-EntraPasskeyKeyArgument -BoundParameters $PSBoundParameters)
            if ($DisplayName) { $argv += '--display-name', $DisplayName }
            if ($PSBoundParameters.ContainsKey('ChallengeTimeout')) { $argv += '--challenge-timeout', (ConvertTo-EntraPasskeyDuration -TimeSpan $ChallengeTimeout) }
            if ($SetRandomPin) { $argv += '--set-random-pin' }
            if ($PSBoundParameters.ContainsKey('PinLength')) { $argv += '--pin-length', [string]$PinLength }
            if ($PSBoundParameters.ContainsKey('MinPinLength')) { $argv += '--min-pin-length', [string]$MinPinLength }
            if ($ForcePinChange) { $argv += '--force-pin-change' }
            if ($PinOutPath) { $argv += '--pin-out', (Resolve-EntraPasskeyPath -Path $PinOutPath.Replace('{user}', $user)) }
            foreach ($r in $PinOutAgeRecipient) { $argv += '--pin-out-age', $r }
            if ($RecordPath) { $argv += '--record', (Resolve-EntraPasskeyPath -Path $RecordPath) }
            if ($AllowSoftwareKey) { $argv += '--allow-software-key' }
            $keyPin = $Pin
            if (-not $keyPin -and -not $SetRandomPin) { $keyPin = Read-EntraPasskeyPin -Prompt "PIN of the security key for $user" }
            $secrets = @{}
            if ($keyPin) {
                $argv += '--pin-stdin'
                $secrets.pin = $keyPin
            }
            $run = Invoke-EntraPasskeyCommand -ArgumentList $argv -SecretField $secrets -Graph -UseMgGraph:$UseMgGraph `
                -Target $user -TypeName 'EntraPasskey.Registration' -Activity "Registering a passkey for $user" -ParentProgressId $parent
            $document = if ($run.Documents.Count -gt 0) { $run.Documents[0] } else { $null }
            ConvertTo-EntraPasskeyRegistrationResult -UserId $user -Document $document -ErrorRecord $run.Error
            if ($run.Error) { $PSCmdlet.WriteError($run.Error) }
        }
        if ($parent -ge 0) { Write-Progress -Id $parent -Activity 'Registering passkeys' -Completed }
    }
}
