<#
.SYNOPSIS
    Benchmarks Compare-OrgMetadata where real orgs hurt: a heavily drifted pair, a noisy pair, and an org against
    its repository across formats, at 100,000 components. Writes its section of bench/RESULTS.md.
.DESCRIPTION
    Run through build.ps1 -Task Bench, which builds the module first. Two generated pairs (seed 42):
    Heavy, where 40% of the profiles (15 MB each) have 1% of their field permissions flipped and 40% of the objects
    have five fields changed, on top of the everyday 1% drift; and Noisy, where every object file lists its
    children in reverse order on top of it. Each compare runs in its own pwsh (import, a first run, two warm-ups,
    then the timed runs); its peak memory is that whole process's. The floors are diff -qr for the same format,
    and reading every byte of both trees (tar -cf - a b | wc -c) across formats, where an object file has no
    byte-for-byte twin in a DX object folder. Files are read once before timing so every tool meets a warm page cache.
#>
param(
    [int] $Size = 100000,
    [int] $Runs = 5,
    [int] $Seed = 42
)

$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
$module = Join-Path $root 'out/SandboxOps/SandboxOps.psd1'
$data = Join-Path $root 'bench/data'
$results = Join-Path $root 'bench/RESULTS.md'
$heading = '## Where real orgs hurt: heavily drifted, noisy, and org against repository'
$env:NO_COLOR = '1'

. (Join-Path $PSScriptRoot 'BenchCommon.ps1')

Build-Generator
$cases = @(
    @{ Drift = 'Heavy'; Name = 'heavily drifted, Metadata API both sides'; Target = 'target-mdapi'; Floor = 'diff' }
    @{ Drift = 'Noisy'; Name = 'noisy (every object file reordered), Metadata API both sides'; Target = 'target-mdapi'; Floor = 'diff' }
    @{ Drift = 'Noisy'; Name = 'noisy, org (Metadata API) against repository (source format)'; Target = 'target-sfdx'; Floor = 'tar' }
    @{ Drift = 'Heavy'; Name = 'heavily drifted, org (Metadata API) against repository (source format)'; Target = 'target-sfdx'; Floor = 'tar' }
)

$rows = foreach ($case in $cases) {
    $folder = Join-Path $data ("{0}k-{1}" -f ($Size / 1000), $case.Drift.ToLowerInvariant())
    Initialize-GeneratedPair $Size $Seed $case.Drift $folder
    $source = Join-Path $folder 'source-mdapi'
    $target = Join-Path $folder $case.Target
    Write-Host "==> $($case.Name): warming the page cache"
    # Through wc in sh: tar skips reading when it writes to /dev/null, and a PowerShell pipe would turn 2 GB into strings.
    & sh -c "tar -cf - '$source' '$target' 2>/dev/null | wc -c > /dev/null"
    $floor = if ($case.Floor -eq 'diff') {
        Measure-External 'diff -qr' @('diff', '-qr', $source, $target) $Runs
    } else {
        Measure-External 'tar -cf - a b \| wc -c' @('sh', '-c', "tar -cf - '$source' '$target' | wc -c") $Runs
    }
    Write-Host "==> $($case.Name): Compare-OrgMetadata in session"
    $ours = Measure-InSession $module $source $target $Runs
    # What a runbook's process pays: one compare after pwsh starts and imports the module, nothing before it.
    Write-Host "==> $($case.Name): one compare in its own process"
    $alone = Measure-External 'one compare' @('dotnet', 'pwsh', '-NoProfile', '-NonInteractive', '-Command', "Import-Module '$module'; `$null = @(Compare-OrgMetadata '$source' '$target')") 3
    $agreement = Get-Agreement $case.Name (Get-Truth $folder) $ours.Result
    [pscustomobject]@{
        Case = $case.Name; Floor = $floor; Median = Get-Median $ours.Times; Min = ($ours.Times | Measure-Object -Minimum).Minimum
        Cold = [double]$ours.Cold; PeakMB = $ours.PeakMB; Alone = $alone; Agreement = $agreement
    }
}

$lines = @(
    $heading
    ''
    "Written by ``bench/Invoke-DriftBenchmark.ps1`` on $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm')) UTC; generated pairs of $($Size.ToString('N0')) components (seed $Seed), $Runs runs of each tool, medians in seconds."
    'Heavy: 40% of the profiles (15 MB each) have 1% of their field permissions flipped and 40% of the objects five fields changed,'
    'on top of the everyday 1% drift. Noisy: every object file lists its children in reverse, on top of it. Compare-OrgMetadata runs'
    'in session (after Import-Module and two warm-up runs; "first run" is the one right after the import); "session peak" is that whole'
    'pwsh process''s after all its compares. "One compare alone" is a pwsh that starts, imports and compares once (3 runs, medians):'
    'what a runbook''s process pays, start-up included. The floor is `diff -qr` for the same format, and reading every byte of both'
    'trees across formats, where an object file and a DX object folder have no byte-for-byte twin.'
    ''
    '| case | floor | floor s | ours s (median) | fastest s | first run s | ours vs floor | session peak MB | one compare alone s | its peak MB |'
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|'
)
foreach ($row in $rows) {
    $lines += "| $($row.Case) | $($row.Floor.Tool) | $($row.Floor.Median.ToString('0.00')) | $($row.Median.ToString('0.00')) | $($row.Min.ToString('0.00')) | $($row.Cold.ToString('0.00')) | $(($row.Median / $row.Floor.Median).ToString('0.00'))x | $($row.PeakMB) | $($row.Alone.Median.ToString('0.00')) | $($row.Alone.PeakMB) |"
}
$lines += ''
$lines += Format-Agreement $rows.Agreement

Set-ResultsSection $results $heading $lines
