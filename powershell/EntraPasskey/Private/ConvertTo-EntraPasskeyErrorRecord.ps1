function New-EntraPasskeyErrorRecord {
    <#
    .SYNOPSIS
    Builds the ErrorRecord for a failure: its ErrorId is the stable error code (the
    binary's, e.g. pin_invalid), its category follows the exit code, the hint becomes
    the recommended action, and TargetObject carries code, message, hint, retries and
    exit code for scripts.
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.ErrorRecord])]
    param(
        [Parameter(Mandatory)][string]$Code,
        [Parameter(Mandatory)][string]$Message,
        [string]$Hint,
        [Nullable[int]]$Retries,
        [int]$ExitCode = 1,
        [System.Management.Automation.ErrorCategory]$Category = [System.Management.Automation.ErrorCategory]::NotSpecified,
        [switch]$CategoryFromExitCode
    )

    if ($CategoryFromExitCode) {
        $Category = switch ($ExitCode) {
            80 { [System.Management.Automation.ErrorCategory]::InvalidArgument }
            82 { [System.Management.Automation.ErrorCategory]::InvalidOperation }
            83 { [System.Management.Automation.ErrorCategory]::PermissionDenied }
            101 { [System.Management.Automation.ErrorCategory]::ResourceUnavailable }
            130 { [System.Management.Automation.ErrorCategory]::OperationStopped }
            default { [System.Management.Automation.ErrorCategory]::NotSpecified }
        }
    }
    $detail = [pscustomobject]@{
        PSTypeName = 'EntraPasskey.Error'
        Code       = $Code
        Message    = $Message
        Hint       = $Hint
        Retries    = $Retries
        ExitCode   = $ExitCode
    }
    $exception = [System.InvalidOperationException]::new($Message)
    $exception.Data['Code'] = $Code
    $exception.Data['ExitCode'] = $ExitCode
    if ($null -ne $Retries) { $exception.Data['Retries'] = $Retries }
    $record = [System.Management.Automation.ErrorRecord]::new($exception, $Code, $Category, $detail)
    if ($Hint) {
        $record.ErrorDetails = [System.Management.Automation.ErrorDetails]::new($Message)
        $record.ErrorDetails.RecommendedAction = $Hint
    }
    $record
}
