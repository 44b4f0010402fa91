<#
.SYNOPSIS
    Benchmarks retrieving a live org: Get-OrgMetadata -Org against the simulated org
    (tests/SandboxOps.Simulator) on 127.0.0.1 with a fixed latency per call, chunks one at a time against
    several at once. Replaces the "Retrieving a live org" section of bench/RESULTS.md.
.DESCRIPTION
    No Salesforce org can be reached from our machines: the simulator serves the generated org's Metadata
    API folder with the real call pattern (describe, list three queries a call, retrieve, polled
    checkRetrieveStatus) and adds the latency to every answer. Both modes retrieve the same chunks.
#>
param(
    [int] $Size = 30000,
    [int] $Runs = 3,
    [int] $LatencyMs = 200,
    [int] $Parallelism = 4,
    [int] $IncrementalRuns = 2
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
$root = Split-Path -Parent $PSScriptRoot
$module = Join-Path $root 'out/SandboxOps/SandboxOps.psd1'
$results = Join-Path $root 'bench/RESULTS.md'
$heading = '## Retrieving a live org (simulated): chunks in parallel against one at a time'
$folder = Join-Path $root ("bench/data/{0}k" -f ($Size / 1000))
$org = Join-Path $folder 'source-mdapi'

if (-not (Test-Path $org)) {
    Write-Host "==> generating $Size components"
    dotnet run --project (Join-Path $root 'bench/Generator/SandboxOps.Bench.Generator.csproj') -c Release -- $Size 42 $folder
    if ($LASTEXITCODE) { throw 'The generator failed.' }
}

Write-Host '==> building the simulator'
dotnet build (Join-Path $root 'tests/SandboxOps.Simulator') -c Release --nologo -v quiet | Out-Null
if ($LASTEXITCODE) { throw 'The simulator did not build.' }
$simulator = Join-Path $root 'tests/SandboxOps.Simulator/bin/Release/net10.0/SandboxOps.Simulator.dll'
$token = 'bench!' + [guid]::NewGuid().ToString('N')
$start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
foreach ($argument in @($simulator, '--org', $org, '--latency-ms', $LatencyMs, '--access-token', $token, '--polls', '3')) { $start.ArgumentList.Add([string]$argument) }
$start.RedirectStandardInput = $true
$start.RedirectStandardOutput = $true
$start.UseShellExecute = $false
$process = [System.Diagnostics.Process]::Start($start)
try {
    $line = $process.StandardOutput.ReadLine()
    if ($line -notmatch '^Listening on (\S+)') { throw "The simulator did not start: $line" }
    $url = $Matches[1]
    Import-Module $module
    $null = Connect-SalesforceOrg -InstanceUrl $url -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -Alias bench
    $files = (Get-ChildItem -Recurse -File $org).Count
    $components = 0
    $modes = foreach ($mode in @(@{ Name = 'one chunk at a time (-Parallelism 1)'; Parallelism = 1 }, @{ Name = "$Parallelism chunks at once (-Parallelism $Parallelism)"; Parallelism = $Parallelism })) {
        Write-Host "==> $($mode.Name), $Runs runs"
        $times = foreach ($i in 1..$Runs) {
            (Measure-Command { $script:components = (Get-OrgMetadata -Org bench -Parallelism $mode.Parallelism | Measure-Object).Count }).TotalSeconds
        }
        [pscustomobject]@{ Mode = $mode.Name; Median = Get-Median $times; Min = ($times | Measure-Object -Minimum).Minimum }
    }

    # Incremental: a full snapshot of the org, then 1% of its components changed by a deploy (Apex
    # classes, whose bodies change), then the next snapshot of the same org into the same store.
    $changed = [int]($components / 100)
    $incremental = foreach ($i in 1..$IncrementalRuns) {
        Write-Host "==> snapshots: full, then after $changed changed components (run $i of $IncrementalRuns)"
        $store = Join-Path ([System.IO.Path]::GetTempPath()) ('sandboxops-bench-store-' + [guid]::NewGuid().ToString('N'))
        $package = Join-Path ([System.IO.Path]::GetTempPath()) ('sandboxops-bench-change-' + [guid]::NewGuid().ToString('N'))
        $full = (Measure-Command { $null = Export-OrgSnapshot -Source org:bench -Path $store -Parallelism $Parallelism }).TotalSeconds
        $classes = @(Get-ChildItem (Join-Path $org 'classes') -Filter '*.cls' | Select-Object -First $changed)
        New-Item -ItemType Directory (Join-Path $package 'classes') -Force | Out-Null
        $members = foreach ($class in $classes) {
            Set-Content (Join-Path $package "classes/$($class.Name)") "public class $($class.BaseName) { /* changed in run $i */ }"
            Copy-Item "$($class.FullName)-meta.xml" (Join-Path $package 'classes')
            "<members>$($class.BaseName)</members>"
        }
        Set-Content (Join-Path $package 'package.xml') "<?xml version=`"1.0`" encoding=`"UTF-8`"?><Package xmlns=`"http://soap.sforce.com/2006/04/metadata`"><types>$($members -join '')<name>ApexClass</name></types><version>62.0</version></Package>"
        if (-not (Publish-DeploymentPackage -Org bench -Path $package).Success) { throw 'The change could not be deployed to the simulator.' }
        $next = (Measure-Command { $null = Export-OrgSnapshot -Source org:bench -Path $store -Parallelism $Parallelism }).TotalSeconds
        Remove-Item -Recurse -Force $store, $package
        [pscustomobject]@{ Full = $full; Incremental = $next }
    }
} finally {
    $process.StandardInput.Close()
    if (-not $process.WaitForExit(10000)) { $process.Kill() }
}

$sequential = $modes[0].Median
$lines = @($heading, '')
$lines += "Written by bench/Invoke-RetrieveBenchmark.ps1 on $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm')) UTC. The generated $($Size.ToString('N0'))-component org ($files files,"
$lines += "$components components read back) served by the simulator on 127.0.0.1 with $LatencyMs ms added to every call and jobs that finish on"
$lines += "the third status check; Get-OrgMetadata -Org end to end (describe, list, retrieve, unzip, read), in one session, $Runs runs each, medians."
$lines += 'No Salesforce org can be reached from these machines; the simulator stands in for one (see docs/architecture.md).'
$lines += ''
$lines += '| retrieve | median s | fastest s | speed-up |'
$lines += '|---|---:|---:|---:|'
foreach ($mode in $modes) {
    $lines += "| $($mode.Mode) | $($mode.Median.ToString('0.00')) | $($mode.Min.ToString('0.00')) | $(($sequential / $mode.Median).ToString('0.00'))x |"
}
$lines += ''
$fullMedian = Get-Median @($incremental.Full)
$nextMedian = Get-Median @($incremental.Incremental)
$lines += "Incremental snapshots: Export-OrgSnapshot -Source of the same org into the same store, after a deploy changed $changed Apex classes (1% of the"
$lines += "components; $($changed * 2) of its $files files), $IncrementalRuns runs, medians. The second snapshot lists the org, retrieves only what changed, and takes the rest"
$lines += 'from the first snapshot.'
$lines += ''
$lines += '| snapshot of the org | median s | vs full |'
$lines += '|---|---:|---:|'
$lines += "| full (empty store) | $($fullMedian.ToString('0.00')) | 1.00x |"
$lines += "| incremental, after 1% changed | $($nextMedian.ToString('0.00')) | $(($fullMedian / $nextMedian).ToString('0.00'))x faster |"
$lines += ''

$existing = if (Test-Path $results) { Get-Content -Raw $results } else { '' }
$at = $existing.IndexOf($heading)
$kept = if ($at -ge 0) { $existing.Substring(0, $at).TrimEnd() } else { $existing.TrimEnd() }
Set-Content -Path $results -Value (@($kept, '') + $lines)
$lines | Write-Host
