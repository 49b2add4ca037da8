function Get-EntraPasskeyMgToken {
    <#
    .SYNOPSIS
    -UseMgGraph: the access token of the Connect-MgGraph session and its cloud, so the
    binary makes the Graph calls itself (its error codes, its reconciliation after an
    ambiguous POST, its record) with no second sign-in.

    .DESCRIPTION
    Microsoft.Graph.Authentication has no command that returns its token, but the
    request it sends carries it: one small GET through Invoke-MgGraphRequest
    (-OutputType HttpResponseMessage, so the SDK refreshes the token as it would for any
    call) and the Authorization header of the request message. The token becomes a
    SecureString that reaches the binary only in its environment. Returns Token, Cloud
    and Error; never throws.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()

    $result = [pscustomobject]@{ Token = $null; Cloud = 'global'; Error = $null }
    $invoke = Get-Command -Name 'Invoke-MgGraphRequest' -ErrorAction SilentlyContinue
    if (-not $invoke) {
        $result.Error = ConvertTo-EntraPasskeyErrorRecord -Code 'mg_graph_missing' -Category NotInstalled -ExitCode 82 `
            -Message '-UseMgGraph needs the Microsoft.Graph.Authentication module' `
            -Hint 'Install-Module Microsoft.Graph.Authentication, then Connect-MgGraph; or Connect-EntraPasskey without -UseMgGraph'
        return $result
    }
    $context = $null
    if (Get-Command -Name 'Get-MgContext' -ErrorAction SilentlyContinue) { $context = Get-MgContext }
    if ($null -eq $context) {
        $result.Error = ConvertTo-EntraPasskeyErrorRecord -Code 'mg_graph_not_connected' -Category AuthenticationError -ExitCode 82 `
            -Message '-UseMgGraph needs a Microsoft Graph session and there is none' `
            -Hint 'Connect-MgGraph -Scopes UserAuthMethod-Passkey.ReadWrite.All (or app-only with a certificate or -Identity)'
        return $result
    }
    $environment = $context.PSObject.Properties['Environment']
    $result.Cloud = switch ([string]$(if ($environment) { $environment.Value })) {
        'USGov' { 'usgov' }
        'USGovDoD' { 'usgov-dod' }
        'China' { 'china' }
        default { 'global' }
    }

    $request = @{ Method = 'GET'; Uri = '/v1.0/organization?$select=id'; OutputType = 'HttpResponseMessage'; ErrorAction = 'Stop' }
    if ($invoke.Parameters.ContainsKey('SkipHttpErrorCheck')) { $request.SkipHttpErrorCheck = $true }
    $response = $null
    $failure = $null
    try { $response = Invoke-MgGraphRequest @request } catch { $failure = $_.Exception.Message }
    $authorization = $null
    if ($null -ne $response -and $null -ne $response.PSObject.Properties['RequestMessage'] -and $null -ne $response.RequestMessage) {
        $authorization = $response.RequestMessage.Headers.Authorization
    }
    if ($null -eq $authorization -or $authorization.Scheme -ne 'Bearer' -or -not $authorization.Parameter) {
        if ($null -ne $response) { $response.Dispose() }
        $why = if ($failure) { $failure } else { 'its request carried no bearer token' }
        $result.Error = ConvertTo-EntraPasskeyErrorRecord -Code 'mg_token_unavailable' -Category AuthenticationError -ExitCode 82 `
            -Message "cannot use the Connect-MgGraph session: $why" `
            -Hint 'Connect-EntraPasskey with the binary''s own sign-in, or -AccessToken (Get-AzAccessToken -ResourceUrl https://graph.microsoft.com -AsSecureString).Token'
        return $result
    }
    $token = [System.Security.SecureString]::new()
    foreach ($c in $authorization.Parameter.ToCharArray()) { $token.AppendChar($c) }
    $token.MakeReadOnly()
    $response.Dispose()
    $result.Token = $token
    $result
}
