function Remove-EntraPasskeyMethod {
    <#
    .SYNOPSIS
    Deletes one of a user's FIDO2 methods (passkeys) from Entra ID.

    .DESCRIPTION
    Asks for confirmation (ConfirmImpact High) and only then runs
    'entra-passkey methods delete USER ID --yes', or with -UseMgGraph GETs the method and
    DELETEs it through Invoke-MgGraphRequest. -WhatIf shows what would be deleted. The
    output is the deleted method.

    .PARAMETER UserId
    The user's object id or UPN; binds from userId (Get-EntraPasskeyMethod) or UserPrincipalName.

    .PARAMETER MethodId
    The method's id; binds from Id (Get-EntraPasskeyMethod, Get-MgUserAuthenticationFido2Method).

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
    Get-EntraPasskeyMethod adele@contoso.com | Where-Object displayName -like 'Lost*' | Remove-EntraPasskeyMethod

    Asks before each deletion.

    .EXAMPLE
    Remove-EntraPasskeyMethod -UserId adele@contoso.com -MethodId $id -Confirm:$false

    For scripts: no question.
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High', DefaultParameterSetName = 'Binary')]
    [OutputType('EntraPasskey.MethodDeletion')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [Alias('UserPrincipalName')]
        [string]$UserId,
        [Parameter(Mandatory, Position = 1, ValueFromPipelineByPropertyName)]
        [Alias('Id')]
        [string]$MethodId,
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
            if (-not $PSCmdlet.ShouldProcess("FIDO2 method $MethodId of $UserId", 'Delete')) { return }
            if ($PSCmdlet.ParameterSetName -eq 'MgGraph') {
                $uri = "/v1.0/users/$(ConvertTo-EntraPasskeyUserPath -UserId $UserId)/authentication/fido2Methods/$([System.Uri]::EscapeDataString($MethodId))"
                $method = Invoke-EntraPasskeyMgGraph -Method GET -Uri $uri
                $null = Invoke-EntraPasskeyMgGraph -Method DELETE -Uri $uri
                $doc = [pscustomobject][ordered]@{ schemaVersion = 1; userId = $UserId; deleted = $method }
                $doc.PSObject.TypeNames.Insert(0, 'EntraPasskey.MethodDeletion')
                $doc
                return
            }
            $graph = Get-EntraPasskeyGraphArgument -BoundParameters $PSBoundParameters
            # --yes only now: ShouldProcess was the confirmation.
            # Method ids may start with '-': flags first, then '--' before the arguments.
            Invoke-EntraPasskeyBinary -ArgumentList (@('methods', 'delete', '--yes') + $graph.Arguments + @('--', $UserId, $MethodId)) `
                -SecretEnvironment $graph.SecretEnvironment -TypeName 'EntraPasskey.MethodDeletion' -Activity "Deleting a FIDO2 method of $UserId"
        }
        catch {
            $PSCmdlet.WriteError($_)
        }
    }
}
