function Get-EntraPasskeyKeyCredential {
    <#
    .SYNOPSIS
    Lists the passkeys (discoverable credentials) a security key holds for Entra ID, each
    joined to its Entra method and user, or marked orphan when Entra no longer has it.

    .DESCRIPTION
    Runs 'entra-passkey key credentials' (the key's credential management, which needs
    the PIN). The output is one EntraPasskey.KeyCredential per credential, with the
    binary's fields (credentialId, userId: the user handle the key holds, userName,
    credProtect, status: registered, orphan or unknown, methodId, userPrincipalName) and
    the list's own, copied onto each credential: rpId, remaining (the discoverable
    credentials the key still has room for, $null when it does not say) and path (the
    key's path, so the objects pipe into Remove-EntraPasskeyKeyCredential with the key
    they came from). A summary line (rpId, count, remaining) goes to the information
    stream, also when the key holds nothing for the relying party (-InformationVariable).

    The join to Entra reads the users' FIDO2 methods with the connection's sign-in
    (Connect-EntraPasskey) or -UseMgGraph; -Offline reads only the key (status unknown).
    The PIN goes to the binary on stdin only; without -Pin PowerShell asks for it.

    .PARAMETER Device
    The key (a Path from Get-EntraPasskeyDevice, or virtual:<state-file>); binds from the
    pipeline. Needed when several keys are present.

    .PARAMETER Timeout
    Give up on the key after this long.

    .PARAMETER Pin
    The key's PIN.

    .PARAMETER RpId
    The relying party whose credentials to list (default login.microsoft.com).

    .PARAMETER Offline
    Read only the key: no sign-in, no Graph; every status is unknown.

    .PARAMETER UseMgGraph
    Use the Connect-MgGraph session's token for this call.

    .EXAMPLE
    Get-EntraPasskeyKeyCredential -Device virtual:key.json

    .EXAMPLE
    Get-EntraPasskeyKeyCredential | Where-Object status -eq orphan | Remove-EntraPasskeyKeyCredential

    Frees the key's slots held by passkeys Entra no longer knows; asks before each deletion.

    .EXAMPLE
    Get-EntraPasskeyKeyCredential -Offline -InformationVariable summary | Format-Table userName, credProtect
    $summary.MessageData

    What the key holds, without signing in, and how many slots are left.
    #>
    [CmdletBinding(DefaultParameterSetName = 'Graph')]
    [OutputType('EntraPasskey.KeyCredential')]
    param(
        [Parameter(ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('Path')]
        [string]$Device,
        [TimeSpan]$Timeout,
        [System.Security.SecureString]$Pin,
        [ValidateNotNullOrEmpty()][string]$RpId,
        [Parameter(ParameterSetName = 'Offline')][switch]$Offline,
        [Parameter(ParameterSetName = 'Graph')][switch]$UseMgGraph
    )

    begin {
        # A pipeline of keys is asked for each key's PIN once.
        $asked = @{}
    }

    process {
        $argv = @('key', 'credentials')
        if ($Offline) { $argv += '--offline' }
        if ($RpId) { $argv += '--rp-id', $RpId }
        $argv += Get-EntraPasskeyKeyArgument -BoundParameters $PSBoundParameters
        $target = if ($Device) { $Device } else { 'the security key' }
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
        $run = @{ ArgumentList = $argv; SecretField = $secrets; Target = $target; Activity = "Reading the passkeys on $target" }
        if (-not $Offline) { $run.Graph = $true; $run.UseMgGraph = [bool]$UseMgGraph }
        $r = Invoke-EntraPasskeyCommand @run
        foreach ($doc in $r.Documents) {
            $list = @{
                rpId      = Get-EntraPasskeyField -InputObject $doc -Name 'rpId'
                remaining = Get-EntraPasskeyField -InputObject $doc -Name 'remaining'
                path      = Get-EntraPasskeyField -InputObject $doc -Name 'path'
            }
            $credentials = @(Get-EntraPasskeyField -InputObject $doc -Name 'credentials') | Where-Object { $null -ne $_ }
            $left = if ($null -ne $list.remaining) { "$($list.remaining) more fit" } else { 'the key does not say how many more fit' }
            Write-Information -MessageData "$($list.rpId) on $(if ($list.path) { $list.path } else { $target }): $(@($credentials).Count) passkeys, $left" `
                -Tags 'EntraPasskey', 'summary'
            foreach ($c in $credentials) {
                foreach ($name in 'rpId', 'remaining', 'path') {
                    if ($null -eq $c.PSObject.Properties[$name]) { $c | Add-Member -NotePropertyName $name -NotePropertyValue $list[$name] }
                }
                $c.PSObject.TypeNames.Insert(0, 'EntraPasskey.KeyCredential')
                $c
            }
        }
        if ($r.Error) { $PSCmdlet.WriteError($r.Error) }
    }
}
