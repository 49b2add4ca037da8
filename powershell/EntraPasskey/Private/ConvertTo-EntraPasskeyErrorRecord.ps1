function ConvertTo-EntraPasskeyErrorRecord {
    <#
    .SYNOPSIS
    The ErrorRecord for one failure: its ErrorId is the stable error code (the binary's,
    e.g. pin_invalid), its category follows the exit code, the hint is the recommended
    action, CategoryInfo.TargetName names the user or key the cmdlet worked on, and
    TargetObject carries code, message, hint, retries, exit code, target and (when Graph
    holds a method although the command failed afterwards) the registration document.
    Returned, never thrown: the cmdlet writes it exactly once.
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.ErrorRecord])]
    param(
        [Parameter(Mandatory)][string]$Code,
        [Parameter(Mandatory)][AllowEmptyString()][string]$Message,
        [string]$Hint,
        [Nullable[int]]$Retries,
        [int]$ExitCode = 1,
        [System.Management.Automation.ErrorCategory]$Category = [System.Management.Automation.ErrorCategory]::NotSpecified,
        [switch]$CategoryFromExitCode,
        [string]$Target,
        [switch]$Registered,
        [object]$Document
    )

    if ($CategoryFromExitCode) {
        $Category = switch ($ExitCode) {
            3 { [System.Management.Automation.ErrorCategory]::WriteError }
            80 { [System.Management.Automation.ErrorCategory]::InvalidArgument }
            82 { [System.Management.Automation.ErrorCategory]::InvalidOperation }
            83 { [System.Management.Automation.ErrorCategory]::PermissionDenied }
            101 { [System.Management.Automation.ErrorCategory]::ResourceUnavailable }
            130 { [System.Management.Automation.ErrorCategory]::OperationStopped }
            default { [System.Management.Automation.ErrorCategory]::NotSpecified }
        }
    }
    if (-not $Message) { $Message = "entra-passkey failed: $Code" }
    $detail = [pscustomobject]@{
        PSTypeName = 'EntraPasskey.Error'
        Code       = $Code
        Message    = $Message
        Hint       = $Hint
        Retries    = $Retries
        ExitCode   = $ExitCode
        Target     = $Target
        Registered = [bool]$Registered
        Document   = $Document
    }
    $exception = [System.InvalidOperationException]::new($Message)
    $exception.Data['Code'] = $Code
    $exception.Data['ExitCode'] = $ExitCode
    if ($null -ne $Retries) { $exception.Data['Retries'] = $Retries }
    $record = [System.Management.Automation.ErrorRecord]::new($exception, $Code, $Category, $detail)
    $record.ErrorDetails = [System.Management.Automation.ErrorDetails]::new($Message)
    if ($Hint) { $record.ErrorDetails.RecommendedAction = $Hint }
    if ($Target) { $record.CategoryInfo.TargetName = $Target }
    $record
}
