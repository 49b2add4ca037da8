function Get-EntraPasskeyMgCreationOption {
    <#
    .SYNOPSIS
    Get-EntraPasskeyCreationOption -UseMgGraph: the creation options from Graph through
    Invoke-MgGraphRequest, as the same document 'entra-passkey get-options' prints.
    #>
    [CmdletBinding()]
    [OutputType('EntraPasskey.CreationOptions')]
    param(
        [Parameter(Mandatory)][string]$UserId,
        [TimeSpan]$ChallengeTimeout
    )

    $user = ConvertTo-EntraPasskeyUserPath -UserId $UserId
    $uri = "/v1.0/users/$user/authentication/fido2Methods/creationOptions"
    if ($PSBoundParameters.ContainsKey('ChallengeTimeout') -and $ChallengeTimeout -ne [TimeSpan]::FromMinutes(5)) {
        $minutes = $ChallengeTimeout.TotalMinutes
        if ($minutes -ne [Math]::Floor($minutes) -or $minutes -lt 5 -or $minutes -gt 43200) {
            throw (New-EntraPasskeyErrorRecord -Code 'usage' -ExitCode 80 -CategoryFromExitCode `
                    -Message "the challenge timeout must be whole minutes from 5 to 43200 (30 days), not $ChallengeTimeout")
        }
        # The beta function-call form: the query form has answered 405.
        $uri = "/beta/users/$user/authentication/fido2Methods/creationOptions(challengeTimeoutInMinutes=$([long]$minutes))"
    }
    $json = Invoke-EntraPasskeyMgGraph -Method GET -Uri $uri -OutputType Json
    $raw = ConvertFrom-EntraPasskeyJson -Json ([string]$json)
    if ($null -eq $raw.PSObject.Properties['publicKey'] -and $null -ne $raw.PSObject.Properties['value']) {
        $raw = $raw.value # some documentation examples wrap the object in {"value": ...}
    }
    $timeout = $null
    if ($null -ne $raw.PSObject.Properties['challengeTimeoutDateTime']) { $timeout = $raw.challengeTimeoutDateTime }
    $doc = [pscustomobject][ordered]@{
        schemaVersion            = 1
        userId                   = $UserId
        challengeTimeoutDateTime = $timeout
        creationOptions          = $raw
    }
    $doc.PSObject.TypeNames.Insert(0, 'EntraPasskey.CreationOptions')
    $doc
}
