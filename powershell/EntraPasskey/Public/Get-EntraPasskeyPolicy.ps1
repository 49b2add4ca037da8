function Get-EntraPasskeyPolicy {
    <#
    .SYNOPSIS
    Shows the tenant's FIDO2 policy and what in it blocks provisioning.

    .DESCRIPTION
    Runs 'entra-passkey policy show': the policy as Graph returns it and a list of
    problems (for example self-service registration turned off, which makes
    registration on behalf of users fail). Binary path only: its problem analysis is the
    point. Needs Policy.Read.AuthenticationMethod.

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
    (Get-EntraPasskeyPolicy).problems

    .EXAMPLE
    Get-EntraPasskeyPolicy -AccessToken (Get-AzAccessToken -ResourceUrl https://graph.microsoft.com -AsSecureString).Token | ConvertTo-Json -Depth 10
    #>
    [CmdletBinding(DefaultParameterSetName = 'Binary')]
    [OutputType('EntraPasskey.Policy')]
    param(
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

    try {
        $graph = Get-EntraPasskeyGraphArgument -BoundParameters $PSBoundParameters
        Invoke-EntraPasskeyBinary -ArgumentList (@('policy', 'show') + $graph.Arguments) -SecretEnvironment $graph.SecretEnvironment `
            -TypeName 'EntraPasskey.Policy' -Activity 'Reading the FIDO2 policy'
    }
    catch {
        $PSCmdlet.ThrowTerminatingError($_)
    }
}
