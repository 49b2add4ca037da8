function New-EntraPasskeyCredential {
    <#
    .SYNOPSIS
    Creates a passkey on a security key from a user's creation options; the result is what
    Submit-EntraPasskeyCredential registers in Entra ID.

    .DESCRIPTION
    Runs 'entra-passkey make-credential' once per input. The input is the output of
    Get-EntraPasskeyCreationOption, or Graph's raw creationOptions (Invoke-MgGraphRequest,
    as JSON text or as a hashtable). The PIN, a SecureString, is unwrapped only into the
    byte buffer written to the binary's stdin (its "pin" field), cleared right after.
    Without -Pin, PowerShell asks for it (no echo); with no one to ask, the binary fails
    with pin_required.

    .PARAMETER InputObject
    The creation options: EntraPasskey.CreationOptions objects, hashtables or
    PSCustomObjects of that shape, or JSON strings; an array is several inputs.

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
    Get-EntraPasskeyCreationOption adele@contoso.com | New-EntraPasskeyCredential | Submit-EntraPasskeyCredential

    The three steps, each its own process; PowerShell asks for the PIN.

    .EXAMPLE
    $json = Invoke-MgGraphRequest -Method GET -OutputType Json -Uri "/v1.0/users/$id/authentication/fido2Methods/creationOptions"
    $json | New-EntraPasskeyCredential -Pin $pin -UserId $id -DisplayName 'YubiKey 5 NFC'

    Graph's raw answer as input.
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('EntraPasskey.Credential')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline)]
        [object[]]$InputObject,
        [System.Security.SecureString]$Pin,
        [string]$Device,
        [TimeSpan]$Timeout,
        [ValidateLength(1, 30)][string]$DisplayName,
        [string]$UserId
    )

    process {
        foreach ($options in $InputObject) {
            $json = ConvertTo-EntraPasskeyInputJson -InputObject $options -Exclude 'pin'
            $argv = @('make-credential') + (Get-EntraPasskeyKeyArgument -BoundParameters $PSBoundParameters)
            if ($DisplayName) { $argv += '--display-name', $DisplayName }
            if ($UserId) { $argv += '--user', $UserId }
            $target = if ($UserId) { $UserId } else { [string](Get-EntraPasskeyField -InputObject $options -Name 'userId') }
            if (-not $target) { $target = 'the user in the creation options' }
            if (-not $PSCmdlet.ShouldProcess($target, 'Create a passkey on the security key')) { continue }
            $keyPin = if ($Pin) { $Pin } else { Read-EntraPasskeyPin -Prompt "PIN of the security key for $target" }
            $r = Invoke-EntraPasskeyCommand -ArgumentList $argv -InputJson $json -SecretField @{ pin = $keyPin } -Target $target `
                -TypeName 'EntraPasskey.Credential' -Activity "Creating a passkey for $target"
            Write-EntraPasskeyResult -Cmdlet $PSCmdlet -Result $r
        }
    }
}
