function Test-EntraPasskeyRegistration {
    <#
    .SYNOPSIS
    Checks a user's passkey on both sides: Entra ID holds the method, and the security
    key in hand holds its credential under the user's handle.

    .DESCRIPTION
    Runs 'entra-passkey verify-registration USER' once per user. The output is the
    verdict, an EntraPasskey.RegistrationVerification (userId, userPrincipalName,
    methodId, credentialId, verified, graph.outcome: ok, missing, ...; key.outcome:
    holds, missing, wrong_user_handle, unsupported), whether or not the registration
    verified: a "no" is the answer, not an error. With -Quiet the output is only $true or
    $false, one per user.

    Only a check that could not be made (no key, a wrong PIN, an unknown user, Graph
    unreachable) is an error, whose ErrorId is the binary's code; with -Quiet it also
    gives $false, so a loop gets one answer per user. The PIN goes to the binary on stdin
    only; without -Pin PowerShell asks for it.

    .PARAMETER User
    The user's object id or UPN. Binds from UserPrincipalName, UPN, UserId or Id, in that
    order, so Get-EntraPasskeyKeyCredential's objects (whose userId is the key's user
    handle) bind by their userPrincipalName, and Get-EntraPasskeyMethod's by userId.

    .PARAMETER MethodId
    The FIDO2 method to check (default: the binary finds the user's method whose
    credential the key holds); binds from methodId.

    .PARAMETER Device
    The key (a Path from Get-EntraPasskeyDevice, or virtual:<state-file>). Needed when
    several keys are present.

    .PARAMETER Timeout
    Give up on the key after this long.

    .PARAMETER Pin
    The key's PIN.

    .PARAMETER Quiet
    Return only $true (verified) or $false.

    .PARAMETER UseMgGraph
    Use the Connect-MgGraph session's token for this call.

    .EXAMPLE
    if (Test-EntraPasskeyRegistration adele@contoso.com -Quiet) { 'the key in hand is Adele''s passkey' }

    .EXAMPLE
    Get-EntraPasskeyKeyCredential | Where-Object status -eq registered | Test-EntraPasskeyRegistration |
        Format-Table userPrincipalName, verified, { $_.graph.outcome }, { $_.key.outcome }

    Every passkey on the key, checked against Entra.
    #>
    [CmdletBinding()]
    [OutputType('EntraPasskey.RegistrationVerification', 'System.Boolean')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('UserPrincipalName', 'UPN', 'UserId', 'Id')]
        [ValidateScript({ $_ -notmatch '^@\{' })]
        [string]$User,
        [Parameter(ValueFromPipelineByPropertyName)][Alias('Fido2AuthenticationMethodId')][AllowNull()][AllowEmptyString()][string]$MethodId,
        [Parameter(ValueFromPipelineByPropertyName)][Alias('Path')][string]$Device,
        [TimeSpan]$Timeout,
        [System.Security.SecureString]$Pin,
        [switch]$Quiet,
        [switch]$UseMgGraph
    )

    begin {
        $asked = @{}
    }

    process {
        $argv = @('verify-registration')
        # Method ids may start with '-': the value is joined to its flag.
        if ($MethodId) { $argv += "--method-id=$MethodId" }
        $argv += Get-EntraPasskeyKeyArgument -BoundParameters $PSBoundParameters
        $keyTarget = if ($Device) { $Device } else { 'the security key' }
        $keyPin = $Pin
        if (-not $keyPin) {
            if (-not $asked.ContainsKey($keyTarget)) { $asked[$keyTarget] = Read-EntraPasskeyPin -Prompt "PIN of $keyTarget" }
            $keyPin = $asked[$keyTarget]
        }
        $secrets = @{}
        if ($keyPin) {
            $argv += '--pin-stdin'
            $secrets.pin = $keyPin
        }
        $argv += '--', $User
        $r = Invoke-EntraPasskeyCommand -ArgumentList $argv -SecretField $secrets -Graph -UseMgGraph:$UseMgGraph -Target $User `
            -TypeName 'EntraPasskey.RegistrationVerification' -KeepDocumentOnError -Activity "Verifying the passkey of $User"
        $verdict = if ($r.Documents.Count -gt 0) { $r.Documents[0] } else { $null }
        $failed = $null -ne $r.Error -and $r.Error.FullyQualifiedErrorId -ne 'verification_failed'
        if ($Quiet) {
            $verified = -not $failed -and $null -eq $r.Error -and [bool](Get-EntraPasskeyField -InputObject $verdict -Name 'verified')
            $verified
        }
        elseif ($null -ne $verdict) {
            $verdict
        }
        # verification_failed is the answer (the verdict says why), not an error; with no
        # verdict to show, it is written.
        if ($failed -or ($null -ne $r.Error -and $null -eq $verdict -and -not $Quiet)) { $PSCmdlet.WriteError($r.Error) }
    }
}
