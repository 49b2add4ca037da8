function Write-EntraPasskeyResult {
    <#
    .SYNOPSIS
    Sends a command's documents down the cmdlet's pipeline and writes its error once,
    as a non-terminating error (the next pipeline item goes on; -ErrorAction Stop makes
    it terminating). A document that comes with an error (Graph holds the method, a
    later step failed) goes out first: it must not be lost.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][System.Management.Automation.PSCmdlet]$Cmdlet,
        [Parameter(Mandatory)][object]$Result
    )

    foreach ($doc in $Result.Documents) { $doc }
    if ($Result.Error) { $Cmdlet.WriteError($Result.Error) }
}
