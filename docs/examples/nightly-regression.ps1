<#
.SYNOPSIS
    A nightly regression run of an org's Apex tests that fails on a new failure, a much slower test or coverage
    that dropped since the night before.
.DESCRIPTION
    Runs the org's local tests (Invoke-OrgTest), records the run in the store, and compares it with the previous
    recorded run (Compare-OrgTestRun). The first night only records. Returns one summary object; a regression is
    thrown, so `pwsh -File nightly-regression.ps1` exits 1 and the scheduler says so.
.EXAMPLE
    Connect-SalesforceOrg -Alias uat
    ./docs/examples/nightly-regression.ps1 -Org uat -Store /backups/snapshots
#>
[CmdletBinding()]
param(
    # The org whose tests run (connected in this session, or through the Salesforce CLI).
    [Parameter(Mandatory)] [string] $Org,
    # The snapshot store the runs are kept in.
    [Parameter(Mandatory)] [string] $Store,
    # How many times slower a test must be to count as a regression.
    [double] $SlowerBy = 2.0,
    # Where the module is; by default the one built in this repository.
    [string] $Module = (Join-Path $PSScriptRoot '../../out/SandboxOps/SandboxOps.psd1')
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Command Invoke-OrgTest -ErrorAction SilentlyContinue)) { Import-Module $Module }
if (-not (Get-SalesforceOrg | Where-Object Name -eq $Org)) { Connect-SalesforceOrg -Alias $Org | Out-Null }

# Failing tests are judged against last night's, not on their own: a test that failed yesterday too is no news.
$results = @(Invoke-OrgTest -Org $Org -Store $Store -ErrorAction SilentlyContinue)
$summary = [ordered]@{ Org = $Org; RunId = $results[0].RunId; Tests = $results.Count; Failed = @($results | Where-Object Outcome -ne 'Pass').Count; Changes = @() }
Write-Host "$Org`: $($summary.Tests) tests, $($summary.Failed) failing (run $($summary.RunId))."

try {
    # The regressions are read from the changes below; the command's own error about them is not needed here.
    $changes = @(Compare-OrgTestRun -Org $Org -Store $Store -SlowerBy $SlowerBy -ErrorAction SilentlyContinue)
} catch {
    if ($_.FullyQualifiedErrorId -notlike 'SandboxOps.Argument.NoBaselineRun*') { throw }
    Write-Host 'The first recorded run: nothing to compare with until tomorrow.'
    return [pscustomobject]$summary
}

$summary.Changes = $changes
$changes | Where-Object Change -eq 'Fixed' | ForEach-Object { Write-Host "Fixed: $($_.Test)" }
$regressions = @($changes | Where-Object IsRegression)
if ($regressions) {
    throw "Regressions in $Org since the last run: $(($regressions | ForEach-Object { "$($_.Change) $($_.Test) ($($_.Before) -> $($_.After))" }) -join '; ')"
}

[pscustomobject]$summary
