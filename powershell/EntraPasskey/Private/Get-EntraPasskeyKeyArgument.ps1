function Get-EntraPasskeyKeyArgument {
    <#
    .SYNOPSIS
    Turns -Device and -Timeout into the binary's --device and --timeout flags.
    #>
    [CmdletBinding()]
    [OutputType([string[]])]
    param([Parameter(Mandatory)][System.Collections.IDictionary]$BoundParameters)

    $argv = [System.Collections.Generic.List[string]]::new()
    if ($BoundParameters.ContainsKey('Device') -and $BoundParameters['Device']) {
        $argv.Add('--device')
        $argv.Add([string]$BoundParameters['Device'])
    }
    if ($BoundParameters.ContainsKey('Timeout')) {
        $argv.Add('--timeout')
        $argv.Add((ConvertTo-EntraPasskeyDuration -TimeSpan $BoundParameters['Timeout']))
    }
    , $argv.ToArray()
}
