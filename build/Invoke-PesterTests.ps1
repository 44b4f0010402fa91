<#
.SYNOPSIS
    Runs the Pester suite against the built module (out/SandboxOps) and writes the counts as JSON.
    Called by build.ps1 -Task Test in a fresh pwsh, because an imported binary module cannot be unloaded.
#>
param(
    [Parameter(Mandatory)] [string] $ResultPath
)

$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
$assets = Get-Content -Raw (Join-Path $root 'tests/Pester/obj/project.assets.json') | ConvertFrom-Json
$packageFolder = @($assets.packageFolders.PSObject.Properties.Name)[0]
Import-Module (Join-Path $packageFolder 'pester/5.7.1/tools/Pester.psd1') -Force

$configuration = New-PesterConfiguration
$configuration.Run.Path = Join-Path $root 'tests/Pester'
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
$result = Invoke-Pester -Configuration $configuration

# A block or file that fails before its tests run has no failed test to count: count it as one.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
[pscustomobject]@{ Passed = $result.PassedCount; Failed = $failed } | ConvertTo-Json | Set-Content -Path $ResultPath
exit ([int]($failed -gt 0))
