function ConvertTo-EntraPasskeyGraphBody {
    <#
    .SYNOPSIS
    The fido2Methods POST body for a make-credential document: displayName and
    publicKeyCredential {id, response {clientDataJSON, attestationObject},
    clientExtensionResults} and nothing else (Graph refuses a body with @odata.type; it
    has no use for WebAuthn's type, rawId or transports). Compact JSON.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)][object]$Credential,
        [string]$DisplayName
    )

    $pkc = $Credential.publicKeyCredential
    if ($null -eq $pkc -or $null -eq $pkc.response) {
        throw (New-EntraPasskeyErrorRecord -Code 'invalid_credential' -Category InvalidData `
                -Message 'the input has no publicKeyCredential: it is not a New-EntraPasskeyCredential result' `
                -Hint 'pipe New-EntraPasskeyCredential (entra-passkey make-credential) into Submit-EntraPasskeyCredential')
    }
    $name = if ($DisplayName) { $DisplayName } else { [string]$Credential.displayName }
    $extensions = $pkc.clientExtensionResults
    if ($null -eq $extensions) { $extensions = @{} }
    $body = [ordered]@{
        displayName         = $name
        publicKeyCredential = [ordered]@{
            id                     = [string]$pkc.id
            response               = [ordered]@{
                clientDataJSON    = [string]$pkc.response.clientDataJSON
                attestationObject = [string]$pkc.response.attestationObject
            }
            clientExtensionResults = $extensions
        }
    }
    ConvertTo-Json -InputObject $body -Depth 32 -Compress
}
