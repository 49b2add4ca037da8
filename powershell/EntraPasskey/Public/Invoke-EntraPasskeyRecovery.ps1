function Invoke-EntraPasskeyRecovery {
    <#
    .SYNOPSIS
    Recovers a user who lost their authenticators: registers the security key in hand as
    a replacement first, then removes the lost FIDO2 methods, revokes the user's sessions
    and issues a Temporary Access Pass to a file.

    .DESCRIPTION
    Asks for confirmation (ConfirmImpact High) and only then runs
    'entra-passkey recover --yes ... -- USER', one process that does the steps in that
    order, so the user is never left with nothing: no method is removed unless the
    replacement is registered. The output is the binary's one record of it all, an
    EntraPasskey.Recovery (userId, userPrincipalName, outcome, and steps: plan, register,
    remove, revoke_sessions, temporary_access_pass, each with its outcome done, failed or
    skipped). When a step fails the record still comes out first, then the error (its
    ErrorId the binary's code), so what was done is never lost.

    The Temporary Access Pass goes only into the new file the binary creates at
    -TemporaryAccessPassPath (0600, never overwritten): never onto the pipeline, the
    screen or a log. The key's PIN goes to the binary on stdin only; without -Pin
    PowerShell asks for it.

    .PARAMETER User
    The user's object id or UPN; binds from UserPrincipalName, UPN, UserId or Id.

    .PARAMETER LostMethodId
    The FIDO2 methods to remove once the replacement is registered (ids from
    Get-EntraPasskeyMethod).

    .PARAMETER RevokeSessions
    Revoke the user's sign-in sessions (refresh tokens) after the removal.

    .PARAMETER TemporaryAccessPassPath
    Issue a Temporary Access Pass and write it to this new file (0600); relative paths,
    ~ and PSDrives are resolved against PowerShell's location.

    .PARAMETER TemporaryAccessPassLifetime
    How long the Temporary Access Pass is valid (the binary's default when not given).

    .PARAMETER DisplayName
    The replacement method's name in Entra ID, 1 to 30 characters.

    .PARAMETER Device
    The replacement key (a Path from Get-EntraPasskeyDevice, or virtual:<state-file>).

    .PARAMETER Timeout
    Give up on the key after this long (waiting for the touch included).

    .PARAMETER Pin
    The replacement key's PIN.

    .PARAMETER UseMgGraph
    Use the Connect-MgGraph session's token for this call.

    .EXAMPLE
    $lost = (Get-EntraPasskeyMethod adele@contoso.com | Where-Object displayName -like 'YubiKey*').id
    Invoke-EntraPasskeyRecovery adele@contoso.com -LostMethodId $lost -RevokeSessions -TemporaryAccessPassPath .\adele.tap -DisplayName 'Replacement'

    Asks once, then registers the new key, removes the lost ones, signs Adele out
    everywhere and writes a Temporary Access Pass to .\adele.tap for the help desk.

    .EXAMPLE
    Invoke-EntraPasskeyRecovery alex@contoso.com -Pin $pin -Confirm:$false | Select-Object -ExpandProperty steps
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
    [OutputType('EntraPasskey.Recovery')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('UserPrincipalName', 'UPN', 'UserId', 'Id')]
        [ValidateScript({ $_ -notmatch '^@\{' })]
        [string]$User,
        [ValidateNotNullOrEmpty()][string[]]$LostMethodId,
        [switch]$RevokeSessions,
        [ValidateNotNullOrEmpty()][string]$TemporaryAccessPassPath,
        [TimeSpan]$TemporaryAccessPassLifetime,
        [ValidateLength(1, 30)][string]$DisplayName,
        [string]$Device,
        [TimeSpan]$Timeout,
        [System.Security.SecureString]$Pin,
        [switch]$UseMgGraph
    )

    process {
        $steps = [System.Collections.Generic.List[string]]::new()
        $steps.Add('register the security key in hand as a replacement passkey')
        if ($LostMethodId) { $steps.Add("then delete the FIDO2 methods $($LostMethodId -join ', ')") }
        if ($RevokeSessions) { $steps.Add('revoke the sign-in sessions') }
        if ($TemporaryAccessPassPath) { $steps.Add("issue a Temporary Access Pass into $TemporaryAccessPassPath") }
        if (-not $PSCmdlet.ShouldProcess($User, ($steps -join ', '))) { return }

        # Method ids may start with '-': each value is joined to its flag. --yes only
        # now: ShouldProcess was the confirmation.
        $argv = @('recover')
        foreach ($id in $LostMethodId) { $argv += "--lost=$id" }
        if ($RevokeSessions) { $argv += '--revoke-sessions' }
        if ($TemporaryAccessPassPath) { $argv += '--tap-out', (Resolve-EntraPasskeyPath -Path $TemporaryAccessPassPath) }
        if ($PSBoundParameters.ContainsKey('TemporaryAccessPassLifetime')) { $argv += '--tap-lifetime', (ConvertTo-EntraPasskeyDuration -TimeSpan $TemporaryAccessPassLifetime) }
        $argv += '--yes'
        if ($DisplayName) { $argv += '--display-name', $DisplayName }
        $argv += Get-EntraPasskeyKeyArgument -BoundParameters $PSBoundParameters
        $keyPin = if ($Pin) { $Pin } else { Read-EntraPasskeyPin -Prompt "PIN of the replacement security key for $User" }
        $secrets = @{}
        if ($keyPin) {
            $argv += '--pin-stdin'
            $secrets.pin = $keyPin
        }
        $argv += '--', $User
        $r = Invoke-EntraPasskeyCommand -ArgumentList $argv -SecretField $secrets -Graph -UseMgGraph:$UseMgGraph -Target $User `
            -TypeName 'EntraPasskey.Recovery' -KeepDocumentOnError -Activity "Recovering $User"
        Write-EntraPasskeyResult -Cmdlet $PSCmdlet -Result $r
    }
}
