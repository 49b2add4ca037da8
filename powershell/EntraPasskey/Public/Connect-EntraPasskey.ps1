function Connect-EntraPasskey {
    <#
    .SYNOPSIS
    Signs in once for every EntraPasskey cmdlet of this session, like Connect-MgGraph.

    .DESCRIPTION
    Runs 'entra-passkey login' with the sign-in settings given and keeps them in the
    module's scope; every later cmdlet that calls Graph passes the same settings to its
    binary process, which finds the tokens in the binary's cache (OS secret store or a
    0600 file) and signs in silently. Secrets (-ClientSecret, -CertificatePassword,
    -AccessToken) stay SecureStrings in the session and reach each binary process in its
    environment only, never on a command line.

    With -UseMgGraph, no sign-in of its own: each cmdlet hands the binary the token of
    the Connect-MgGraph session (see about_EntraPasskey), so the binary still makes the
    Graph calls, with its error codes, its reconciliation after an ambiguous POST and
    -RecordPath.

    .PARAMETER UseMgGraph
    Use the Connect-MgGraph session's token for every cmdlet.

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
    Sign-in flow; inferred from the other parameters when not given (device-code for people).

    .PARAMETER Tenant
    Tenant id or verified domain (app-only flows need it).

    .PARAMETER ClientId
    App registration to sign in with.

    .PARAMETER ClientSecret
    The app's client secret.

    .PARAMETER CertificatePath
    Client certificate file (PEM with key, or PFX).

    .PARAMETER CertificatePassword
    Password of -CertificatePath.

    .PARAMETER ManagedIdentityClientId
    User-assigned managed identity (default: system-assigned).

    .PARAMETER AccessToken
    A Graph access token, e.g. (Get-AzAccessToken -ResourceUrl https://graph.microsoft.com -AsSecureString).Token.

    .PARAMETER LoginHint
    Account to sign in as (delegated flows).

    .PARAMETER NoCache
    Keep tokens in each process's memory only: for app-only flows, which sign in again
    silently in every process. Refused for delegated flows, which would ask every time.

    .EXAMPLE
    Connect-EntraPasskey -Tenant contoso.onmicrosoft.com

    A device-code sign-in once; every cmdlet afterwards uses its cached tokens.

    .EXAMPLE
    Connect-MgGraph -Scopes UserAuthMethod-Passkey.ReadWrite.All, GroupMember.Read.All
    Connect-EntraPasskey -UseMgGraph

    Already connected with Microsoft.Graph: no second sign-in.

    .EXAMPLE
    Connect-EntraPasskey -Tenant $tenant -ClientId $app -CertificatePath .\app.pfx -CertificatePassword $pfxPassword -NoCache

    An automation account: app-only, no token written to disk.
    #>
    [CmdletBinding(DefaultParameterSetName = 'Binary')]
    [OutputType('EntraPasskey.Connection')]
    param(
        [Parameter(Mandatory, ParameterSetName = 'MgGraph')][switch]$UseMgGraph,
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

    if ($UseMgGraph.IsPresent) {
        $r = Invoke-EntraPasskeyCommand -ArgumentList @('whoami') -Graph -UseMgGraph -TypeName 'EntraPasskey.Connection' `
            -Target 'Connect-MgGraph session' -Activity 'Reading the Microsoft Graph session'
        if (-not $r.Error) { $script:Connection = [pscustomobject]@{ UseMgGraph = $true; Arguments = [string[]]@(); SecretEnvironment = @{} } }
        Write-EntraPasskeyResult -Cmdlet $PSCmdlet -Result $r
        return
    }

    $settings = @{}
    foreach ($name in $PSBoundParameters.Keys) { $settings[$name] = $PSBoundParameters[$name] }
    foreach ($name in 'Emulator', 'CaFile', 'CertificatePath') {
        if ($settings.ContainsKey($name)) { $settings[$name] = Resolve-EntraPasskeyPath -Path $settings[$name] }
    }
    $appOnly = $Auth -in 'client-secret', 'client-certificate', 'managed-identity', 'access-token' -or
        $ClientSecret -or $CertificatePath -or $AccessToken -or $ManagedIdentityClientId -or $Emulator
    if ($NoCache -and -not $appOnly) {
        $e = ConvertTo-EntraPasskeyErrorRecord -Code 'usage' -ExitCode 80 -CategoryFromExitCode -Target 'sign-in' `
            -Message '-NoCache with a delegated sign-in would ask you to sign in again in every cmdlet' `
            -Hint 'drop -NoCache (the tokens go to the OS secret store or a 0600 file), or sign in as an app'
        $PSCmdlet.WriteError($e)
        return
    }
    $signIn = ConvertTo-EntraPasskeySignInArgument -Parameters $settings
    $script:Connection = [pscustomobject]@{ UseMgGraph = $false; Arguments = $signIn.Arguments; SecretEnvironment = $signIn.SecretEnvironment }
    $r = Invoke-EntraPasskeyCommand -ArgumentList @('login') -Graph -TypeName 'EntraPasskey.Connection' -Target 'sign-in' -Activity 'Signing in to Entra ID'
    if ($r.Error) { $script:Connection = $null }
    Write-EntraPasskeyResult -Cmdlet $PSCmdlet -Result $r
}
