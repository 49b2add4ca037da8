function Set-EntraPasskeyPin {
    <#
    .SYNOPSIS
    Sets the first PIN of a security key, or changes its PIN.

    .DESCRIPTION
    Without -Pin, runs 'entra-passkey pin set' (the key must have no PIN); with -Pin (the
    current PIN), 'entra-passkey pin change', which also ends a forced PIN change. The new
    PIN is -NewPin, or a random one with -Random, delivered to -PinOutPath (a new 0600
    file, age-encrypted with -PinOutAgeRecipient), as armored age text in the output, or
    with -ShowPin in the output's pin property. PINs go to the binary on stdin only
    ({"pin","newPin"}), never on its command line.

    .PARAMETER NewPin
    The new PIN.

    .PARAMETER Pin
    The current PIN: changes the PIN instead of setting the first one.

    .PARAMETER Random
    Generate a random PIN (digits, no runs or common PINs).

    .PARAMETER PinLength
    Digits in a random PIN (default 8; raised to the key's minimum).

    .PARAMETER PinOutPath
    Write the generated PIN to this new file (mode 0600; never overwritten).

    .PARAMETER PinOutAgeRecipient
    Encrypt the generated PIN to these age recipients (age1...).

    .PARAMETER ShowPin
    Return the generated PIN in the output's pin property, as a SecureString. The binary
    printed it on stdout, so it was a plain string in this process's memory first: prefer
    -PinOutAgeRecipient.

    .PARAMETER ForcePinChange
    Then make the key demand a PIN change before use, so the user picks their own PIN.

    .PARAMETER Device
    The key (a Path from Get-EntraPasskeyDevice, or virtual:<state-file>).

    .PARAMETER Timeout
    Give up on the key after this long.

    .EXAMPLE
    Set-EntraPasskeyPin -NewPin (Read-Host -AsSecureString -Prompt 'New PIN')

    .EXAMPLE
    Set-EntraPasskeyPin -Random -PinOutPath .\adele-pin.age -PinOutAgeRecipient age1... -ForcePinChange

    A random PIN, encrypted for the user's delivery, and a forced change at first use.
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium', DefaultParameterSetName = 'NewPin')]
    [OutputType('EntraPasskey.KeyPreparation')]
    param(
        [Parameter(Mandatory, ParameterSetName = 'NewPin')][System.Security.SecureString]$NewPin,
        [Parameter(Mandatory, ParameterSetName = 'Random')][switch]$Random,
        [System.Security.SecureString]$Pin,
        [Parameter(ParameterSetName = 'Random')][ValidateRange(4, 63)][int]$PinLength,
        [Parameter(ParameterSetName = 'Random')][string]$PinOutPath,
        [Parameter(ParameterSetName = 'Random')][string[]]$PinOutAgeRecipient,
        [Parameter(ParameterSetName = 'Random')][switch]$ShowPin,
        [switch]$ForcePinChange,
        [Parameter(ValueFromPipelineByPropertyName)][Alias('Path')][string]$Device,
        [TimeSpan]$Timeout
    )

    process {
        $change = $PSBoundParameters.ContainsKey('Pin')
        $argv = @('pin', $(if ($change) { 'change' } else { 'set' })) + (Get-EntraPasskeyKeyArgument -BoundParameters $PSBoundParameters)
        if ($Random) { $argv += '--random' }
        if ($PSBoundParameters.ContainsKey('PinLength')) { $argv += '--pin-length', [string]$PinLength }
        if ($PinOutPath) { $argv += '--pin-out', (Resolve-EntraPasskeyPath -Path $PinOutPath) }
        foreach ($r in $PinOutAgeRecipient) { $argv += '--pin-out-age', $r }
        if ($ShowPin) { $argv += '--show-pin' }
        if ($ForcePinChange) { $argv += '--force-pin-change' }
        $target = if ($Device) { $Device } else { 'the security key' }
        $action = if ($change) { 'Change the PIN' } else { 'Set the first PIN' }
        if (-not $PSCmdlet.ShouldProcess($target, $action)) { return }
        $secrets = [ordered]@{}
        if ($change) { $secrets['pin'] = $Pin }
        if ($NewPin) { $secrets['newPin'] = $NewPin }
        $result = Invoke-EntraPasskeyCommand -ArgumentList $argv -SecretField $secrets -InputJson '{}' -Target $target `
            -TypeName 'EntraPasskey.KeyPreparation' -Activity "$action of $target"
        foreach ($doc in $result.Documents) {
            $shown = Get-EntraPasskeyField -InputObject $doc -Name 'pin'
            if ($null -ne $shown) {
                $secure = [System.Security.SecureString]::new()
                foreach ($c in ([string]$shown).ToCharArray()) { $secure.AppendChar($c) }
                $secure.MakeReadOnly()
                $doc.pin = $secure
            }
        }
        Write-EntraPasskeyResult -Cmdlet $PSCmdlet -Result $result
    }
}
