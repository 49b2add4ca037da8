function Submit-EntraPasskeyCredential {
    <#
    .SYNOPSIS
    Registers a credential made by New-EntraPasskeyCredential as the user's passkey in Entra ID.

    .DESCRIPTION
    Without -UseMgGraph, runs 'entra-passkey submit' (its own sign-in; after an ambiguous
    failure it lists the user's methods before answering, and -RecordPath keeps a durable
    record). With -UseMgGraph, POSTs to /users/{id}/authentication/fido2Methods through
    Invoke-MgGraphRequest, in the Connect-MgGraph session, the body being exactly the
    credential's displayName and publicKeyCredential. The output is an
    EntraPasskey.Registration: the user, the method Graph created, and the key's facts.

    .PARAMETER InputObject
    The credential: New-EntraPasskeyCredential's output (pipeline), or its JSON.

    .PARAMETER UserId
    The user (default: the credential's userId).

    .PARAMETER DisplayName
    Override the method's name (1 to 30 characters).

    .PARAMETER RecordPath
    Also append the registration record to this file as one JSON line (binary path only).

    .PARAMETER AllowSoftwareKey
    Accept a software test key's credential against a Graph that is not local. Never in production.

    .PARAMETER UseMgGraph
    POST with Invoke-MgGraphRequest (after Connect-MgGraph) instead of the binary's sign-in.

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
    Get-EntraPasskeyCreationOption adele@contoso.com | New-EntraPasskeyCredential -Pin $pin | Submit-EntraPasskeyCredential -RecordPath .\registrations.jsonl

    .EXAMPLE
    $cred = Get-EntraPasskeyCreationOption $id -UseMgGraph | New-EntraPasskeyCredential -Pin $pin
    $cred | Submit-EntraPasskeyCredential -UseMgGraph

    No second sign-in: both Graph calls use the Connect-MgGraph session.
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium', DefaultParameterSetName = 'Binary')]
    [OutputType('EntraPasskey.Registration')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline)]
        [object]$InputObject,
        [string]$UserId,
        [ValidateLength(1, 30)][string]$DisplayName,
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
            $target = if ($UserId) { $UserId } elseif ($InputObject.userId) { [string]$InputObject.userId } else { 'the credential''s user' }
            if (-not $PSCmdlet.ShouldProcess($target, 'Register the passkey in Entra ID')) { return }
            if ($PSCmdlet.ParameterSetName -eq 'MgGraph') {
                $params = @{ Credential = $InputObject; AllowSoftwareKey = $AllowSoftwareKey }
                if ($UserId) { $params.UserId = $UserId }
                if ($DisplayName) { $params.DisplayName = $DisplayName }
                Submit-EntraPasskeyMgCredential @params
                return
            }
            $json = ConvertTo-EntraPasskeyInputJson -InputObject $InputObject -Exclude 'pin'
            $graph = Get-EntraPasskeyGraphArgument -BoundParameters $PSBoundParameters
            $argv = @('submit')
            if ($UserId) { $argv += '--user', $UserId }
            if ($DisplayName) { $argv += '--display-name', $DisplayName }
            if ($RecordPath) { $argv += '--record', $RecordPath }
            if ($AllowSoftwareKey) { $argv += '--allow-software-key' }
            $argv += $graph.Arguments
            Invoke-EntraPasskeyBinary -ArgumentList $argv -InputJson $json -SecretEnvironment $graph.SecretEnvironment `
                -TypeName 'EntraPasskey.Registration' -Activity "Registering the passkey for $target"
        }
        catch {
            $PSCmdlet.WriteError($_)
        }
    }
}
