function Invoke-EntraPasskeyMgGraph {
    <#
    .SYNOPSIS
    The one place the module calls Microsoft Graph itself (-UseMgGraph), through
    Invoke-MgGraphRequest and the session of Connect-MgGraph: no second sign-in.

    .DESCRIPTION
    Bodies go as UTF-8 bytes with Content-Type application/json (Microsoft.Graph 2.26+
    re-encodes a string body, which Graph then refuses). Failures become ErrorRecords
    with the same codes and categories as the binary's Graph errors (graph_forbidden,
    graph_unavailable, graph_error), Graph's own message kept verbatim.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][ValidateSet('GET', 'POST', 'DELETE')][string]$Method,
        [Parameter(Mandatory)][string]$Uri,
        [byte[]]$Body,
        [ValidateSet('Json', 'PSObject')][string]$OutputType = 'PSObject'
    )

    if (-not (Get-Command -Name 'Invoke-MgGraphRequest' -ErrorAction SilentlyContinue)) {
        throw (New-EntraPasskeyErrorRecord -Code 'mg_graph_missing' -Category NotInstalled -ExitCode 82 `
                -Message '-UseMgGraph needs the Microsoft.Graph.Authentication module' `
                -Hint 'Install-Module Microsoft.Graph.Authentication, then Connect-MgGraph')
    }
    $context = $null
    if (Get-Command -Name 'Get-MgContext' -ErrorAction SilentlyContinue) { $context = Get-MgContext }
    if ($null -eq $context) {
        throw (New-EntraPasskeyErrorRecord -Code 'mg_graph_not_connected' -Category AuthenticationError -ExitCode 82 `
                -Message '-UseMgGraph needs a Microsoft Graph session and there is none' `
                -Hint 'Connect-MgGraph -Scopes UserAuthMethod-Passkey.ReadWrite.All (or app-only with a certificate or -Identity)')
    }

    $request = @{ Method = $Method; Uri = $Uri; OutputType = $OutputType; ErrorAction = 'Stop' }
    if ($PSBoundParameters.ContainsKey('Body')) {
        $request.Body = $Body
        $request.ContentType = 'application/json'
    }
    Write-Verbose "graph $Method $Uri (Invoke-MgGraphRequest)"
    try {
        Invoke-MgGraphRequest @request
    }
    catch {
        $status = 0
        $response = $_.Exception.PSObject.Properties['Response']
        if ($null -ne $response -and $null -ne $response.Value) {
            try { $status = [int]$response.Value.StatusCode } catch { $status = 0 }
        }
        $code, $exit = switch ($status) {
            403 { 'graph_forbidden', 83 }
            404 { 'graph_not_found', 1 }
            429 { 'graph_unavailable', 101 }
            503 { 'graph_unavailable', 101 }
            504 { 'graph_unavailable', 101 }
            default { 'graph_error', 1 }
        }
        $hint = if ($code -eq 'graph_forbidden') {
            'the signed-in account needs UserAuthMethod-Passkey.ReadWrite.All (and an authentication administrator role when delegated)'
        }
        throw (New-EntraPasskeyErrorRecord -Code $code -ExitCode $exit -CategoryFromExitCode -Hint $hint `
                -Message "graph $Method $Uri failed: $($_.Exception.Message)")
    }
}
