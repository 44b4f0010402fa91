<#
.SYNOPSIS
    Benchmarks retrieving a live org: Get-OrgMetadata -Source against the simulated org
    (tests/SandboxOps.Simulator) on 127.0.0.1 with a fixed latency per call, chunks one at a time against
    several at once. Replaces the "Retrieving a live org" section of bench/RESULTS.md.
.DESCRIPTION
    No Salesforce org can be reached from our machines: the simulator serves the generated org's Metadata
    API folder with the real call pattern (describe, list three queries a call, retrieve, polled
    checkRetrieveStatus) and adds the latency to every answer; each server-time model (-ServerMsPerComponent)
    gets its own simulator. Both modes retrieve the same chunks.
#>
param(
    [int] $Size = 30000,
    [int] $Runs = 3,
    [int] $LatencyMs = 200,
    [int] $Parallelism = 4,
    [int] $IncrementalRuns = 3,
    # Server time per retrieved component the simulator adds: 0 (zips only), 1 and 5 ms (see the text it writes).
    [double[]] $ServerMsPerComponent = @(0, 1, 5)
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
. (Join-Path $root 'tests/SandboxOps.Simulator/Simulator.ps1')
Import-Module $module
$files = (Get-ChildItem -Recurse -File $org).Count

# One simulated org per server-time model, all measurements of that model against it.
function Measure-Model([double] $MsPerComponent) {
    $simulator = Start-SimulatorProcess $org @('--latency-ms', $LatencyMs, '--retrieve-ms-per-component', $MsPerComponent) -Polls 1 -Configuration Release
    try {
        $null = Connect-SalesforceOrg -InstanceUrl $simulator.Url -AccessToken (ConvertTo-SecureString $simulator.AccessToken -AsPlainText -Force) -Alias bench
        $read = @{ Components = 0 }
        $modes = foreach ($mode in @(@{ Name = 'one chunk at a time (-Parallelism 1)'; Parallelism = 1 }, @{ Name = "$Parallelism chunks at once (-Parallelism $Parallelism)"; Parallelism = $Parallelism })) {
            Write-Host "==> $MsPerComponent ms per component: $($mode.Name), $Runs runs"
            $times = foreach ($i in 1..$Runs) {
                (Measure-Command { $read.Components = (Get-OrgMetadata -Source org:bench -Parallelism $mode.Parallelism | Measure-Object).Count }).TotalSeconds
            }
            [pscustomobject]@{ Mode = $mode.Name; Median = Get-Median $times; Min = ($times | Measure-Object -Minimum).Minimum }
        }

        # Incremental: a full snapshot of the org, then 1% of its components changed by a deploy (Apex
        # classes, whose bodies change), then the next snapshot of the same org into the same store.
        $changed = [int]($read.Components / 100)
        $incremental = foreach ($i in 1..$IncrementalRuns) {
            Write-Host "==> $MsPerComponent ms per component: snapshots, full, then after $changed changed components (run $i of $IncrementalRuns)"
            $store = Join-Path ([System.IO.Path]::GetTempPath()) ('sandboxops-bench-store-' + [guid]::NewGuid().ToString('N'))
            $package = Join-Path ([System.IO.Path]::GetTempPath()) ('sandboxops-bench-change-' + [guid]::NewGuid().ToString('N'))
            $full = (Measure-Command { $null = Export-OrgSnapshot -Source org:bench -Store $store -Parallelism $Parallelism }).TotalSeconds
            $classes = @(Get-ChildItem (Join-Path $org 'classes') -Filter '*.cls' | Select-Object -First $changed)
            New-Item -ItemType Directory (Join-Path $package 'classes') -Force | Out-Null
            $members = foreach ($class in $classes) {
                Set-Content (Join-Path $package "classes/$($class.Name)") "public class $($class.BaseName) { /* changed in run $i */ }"
                Copy-Item "$($class.FullName)-meta.xml" (Join-Path $package 'classes')
                "<members>$($class.BaseName)</members>"
            }
            Set-Content (Join-Path $package 'package.xml') "<?xml version=`"1.0`" encoding=`"UTF-8`"?><Package xmlns=`"http://soap.sforce.com/2006/04/metadata`"><types>$($members -join '')<name>ApexClass</name></types><version>62.0</version></Package>"
            if (-not (Publish-DeploymentPackage -Org bench -Package $package).Success) { throw 'The change could not be deployed to the simulator.' }
            $next = (Measure-Command { $null = Export-OrgSnapshot -Source org:bench -Store $store -Parallelism $Parallelism }).TotalSeconds
            Remove-Item -Recurse -Force $store, $package
            [pscustomobject]@{ Full = $full; Incremental = $next }
        }
        $null = Disconnect-SalesforceOrg -Org bench
        [pscustomobject]@{ MsPerComponent = $MsPerComponent; Components = $read.Components; Changed = $changed; Modes = $modes; Full = Get-Median @($incremental.Full); Incremental = Get-Median @($incremental.Incremental) }
    } finally {
        Stop-SimulatorProcess $simulator
    }
}

$models = foreach ($ms in $ServerMsPerComponent) { Measure-Model $ms }
$first = $models[0]
$lines = @($heading, '')
$lines += "Written by bench/Invoke-RetrieveBenchmark.ps1 on $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm')) UTC. The generated $($Size.ToString('N0'))-component org ($files files,"
$lines += "$($first.Components) components read back) served by the simulator on 127.0.0.1 with $LatencyMs ms added to every call. A retrieve job is done when"
$lines += 'its zip is built plus the server time per component it carries (children included) that the first column gives. Salesforce'
$lines += 'builds zips on its servers: its CLI polls a retrieve of N > 1,000 components every N ms, so it expects at least 1 ms a'
$lines += 'component, and users report up to a minute for a hundred or two Apex classes (hundreds of ms a component). With 0 the'
$lines += 'simulator builds zips on the same two cores as the client, work no number of parallel requests can speed up.'
$lines += 'Get-OrgMetadata -Source end to end (describe, list, retrieve, unzip, read), one session per model,'
$lines += "$Runs runs each, medians. No Salesforce org can be reached from these machines; the simulator stands in for one (see docs/architecture.md)."
$lines += ''
$lines += '| server time | retrieve | median s | fastest s | speed-up |'
$lines += '|---|---|---:|---:|---:|'
foreach ($model in $models) {
    foreach ($mode in $model.Modes) {
        $lines += "| $($model.MsPerComponent) ms/component | $($mode.Mode) | $($mode.Median.ToString('0.00')) | $($mode.Min.ToString('0.00')) | $(($model.Modes[0].Median / $mode.Median).ToString('0.00'))x |"
    }
}
$lines += ''
$lines += "Incremental snapshots: Export-OrgSnapshot -Source of the same org into the same store, after a deploy changed $($first.Changed) Apex classes (1% of the"
$lines += "components; $($first.Changed * 2) of its $files files), $IncrementalRuns runs per model, medians. The second snapshot lists the org, retrieves only what"
$lines += 'changed, and reads the rest from the first snapshot.'
$lines += ''
$lines += '| server time | full snapshot s | incremental s | incremental vs full |'
$lines += '|---|---:|---:|---:|'
foreach ($model in $models) {
    $lines += "| $($model.MsPerComponent) ms/component | $($model.Full.ToString('0.00')) | $($model.Incremental.ToString('0.00')) | $(($model.Full / $model.Incremental).ToString('0.00'))x faster |"
}
$lines += ''

Set-ResultsSection $results $heading $lines
