function Test-EntraPasskeyElevation {
    <#
    .SYNOPSIS
    False only on Windows in a process that is not elevated: since Windows 10 1903,
    libfido2 reaches FIDO HID keys only from an elevated process (Administrator).
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param()

    if (-not (Get-EntraPasskeyPlatform).IsWindows) { return $true }
    $identity = [System.Security.Principal.WindowsIdentity]::GetCurrent()
    try {
        $principal = [System.Security.Principal.WindowsPrincipal]::new($identity)
        $principal.IsInRole([System.Security.Principal.WindowsBuiltInRole]::Administrator)
    }
    finally {
        $identity.Dispose()
    }
}
