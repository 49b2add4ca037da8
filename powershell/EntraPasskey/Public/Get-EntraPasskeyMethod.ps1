function Get-EntraPasskeyMethod {
    <#
    .SYNOPSIS
    Lists a user's FIDO2 methods (passkeys) in Entra ID.

    .DESCRIPTION
    Runs 'entra-passkey methods list USER', or with -UseMgGraph GETs
    /users/{id}/authentication/fido2Methods (all pages) through Invoke-MgGraphRequest.
    Each method is an EntraPasskey.Method with the user's id added as userId, so it pipes
    into Remove-EntraPasskeyMethod.

    .PARAMETER UserId
    The user's object id or UPN; binds from Id or UserPrincipalName (Get-MgUser).

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
    Get-EntraPasskeyMethod adele@contoso.com

    .EXAMPLE
    Get-MgGroupMember -GroupId $g -All | Get-EntraPasskeyMethod -UseMgGraph | Where-Object model -eq $null

    .EXAMPLE
    Get-EntraPasskeyMethod adele@contoso.com | ConvertTo-Json -Depth 5
    #>
    [CmdletBinding(DefaultParameterSetName = 'Binary')]
    [OutputType('EntraPasskey.Method')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('Id', 'UserPrincipalName')]
        [string]$UserId,
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
                $methods = [System.Collections.Generic.List[object]]::new()
                $uri = "/v1.0/users/$(ConvertTo-EntraPasskeyUserPath -UserId $UserId)/authentication/fido2Methods"
                while ($uri) {
                    $page = Invoke-EntraPasskeyMgGraph -Method GET -Uri $uri
                    foreach ($m in @($page.value)) { if ($null -ne $m) { $methods.Add([pscustomobject]$m) } }
                    $uri = $page.'@odata.nextLink'
                }
            }
            else {
                $graph = Get-EntraPasskeyGraphArgument -BoundParameters $PSBoundParameters
                $doc = Invoke-EntraPasskeyBinary -ArgumentList (@('methods', 'list', $UserId) + $graph.Arguments) `
                    -SecretEnvironment $graph.SecretEnvironment -Activity "Listing the FIDO2 methods of $UserId"
                $methods = @($doc.methods)
            }
            foreach ($m in $methods) {
                if ($null -eq $m) { continue }
                if ($null -eq $m.PSObject.Properties['userId']) { $m | Add-Member -NotePropertyName 'userId' -NotePropertyValue $UserId }
                $m.PSObject.TypeNames.Insert(0, 'EntraPasskey.Method')
                $m
            }
        }
        catch {
            $PSCmdlet.WriteError($_)
        }
    }
}
