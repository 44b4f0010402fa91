<#
.SYNOPSIS
    Benchmarks Compare-OrgMetadata against diff -qr and git diff --no-index on generated orgs, and checks
    its result against the generator's ground truth. Writes bench/RESULTS.md.
.DESCRIPTION
    Run through build.ps1 -Task Bench, which builds the module first. For each size, a deterministic
    pair of orgs (source and a drifted target, in both formats) is generated under bench/data once per
    size and seed. Every tool runs on the same pair in this one run, several times; medians are reported,
    because these machines are noisy. Files are read once before timing so every tool meets a warm page cache.
#>
param(
    [int[]] $Sizes = @(10000, 100000),
    [int] $Runs = 5,
    [int] $Seed = 42
)

$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
$module = Join-Path $root 'out/SandboxOps/SandboxOps.psd1'
$data = Join-Path $root 'bench/data'
$env:NO_COLOR = '1'

. (Join-Path $PSScriptRoot 'BenchCommon.ps1')

# Snapshot runs: each in a new store; disk is what the store holds after each export.
$snapshotSession = @'
param($Module, $Source, $Target, $Runs, $Output)
Import-Module $Module
function Get-StoreMB($store) { [math]::Round(((Get-ChildItem -Recurse -File $store | Measure-Object Length -Sum).Sum) / 1MB, 1) }
$first = @(); $second = @(); $compare = @()
foreach ($i in 1..$Runs) {
    $store = Join-Path ([System.IO.Path]::GetTempPath()) ("sandboxops-store-" + [guid]::NewGuid().ToString('N'))
    $first += (Measure-Command { $a = Export-OrgSnapshot $Source -Store $store -Name first }).TotalSeconds
    $firstMB = Get-StoreMB $store
    $second += (Measure-Command { $null = Export-OrgSnapshot $Source -Store $store -Name second }).TotalSeconds
    $secondMB = (Get-StoreMB $store) - $firstMB
    $b = Export-OrgSnapshot $Target -Store $store -Name drifted
    $null = @(Compare-OrgMetadata $a $b)
    $compare += (Measure-Command { $null = @(Compare-OrgMetadata $a $b) }).TotalSeconds
    Remove-Item -Recurse -Force $store
}
[pscustomobject]@{ First = $first; Second = $second; Compare = $compare; FirstMB = $firstMB; SecondMB = $secondMB } | ConvertTo-Json | Set-Content $Output
'@
$snapshotScript = Join-Path ([System.IO.Path]::GetTempPath()) 'sandboxops-bench-snapshots.ps1'
Set-Content $snapshotScript $snapshotSession

Build-Generator

$sections = @()
foreach ($size in $Sizes) {
    $folder = Join-Path $data ("{0}k" -f ($size / 1000))
    Initialize-GeneratedPair $size $Seed 'Standard' $folder

    $source = Join-Path $folder 'source-mdapi'
    $target = Join-Path $folder 'target-mdapi'
    $sourceSfdx = Join-Path $folder 'source-sfdx'
    $targetSfdx = Join-Path $folder 'target-sfdx'
    $files = @(Get-ChildItem -Recurse -File $source).Count
    $bytes = (Get-ChildItem -Recurse -File $source | Measure-Object Length -Sum).Sum
    Write-Host "==> $size components: $files files, $([math]::Round($bytes / 1MB)) MB a side; warming the page cache"
    foreach ($tree in $source, $target, $sourceSfdx, $targetSfdx) { & diff -qr $tree $tree > $null }

    $rows = @()
    $rows += Measure-External 'diff -qr' @('diff', '-qr', $source, $target) $Runs
    $rows += Measure-External 'git diff --no-index --name-status' @('git', 'diff', '--no-index', '--name-status', $source, $target) $Runs
    $rows += Measure-External 'Compare-OrgMetadata, whole process (pwsh start, import, compare)' @('dotnet', 'pwsh', '-NoProfile', '-NonInteractive', '-Command', "Import-Module '$module'; `$null = @(Compare-OrgMetadata '$source' '$target')") $Runs

    $sessions = @{}
    foreach ($pair in @(@{ Name = 'same'; Source = $source; Target = $target; Runs = $Runs }, @{ Name = 'cross'; Source = $source; Target = $targetSfdx; Runs = [math]::Max(1, [math]::Min($Runs, [int](30000 / $size))) })) {
        Write-Host "==> in-session, $($pair.Name) format"
        $sessions[$pair.Name] = Measure-InSession $module $pair.Source $pair.Target $pair.Runs
    }

    $same = $sessions['same']; $cross = $sessions['cross']
    $rows += [pscustomobject]@{ Tool = 'Compare-OrgMetadata, in session, first run after Import-Module'; Median = [double]$same.Cold; Min = [double]$same.Cold; PeakMB = $same.PeakMB; Runs = 1 }
    $rows += [pscustomobject]@{ Tool = 'Compare-OrgMetadata, in session (Measure-Command, warm)'; Median = Get-Median $same.Times; Min = ($same.Times | Measure-Object -Minimum).Minimum; PeakMB = $same.PeakMB; Runs = $Runs }
    $rows += [pscustomobject]@{ Tool = 'Compare-OrgMetadata, in session, Metadata API vs source format'; Median = Get-Median $cross.Times; Min = ($cross.Times | Measure-Object -Minimum).Minimum; PeakMB = $cross.PeakMB; Runs = @($cross.Times).Count }

    $truth = Get-Truth $folder
    $agreement = @(
        Get-Agreement 'same format (Metadata API both sides)' $truth $same.Result
        Get-Agreement 'Metadata API vs source format' $truth $cross.Result
    )

    # Snapshots: cp -r of the same tree against a first export, then a second export of the unchanged
    # org into the same store, and a compare of two snapshots of one store.
    $copyTimes = foreach ($i in 1..$Runs) {
        $copy = Join-Path ([System.IO.Path]::GetTempPath()) ("sandboxops-cp-" + [guid]::NewGuid().ToString('N'))
        $report = [System.IO.Path]::GetTempFileName()
        & /usr/bin/time -f '%e' -o $report cp -r $source $copy
        [double](Get-Content $report -Tail 1)
        Remove-Item $report; Remove-Item -Recurse -Force $copy
    }
    $output = [System.IO.Path]::GetTempFileName()
    $snapshotRuns = [math]::Max(1, [math]::Min($Runs, [int](300000 / $size)))
    Write-Host "==> snapshots ($snapshotRuns runs)"
    dotnet pwsh -NoProfile -NonInteractive -File $snapshotScript -Module $module -Source $source -Target $target -Runs $snapshotRuns -Output $output
    $snap = Get-Content -Raw $output | ConvertFrom-Json
    Remove-Item $output
    $snapshotRows = @(
        [pscustomobject]@{ Tool = 'cp -r (one side)'; Median = Get-Median $copyTimes; Disk = $bytes / 1MB }
        [pscustomobject]@{ Tool = 'Export-OrgSnapshot, first snapshot into an empty store'; Median = Get-Median $snap.First; Disk = $snap.FirstMB }
        [pscustomobject]@{ Tool = 'Export-OrgSnapshot, second snapshot of the unchanged org'; Median = Get-Median $snap.Second; Disk = $snap.SecondMB }
        [pscustomobject]@{ Tool = 'Compare-OrgMetadata, snapshot against snapshot (in session)'; Median = Get-Median $snap.Compare; Disk = $null }
    )

    $diff = ($rows | Where-Object Tool -eq 'diff -qr').Median
    $sections += [pscustomobject]@{ Size = $size; Files = $files; Bytes = $bytes; Rows = $rows; Diff = $diff; Agreement = $agreement; Snapshots = $snapshotRows; SnapshotRuns = $snapshotRuns }
}

# The header and this script's own sections are replaced; the sections the other bench scripts write stay.
$results = Join-Path $root 'bench/RESULTS.md'
$header = @(
    '# Benchmark results'
    ''
    "Written by ``build.ps1 -Task Bench`` on $(Get-Date -AsUTC -Format 'yyyy-MM-dd HH:mm') UTC; $([Environment]::ProcessorCount) cores, $([math]::Round((Get-Content /proc/meminfo -TotalCount 1).Split(' ', [StringSplitOptions]::RemoveEmptyEntries)[1] / 1MB)) GiB, $(dotnet --version) SDK."
    "Every tool ran on the same generated pair (seed $Seed) in this one run, $Runs times unless noted; times are medians in seconds, with"
    'the fastest run beside them. The page cache was warm for every tool. Peak memory is the peak resident set of the process'
    '(for in-session runs: the whole pwsh process, PowerShell included). "First run" is the first compare after Import-Module'
    'in a fresh session (what a runbook pays, JIT included); "warm" is the median after two more warm-up runs.'
    ''
)
$existing = if (Test-Path $results) { Get-Content -Raw $results } else { '' }
$firstSection = $existing.IndexOf("`n## ")
Set-Content -Path $results -Value (@($header) + @(if ($firstSection -ge 0) { $existing.Substring($firstSection + 1) }))
foreach ($section in $sections) {
    $heading = "## $($section.Size.ToString('N0')) components: $($section.Files.ToString('N0')) files, $([math]::Round($section.Bytes / 1MB).ToString('N0')) MB a side"
    $lines = @($heading, '', '| tool | median s | fastest s | vs diff -qr | peak MB |', '|---|---:|---:|---:|---:|')
    foreach ($row in $section.Rows) {
        $lines += "| $($row.Tool) | $($row.Median.ToString('0.000')) | $($row.Min.ToString('0.000')) | $(($row.Median / $section.Diff).ToString('0.00'))x | $($row.PeakMB) |"
    }
    $lines += ''
    $lines += Format-Agreement $section.Agreement
    $copy = ($section.Snapshots | Where-Object Tool -like 'cp -r*').Median
    $firstDisk = ($section.Snapshots | Where-Object Tool -like '*first snapshot*').Disk
    $lines += "| snapshots ($($section.SnapshotRuns) runs) | median s | vs cp -r | disk MB | disk vs first |"
    $lines += '|---|---:|---:|---:|---:|'
    foreach ($row in $section.Snapshots) {
        $disk = if ($null -eq $row.Disk) { '' } else { [math]::Round($row.Disk, 1) }
        $share = if ($row.Tool -like '*second*') { (100 * $row.Disk / $firstDisk).ToString('0.0') + '%' } else { '' }
        $lines += "| $($row.Tool) | $($row.Median.ToString('0.000')) | $(($row.Median / $copy).ToString('0.00'))x | $disk | $share |"
    }
    $lines += ''
    Set-ResultsSection $results $heading $lines
}
Set-ResultsSection $results '## What the tools do' @(
    '## What the tools do'
    ''
    '- `diff -qr` reads both trees and names the files that differ: it knows nothing of XML, formats or components, reports every'
    '  noise-only rewrite as a difference, and cannot compare a retrieve with a DX project at all.'
    '- `git diff --no-index --name-status` does the same work with git''s machinery.'
    '- `Compare-OrgMetadata` reports components (a changed field, not a changed object file), ignores noise, and also compares'
    '  across formats (the last row: a file that is the same in both formats, a profile or a class, is compared by its bytes;'
    '  an object file''s children are hashed one by one and matched by key with the project''s field files).'
    ''
)
