function Get-EntraPasskeyCreationOption {
    <#
    .SYNOPSIS
    Fetches a user's WebAuthn creation options from Microsoft Graph: the input of
    New-EntraPasskeyCredential.

    .DESCRIPTION
    Without -UseMgGraph, runs 'entra-passkey get-options USER', which signs in itself
    (token cache, -AccessToken, an app's secret or certificate, managed identity).
    With -UseMgGraph, calls Graph through Invoke-MgGraphRequest in the session of
    Connect-MgGraph and builds the same document. Either way the output is an
    EntraPasskey.CreationOptions object (schemaVersion, userId, challengeTimeoutDateTime,
    creationOptions) that pipes into New-EntraPasskeyCredential.

    .PARAMETER UserId
    The user's object id or UPN. Binds from strings and from objects with Id or
    UserPrincipalName (Get-MgUser).

    .PARAMETER ChallengeTimeout
    How long the challenge stays valid: 5 minutes (Graph v1.0, the default), or whole
    minutes up to 30 days (Graph beta) for keys prepared ahead of time.

    .PARAMETER UseMgGraph
    Call Graph with Invoke-MgGraphRequest (Microsoft.Graph.Authentication, after
    Connect-MgGraph) instead of the binary's own sign-in.

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
    Get-EntraPasskeyCreationOption -UserId adele@contoso.com | New-EntraPasskeyCredential -Pin (Read-Host -AsSecureString PIN)

    .EXAMPLE
    Connect-MgGraph -Scopes UserAuthMethod-Passkey.ReadWrite.All
    Get-MgUser -Filter "department eq 'Sales'" | Get-EntraPasskeyCreationOption -UseMgGraph -ChallengeTimeout (New-TimeSpan -Days 7)

    Options for every user of a department, valid for a week (keys prepared ahead).

    .EXAMPLE
    Get-EntraPasskeyCreationOption adele@contoso.com | ConvertTo-Json -Depth 10 | Set-Content options.json

    Saves the document for 'entra-passkey make-credential --in options.json'.
    #>
    [CmdletBinding(DefaultParameterSetName = 'Binary')]
    [OutputType('EntraPasskey.CreationOptions')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('Id', 'UserPrincipalName')]
        [string]$UserId,
        [TimeSpan]$ChallengeTimeout,
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
            if ($PSCmdlet.ParameterSetName -eq 'MgGraph') {
                $params = @{ UserId = $UserId }
                if ($PSBoundParameters.ContainsKey('ChallengeTimeout')) { $params.ChallengeTimeout = $ChallengeTimeout }
                Get-EntraPasskeyMgCreationOption @params
                return
            }
            $graph = Get-EntraPasskeyGraphArgument -BoundParameters $PSBoundParameters
            $argv = @('get-options', $UserId)
            if ($PSBoundParameters.ContainsKey('ChallengeTimeout')) { $argv += '--challenge-timeout', (ConvertTo-EntraPasskeyDuration -TimeSpan $ChallengeTimeout) }
            $argv += $graph.Arguments
            Invoke-EntraPasskeyBinary -ArgumentList $argv -SecretEnvironment $graph.SecretEnvironment `
                -TypeName 'EntraPasskey.CreationOptions' -Activity "Creation options for $UserId"
        }
        catch {
            $PSCmdlet.WriteError($_)
        }
    }
}
