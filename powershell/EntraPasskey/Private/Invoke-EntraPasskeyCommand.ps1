function Invoke-EntraPasskeyCommand {
    <#
    .SYNOPSIS
    What every cmdlet does to run one job: the connection's sign-in flags added (-Graph),
    one binary process (Invoke-EntraPasskeyBinary), its own progress bar, the error's
    target set to the user or key worked on, and a key that Windows hides from a process
    that is not elevated reported as elevation_required. Returns Documents (typed with
    -TypeName) and Error; the cmdlet writes them (Write-EntraPasskeyResult).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)][string[]]$ArgumentList,
        [string]$Target,
        [string]$TypeName,
        [switch]$Graph,
        [switch]$UseMgGraph,
        [AllowEmptyString()][AllowNull()][string]$InputJson,
        [System.Collections.IDictionary]$SecretField,
        [switch]$JsonLines,
        [switch]$KeepDocumentOnError,
        [string]$Activity = 'entra-passkey',
        [int]$ParentProgressId = -1
    )

    # Windows PowerShell's -Debug means Inquire: a question per debug line while the
    # child runs. Continue is what -Debug is for here.
    if ($DebugPreference -eq 'Inquire') { $DebugPreference = 'Continue' }

    $argv = [System.Collections.Generic.List[string]]::new([string[]]$ArgumentList)
    $environment = @{}
    if ($Graph) {
        $connection = Get-EntraPasskeyConnectionArgument -UseMgGraph:$UseMgGraph
        if ($connection.Error) {
            $connection.Error.CategoryInfo.TargetName = $Target
            return [pscustomobject]@{ Documents = @(); Error = $connection.Error }
        }
        # Flags go before a '--' that ends them (method ids may start with '-').
        $at = $argv.IndexOf('--')
        if ($at -lt 0) { $at = $argv.Count }
        $argv.InsertRange($at, [string[]]$connection.Arguments)
        $environment = $connection.SecretEnvironment
    }

    $script:ProgressCounter++
    $run = @{
        ArgumentList        = $argv.ToArray()
        InputJson           = $InputJson
        SecretField         = $SecretField
        SecretEnvironment   = $environment
        JsonLines           = $JsonLines
        KeepDocumentOnError = $KeepDocumentOnError
        Target              = $Target
        Activity            = $Activity
        ProgressId          = 100 + $script:ProgressCounter
        ParentProgressId    = $ParentProgressId
    }
    $result = Invoke-EntraPasskeyBinary @run

    if ($result.Error -and $result.Error.FullyQualifiedErrorId -in 'no_device', 'device_not_found', 'device_error') {
        $device = $argv.IndexOf('--device')
        $virtual = $device -ge 0 -and $device + 1 -lt $argv.Count -and $argv[$device + 1].StartsWith('virtual:')
        if (-not $virtual -and -not (Test-EntraPasskeyElevation)) {
            $result.Error = ConvertTo-EntraPasskeyErrorRecord -Code 'elevation_required' -ExitCode 82 -CategoryFromExitCode -Target $Target `
                -Message "$($result.Error.Exception.Message) (Windows lets only an elevated process reach FIDO security keys)" `
                -Hint 'run PowerShell as Administrator (Windows 10 1903 and later hide FIDO keys from other processes)'
        }
    }
    foreach ($doc in $result.Documents) {
        if ($TypeName -and $doc -is [System.Management.Automation.PSObject]) { $doc.PSObject.TypeNames.Insert(0, $TypeName) }
    }
    $result
}
