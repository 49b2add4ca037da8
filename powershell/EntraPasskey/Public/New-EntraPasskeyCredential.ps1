function New-EntraPasskeyCredential {
    <#
    .SYNOPSIS
    Creates a passkey on a security key from a user's creation options; the result is what
    Submit-EntraPasskeyCredential registers in Entra ID.

    .DESCRIPTION
    Runs 'entra-passkey make-credential'. The input is the output of
    Get-EntraPasskeyCreationOption (pipeline), or Graph's raw creationOptions JSON as
    Invoke-MgGraphRequest -OutputType Json returns it. The PIN, a SecureString, is
    unwrapped only into the byte buffer written to the binary's stdin (its "pin" field),
    which is then cleared: never on a command line, never in a file or variable.
    Without -Pin, the binary asks on the terminal when there is one, and otherwise fails
    with pin_required.

    The output, an EntraPasskey.Credential, holds the exact Graph POST body fields
    (displayName, publicKeyCredential) and, apart from them, the user and key facts.

    .PARAMETER InputObject
    The creation options: an EntraPasskey.CreationOptions object, a hashtable or
    PSCustomObject of the same shape, or a JSON string.

    .PARAMETER Pin
    The key's PIN.

    .PARAMETER Device
    The key (a Path from Get-EntraPasskeyDevice, or virtual:<state-file>). Needed when
    several keys are present.

    .PARAMETER Timeout
    Give up on the key after this long (waiting for the touch included).

    .PARAMETER DisplayName
    The method's name in Entra ID, 1 to 30 characters (default: the key's model and the date).

    .PARAMETER UserId
    The user the credential is for (default: the input's userId).

    .EXAMPLE
    $pin = Read-Host -AsSecureString -Prompt 'PIN'
    Get-EntraPasskeyCreationOption adele@contoso.com | New-EntraPasskeyCredential -Pin $pin | Submit-EntraPasskeyCredential

    The three steps, each its own process.

    .EXAMPLE
    $json = Invoke-MgGraphRequest -Method GET -OutputType Json -Uri "/v1.0/users/$id/authentication/fido2Methods/creationOptions"
    $json | New-EntraPasskeyCredential -Pin $pin -UserId $id -DisplayName 'YubiKey 5 NFC' | ConvertTo-Json -Depth 10

    Graph's raw answer as input; the result as JSON, no jq needed.
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('EntraPasskey.Credential')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline)]
        [object]$InputObject,
        [System.Security.SecureString]$Pin,
        [string]$Device,
        [TimeSpan]$Timeout,
        [ValidateLength(1, 30)][string]$DisplayName,
        [string]$UserId
    )

    process {
        try {
            $json = ConvertTo-EntraPasskeyInputJson -InputObject $InputObject -Exclude 'pin'
            $argv = @('make-credential') + (Get-EntraPasskeyKeyArgument -BoundParameters $PSBoundParameters)
            if ($DisplayName) { $argv += '--display-name', $DisplayName }
            if ($UserId) { $argv += '--user', $UserId }
            $target = if ($UserId) { $UserId } elseif ($InputObject.userId) { [string]$InputObject.userId } else { 'the user in the creation options' }
            if (-not $PSCmdlet.ShouldProcess($target, 'Create a passkey on the security key')) { return }
            $secrets = @{}
            if ($PSBoundParameters.ContainsKey('Pin')) { $secrets['pin'] = $Pin }
            Invoke-EntraPasskeyBinary -ArgumentList $argv -InputJson $json -SecretField $secrets `
                -TypeName 'EntraPasskey.Credential' -Activity "Creating a passkey for $target"
        }
        catch {
            $PSCmdlet.WriteError($_)
        }
    }
}
