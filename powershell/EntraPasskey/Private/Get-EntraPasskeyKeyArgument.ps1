function Get-EntraPasskeyKeyArgument {
    <#
    .SYNOPSIS
    Turns -Device and -Timeout into the binary's --device and --timeout flags (a
    software key's virtual:<file> resolved against PowerShell's location).
    #>
    [CmdletBinding()]
    [OutputType([string[]])]
    param([Parameter(Mandatory)][System.Collections.IDictionary]$BoundParameters)

    $argv = [System.Collections.Generic.List[string]]::new()
    if ($BoundParameters.Contains('Device') -and $BoundParameters['Device']) {
        $argv.Add('--device')
        $argv.Add((Resolve-EntraPasskeyPath -Path ([string]$BoundParameters['Device']) -Device))
    }
    if ($BoundParameters.Contains('Timeout')) {
        $argv.Add('--timeout')
        $argv.Add((ConvertTo-EntraPasskeyDuration -TimeSpan $BoundParameters['Timeout']))
    }
    , [string[]]$argv.ToArray()
}
