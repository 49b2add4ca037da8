function Submit-EntraPasskeyMgCredential {
    <#
    .SYNOPSIS
    Submit-EntraPasskeyCredential -UseMgGraph: POSTs the credential to the user's
    fido2Methods through Invoke-MgGraphRequest and returns the same document
    'entra-passkey submit' prints (reconciled is always false: this path does not
    reconcile an ambiguous failure; list the user's methods before retrying).
    #>
    [CmdletBinding()]
    [OutputType('EntraPasskey.Registration')]
    param(
        [Parameter(Mandatory)][object]$Credential,
        [string]$UserId,
        [string]$DisplayName,
        [switch]$AllowSoftwareKey
    )

    if ($Credential -is [string]) { $Credential = ConvertFrom-EntraPasskeyJson -Json $Credential }
    $user = if ($UserId) { $UserId } else { [string]$Credential.userId }
    if (-not $user) {
        throw (New-EntraPasskeyErrorRecord -Code 'usage' -ExitCode 80 -CategoryFromExitCode `
                -Message 'the credential names no user' -Hint 'give -UserId')
    }
    if ($null -ne $Credential.key -and $Credential.key.virtual -eq $true -and -not $AllowSoftwareKey) {
        throw (New-EntraPasskeyErrorRecord -Code 'software_key_refused' -ExitCode 82 -CategoryFromExitCode `
                -Message 'the credential was made by a software test key; Entra ID tenants must not accept it' `
                -Hint 'use a hardware key (-AllowSoftwareKey only for test tenants)')
    }
    if ($Credential.challengeTimeoutDateTime) {
        $expires = [DateTimeOffset]::Parse([string]$Credential.challengeTimeoutDateTime, [System.Globalization.CultureInfo]::InvariantCulture)
        if ($expires -lt [DateTimeOffset]::UtcNow) {
            throw (New-EntraPasskeyErrorRecord -Code 'challenge_expired' -ExitCode 82 -CategoryFromExitCode `
                    -Message "the challenge expired at $($expires.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ssZ'))" `
                    -Hint 'fetch fresh creation options and create the credential again')
        }
    }
    $body = ConvertTo-EntraPasskeyGraphBody -Credential $Credential -DisplayName $DisplayName
    $path = ConvertTo-EntraPasskeyUserPath -UserId $user
    $method = Invoke-EntraPasskeyMgGraph -Method POST -Uri "/v1.0/users/$path/authentication/fido2Methods" `
        -Body ([System.Text.UTF8Encoding]::new($false).GetBytes($body))
    $doc = [pscustomobject][ordered]@{
        schemaVersion = 1
        userId        = $user
        method        = $method
        reconciled    = $false
        key           = $Credential.key
    }
    $doc.PSObject.TypeNames.Insert(0, 'EntraPasskey.Registration')
    $doc
}
