function Remove-EntraPasskeyKeyCredential {
    <#
    .SYNOPSIS
    Deletes one passkey (discoverable credential) from a security key; Entra ID is not
    touched.

    .DESCRIPTION
    Asks for confirmation (ConfirmImpact High) and only then runs
    'entra-passkey key credentials delete --credential-id=ID --yes'. -WhatIf shows what
    would be deleted. The output is the binary's deletion document (credentialId, rpId,
    userName, remaining). The PIN goes to the binary on stdin only; without -Pin
    PowerShell asks for it, once per key for a whole pipeline.

    To delete the Entra method of a registered passkey, use Remove-EntraPasskeyMethod
    -UserId $c.userPrincipalName -MethodId $c.methodId: a key credential's userId is the
    key's user handle, not an Entra user id, so piping it there binds the wrong user.

    .PARAMETER CredentialId
    The credential's id (base64url, as Get-EntraPasskeyKeyCredential shows it); binds
    from credentialId.

    .PARAMETER Device
    The key; binds from path (Get-EntraPasskeyKeyCredential's objects carry the key they
    came from). Needed when several keys are present.

    .PARAMETER Timeout
    Give up on the key after this long.

    .PARAMETER Pin
    The key's PIN.

    .PARAMETER UserName
    Bound from Get-EntraPasskeyKeyCredential's objects; only names the passkey in the
    confirmation.

    .EXAMPLE
    Get-EntraPasskeyKeyCredential | Where-Object status -eq orphan | Remove-EntraPasskeyKeyCredential

    Asks before each deletion.

    .EXAMPLE
    Remove-EntraPasskeyKeyCredential -CredentialId $id -Device virtual:key.json -Pin $pin -Confirm:$false
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
    [OutputType('EntraPasskey.KeyCredentialDeletion')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string]$CredentialId,
        [Parameter(ValueFromPipelineByPropertyName)][Alias('Path')][string]$Device,
        [TimeSpan]$Timeout,
        [System.Security.SecureString]$Pin,
        [Parameter(ValueFromPipelineByPropertyName, DontShow)][AllowNull()][AllowEmptyString()][string]$UserName
    )

    begin {
        # A pipeline of credentials on one key is asked for its PIN once.
        $asked = @{}
    }

    process {
        $target = if ($Device) { $Device } else { 'the security key' }
        $what = if ($UserName) { "the passkey of $UserName (credential $CredentialId)" } else { "the passkey with credential id $CredentialId" }
        if (-not $PSCmdlet.ShouldProcess("$what on $target", 'Delete from the security key')) { return }
        # --yes only now: ShouldProcess was the confirmation. Credential ids are base64url
        # and may start with '-': the value is joined to its flag.
        $argv = @('key', 'credentials', 'delete', "--credential-id=$CredentialId", '--yes') + (Get-EntraPasskeyKeyArgument -BoundParameters $PSBoundParameters)
        $keyPin = $Pin
        if (-not $keyPin) {
            if (-not $asked.ContainsKey($target)) { $asked[$target] = Read-EntraPasskeyPin -Prompt "PIN of $target" }
            $keyPin = $asked[$target]
        }
        $secrets = @{}
        if ($keyPin) {
            $argv += '--pin-stdin'
            $secrets.pin = $keyPin
        }
        $r = Invoke-EntraPasskeyCommand -ArgumentList $argv -SecretField $secrets -Target $CredentialId `
            -TypeName 'EntraPasskey.KeyCredentialDeletion' -Activity "Deleting a passkey from $target"
        Write-EntraPasskeyResult -Cmdlet $PSCmdlet -Result $r
    }
}
