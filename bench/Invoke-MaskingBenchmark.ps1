<#
.SYNOPSIS
    Benchmarks Protect-SandboxData on a generated Bulk API 2.0 export of about 1 GB (20 columns, 6 masked, quoted
    line breaks) against cat (the I/O floor) and a Python csv + hmac script applying the same rules. Writes its
    section of bench/RESULTS.md.
.DESCRIPTION
    Run through build.ps1 -Task Bench, which builds the module first. Needs python3. Each tool runs as its own
    process under GNU time (wall seconds, peak resident memory), $Runs times, page cache warm; medians are written.
#>
param(
    [long] $Bytes = 1GB,
    [int] $Runs = 3
)

$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
$module = Join-Path $root 'out/SandboxOps/SandboxOps.psd1'
$work = Join-Path $root 'bench/data/masking'
$results = Join-Path $root 'bench/RESULTS.md'
$heading = '## Masking a 1 GB export: Protect-SandboxData, Python csv + hmac, cat'
$scripts = Join-Path $PSScriptRoot 'masking'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')

New-Item -ItemType Directory -Force $work | Out-Null
$csv = Join-Path $work 'Contact.csv'
if (-not (Test-Path $csv) -or [math]::Abs((Get-Item $csv).Length - $Bytes) -gt 1MB) {
    Write-Host "==> generating $([math]::Round($Bytes / 1MB)) MB of Contact records"
    python3 (Join-Path $scripts 'generate.py') $Bytes $csv
    if ($LASTEXITCODE) { throw 'The generator failed.' }
}

$key = Join-Path $root 'docs/samples/data/sample.key'
$rules = Join-Path $scripts 'rules.json'
$rows = [long](((wc -l $csv) -split ' ')[0]) # lines, quoted line breaks included
Write-Host '==> timing cat, Python and Protect-SandboxData'
$cat = Measure-External 'cat (the I/O floor)' @('sh', '-c', "cat '$csv' > /dev/null") $Runs
$python = Measure-External 'Python csv + hmac' @('python3', (Join-Path $scripts 'mask.py'), $csv, (Join-Path $work 'python.csv'), $key) $Runs
$ours = Measure-External 'Protect-SandboxData (process: start, import, mask)' @('dotnet', 'pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $scripts 'protect.ps1'), '-Module', $module, '-Csv', $csv, '-Rules', $rules, '-Key', $key, '-Destination', (Join-Path $work 'masked')) $Runs
$mb = (Get-Item $csv).Length / 1MB

Set-ResultsSection $results $heading @(
    $heading
    ''
    "Written by ``bench/Invoke-MaskingBenchmark.ps1`` on $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm')) UTC. A generated Bulk API 2.0 Contact export of $([math]::Round($mb)) MB ($rows lines; 20 columns, every field quoted, a quarter of the records with a quoted line break), 6 columns masked (first and last name, e-mail, phone, street, description). Each tool is its own process; medians of $Runs runs, page cache warm."
    ''
    '| tool | seconds (median) | MB/s | peak MB | against Python | against cat |'
    '|---|---:|---:|---:|---:|---:|'
    foreach ($row in $cat, $python, $ours) {
        '| {0} | {1:N2} | {2:N0} | {3} | {4:N2}x | {5:N1}x |' -f $row.Tool, $row.Median, ($mb / $row.Median), $row.PeakMB, ($python.Median / $row.Median), ($row.Median / [math]::Max($cat.Median, 0.01))
    }
    ''
)
Write-Host "==> bench/RESULTS.md: masking section written"
