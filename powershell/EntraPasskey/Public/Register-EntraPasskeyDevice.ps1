function Register-EntraPasskeyDevice {
    <#
    .SYNOPSIS
    Registers a security key as a user's passkey end to end: creation options, the
    credential on the key, and its registration in Entra ID.

    .DESCRIPTION
    The three steps of Get-EntraPasskeyCreationOption, New-EntraPasskeyCredential and
    Submit-EntraPasskeyCredential for each user piped in (Get-MgUser objects, ids, UPNs).
    The PIN goes to the binary on stdin only (see New-EntraPasskeyCredential).

    Two ways to reach Graph:
    - default: the binary signs in itself (its token cache, -AccessToken, an app's
      -ClientSecret or -CertificatePath, managed identity, or the emulator);
    - -UseMgGraph: the Graph calls (GET creationOptions, POST fido2Methods) go through
      Invoke-MgGraphRequest in the session of Connect-MgGraph, so an admin already
      connected signs in once; only the key step runs the binary.

    A failure for one user is written as a non-terminating error (its ErrorId is the
    stable code, e.g. pin_invalid, credential_excluded) and the next user is processed.

    .PARAMETER UserId
    The user's object id or UPN; binds from Id or UserPrincipalName (Get-MgUser).

    .PARAMETER Pin
    The key's PIN.

    .PARAMETER Device
    The key (a Path from Get-EntraPasskeyDevice, or virtual:<state-file>).

    .PARAMETER Timeout
    Give up on the key after this long (waiting for the touch included).

    .PARAMETER DisplayName
    The method's name in Entra ID, 1 to 30 characters (default: the key's model and the date).

    .PARAMETER ChallengeTimeout
    How long the challenge stays valid (see Get-EntraPasskeyCreationOption).

    .PARAMETER RecordPath
    Also append each registration record to this file as one JSON line (binary path only).

    .PARAMETER AllowSoftwareKey
    Accept a software test key against a Graph that is not local. Never in production.

    .PARAMETER UseMgGraph
    Call Graph with Invoke-MgGraphRequest (after Connect-MgGraph) instead of the binary's sign-in.

    .PARAMETER Emulator
    The ready file of a local emulator ('entra-passkey emulator --ready-file FILE'): its Graph, sign-in and CA.

    .PARAMETER Cloud
    National cloud: global (default), usgov, usgov-dod or china.

    .PARAMETER GraphUrl
    Graph root URL, overriding -Cloud's.

    .PARAMETER Authority
    Sign-in authority URL (https://host/tenant), overriding -Cloud and -Tenant.

    .PARAMETER CaFile
    Also trust the CA certificates in this PEM file (TLS is always verified).

    .PARAMETER Auth
    Sign-in flow of the binary; inferred from the secret parameters when not given.

    .PARAMETER Tenant
    Tenant id or verified domain (app-only flows need it).

    .PARAMETER ClientId
    App registration to sign in with.

    .PARAMETER ClientSecret
    The app's client secret, passed to the binary in its environment only.

    .PARAMETER CertificatePath
    Client certificate file (PEM with key, or PFX).

    .PARAMETER CertificatePassword
    Password of -CertificatePath, passed in the binary's environment only.

    .PARAMETER ManagedIdentityClientId
    User-assigned managed identity (default: system-assigned).

    .PARAMETER AccessToken
    A Graph access token, e.g. (Get-AzAccessToken -ResourceUrl https://graph.microsoft.com -AsSecureString).Token;
    passed in the binary's environment only (--access-token-env), never on its command line.

    .PARAMETER LoginHint
    Account to sign in as (delegated flows).

    .PARAMETER NoCache
    Keep the binary's tokens in memory only.

    .EXAMPLE
    Register-EntraPasskeyDevice -UserId adele@contoso.com -Pin (Read-Host -AsSecureString -Prompt PIN)

    .EXAMPLE
    Connect-MgGraph -Scopes UserAuthMethod-Passkey.ReadWrite.All
    Get-MgUser -UserId adele@contoso.com | Register-EntraPasskeyDevice -UseMgGraph -Pin $pin -DisplayName 'YubiKey 5 NFC 1234'

    One sign-in (Connect-MgGraph) for everything.

    .EXAMPLE
    $token = (Get-AzAccessToken -ResourceUrl https://graph.microsoft.com -AsSecureString).Token
    Register-EntraPasskeyDevice adele@contoso.com -Pin $pin -AccessToken $token -RecordPath .\registrations.jsonl

    A token from Az handed to the binary through its environment.

    .EXAMPLE
    Register-EntraPasskeyDevice adele@contoso.com -Pin $pin | Select-Object userId, @{n='method';e={$_.method.id}} | ConvertTo-Json

    JSON for a record, no jq needed.
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium', DefaultParameterSetName = 'Binary')]
    [OutputType('EntraPasskey.Registration')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('Id', 'UserPrincipalName')]
        [string]$UserId,
        [System.Security.SecureString]$Pin,
        [string]$Device,
        [TimeSpan]$Timeout,
        [ValidateLength(1, 30)][string]$DisplayName,
        [TimeSpan]$ChallengeTimeout,
        [Parameter(ParameterSetName = 'Binary')][string]$RecordPath,
        [switch]$AllowSoftwareKey,
        [Parameter(Mandatory, ParameterSetName = 'MgGraph')][switch]$UseMgGraph,
        # Graph and sign-in, passed to the binary (about_EntraPasskey): secrets travel in the
        # child's environment, never on its command line.
        [Parameter(ParameterSetName = 'Binary')][string]$Emulator,
        [Parameter(ParameterSetName = 'Binary')][ValidateSet('global', 'usgov', 'usgov-dod', 'china')][string]$Cloud,
        [Parameter(ParameterSetName = 'Binary')][string]$GraphUrl,
        [Parameter(ParameterSetName = 'Binary')][string]$Authority,
        [Parameter(ParameterSetName = 'Binary')][string]$CaFile,
        [Parameter(ParameterSetName = 'Binary')]
        [ValidateSet('device-code', 'interactive', 'client-secret', 'client-certificate', 'managed-identity', 'access-token')]
        [string]$Auth,
        [Parameter(ParameterSetName = 'Binary')][string]$Tenant,
        [Parameter(ParameterSetName = 'Binary')][string]$ClientId,
        [Parameter(ParameterSetName = 'Binary')][System.Security.SecureString]$ClientSecret,
        [Parameter(ParameterSetName = 'Binary')][string]$CertificatePath,
        [Parameter(ParameterSetName = 'Binary')][System.Security.SecureString]$CertificatePassword,
        [Parameter(ParameterSetName = 'Binary')][string]$ManagedIdentityClientId,
        [Parameter(ParameterSetName = 'Binary')][System.Security.SecureString]$AccessToken,
        [Parameter(ParameterSetName = 'Binary')][string]$LoginHint,
        [Parameter(ParameterSetName = 'Binary')][switch]$NoCache
    )

    process {
        try {
            if (-not $PSCmdlet.ShouldProcess($UserId, 'Create a passkey on the security key and register it in Entra ID')) { return }
            $mg = $PSCmdlet.ParameterSetName -eq 'MgGraph'
            $graph = Get-EntraPasskeyGraphArgument -BoundParameters $PSBoundParameters

            Write-Progress -Activity "Registering a passkey for $UserId" -Status 'Fetching the creation options'
            if ($mg) {
                $params = @{ UserId = $UserId }
                if ($PSBoundParameters.ContainsKey('ChallengeTimeout')) { $params.ChallengeTimeout = $ChallengeTimeout }
                $options = Get-EntraPasskeyMgCreationOption @params
            }
            else {
                $argv = @('get-options', $UserId)
                if ($PSBoundParameters.ContainsKey('ChallengeTimeout')) { $argv += '--challenge-timeout', (ConvertTo-EntraPasskeyDuration -TimeSpan $ChallengeTimeout) }
                $options = Invoke-EntraPasskeyBinary -ArgumentList ($argv + $graph.Arguments) -SecretEnvironment $graph.SecretEnvironment `
                    -TypeName 'EntraPasskey.CreationOptions' -Activity "Registering a passkey for $UserId"
            }

            $argv = @('make-credential') + (Get-EntraPasskeyKeyArgument -BoundParameters $PSBoundParameters)
            if ($DisplayName) { $argv += '--display-name', $DisplayName }
            $secrets = @{}
            if ($PSBoundParameters.ContainsKey('Pin')) { $secrets['pin'] = $Pin }
            $credential = Invoke-EntraPasskeyBinary -ArgumentList $argv -SecretField $secrets `
                -InputJson (ConvertTo-EntraPasskeyInputJson -InputObject $options -Exclude 'pin') `
                -TypeName 'EntraPasskey.Credential' -Activity "Registering a passkey for $UserId"

            if ($mg) {
                Submit-EntraPasskeyMgCredential -Credential $credential -AllowSoftwareKey:$AllowSoftwareKey
                return
            }
            $argv = @('submit')
            if ($RecordPath) { $argv += '--record', $RecordPath }
            if ($AllowSoftwareKey) { $argv += '--allow-software-key' }
            Invoke-EntraPasskeyBinary -ArgumentList ($argv + $graph.Arguments) -SecretEnvironment $graph.SecretEnvironment `
                -InputJson (ConvertTo-EntraPasskeyInputJson -InputObject $credential) `
                -TypeName 'EntraPasskey.Registration' -Activity "Registering a passkey for $UserId"
        }
        catch {
            $PSCmdlet.WriteError($_)
        }
        finally {
            Write-Progress -Activity "Registering a passkey for $UserId" -Completed
        }
    }
}
