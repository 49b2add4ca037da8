function Get-EntraPasskeyCreationOption {
    <#
    .SYNOPSIS
    Fetches a user's WebAuthn creation options from Microsoft Graph: the input of
    New-EntraPasskeyCredential.

    .DESCRIPTION
    Runs 'entra-passkey get-options USER' with the connection of Connect-EntraPasskey.
    The output, an EntraPasskey.CreationOptions (schemaVersion, userId,
    challengeTimeoutDateTime, creationOptions), pipes into New-EntraPasskeyCredential.

    .PARAMETER UserId
    The user's object id or UPN. Binds from strings and from objects with Id,
    UserPrincipalName or UPN (Get-MgUser, Import-Csv).

    .PARAMETER ChallengeTimeout
    How long the challenge stays valid: 5 minutes (Graph v1.0, the default), or whole
    minutes up to 30 days (Graph beta) for keys prepared ahead of time.

    .PARAMETER UseMgGraph
    Use the Connect-MgGraph session's token for this call.

    .EXAMPLE
    Get-EntraPasskeyCreationOption -UserId adele@contoso.com | New-EntraPasskeyCredential

    .EXAMPLE
    Get-MgUser -Filter "department eq 'Sales'" | Get-EntraPasskeyCreationOption -UseMgGraph -ChallengeTimeout (New-TimeSpan -Days 7)

    Options for every user of a department, valid for a week (keys prepared ahead).
    #>
    [CmdletBinding()]
    [OutputType('EntraPasskey.CreationOptions')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('Id', 'UserPrincipalName', 'UPN')]
        [ValidateScript({ $_ -notmatch '^@\{' })]
        [string]$UserId,
        [Parameter(ValueFromPipelineByPropertyName)][TimeSpan]$ChallengeTimeout,
        [switch]$UseMgGraph
    )

    process {
        $argv = @('get-options', $UserId)
        if ($PSBoundParameters.ContainsKey('ChallengeTimeout')) { $argv += '--challenge-timeout', (ConvertTo-EntraPasskeyDuration -TimeSpan $ChallengeTimeout) }
        $r = Invoke-EntraPasskeyCommand -ArgumentList $argv -Graph -UseMgGraph:$UseMgGraph -Target $UserId `
            -TypeName 'EntraPasskey.CreationOptions' -Activity "Creation options for $UserId"
        Write-EntraPasskeyResult -Cmdlet $PSCmdlet -Result $r
    }
}
