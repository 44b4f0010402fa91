<#
.SYNOPSIS
    Benchmarks Get-PipelineDrift on a pipeline of five generated 100k-component environments and a repository
    against reading each place once with hashes (Get-OrgMetadata). Writes its section of bench/RESULTS.md.
.DESCRIPTION
    Run through build.ps1 -Task Bench, which builds the module first. The places are the generated pairs the
    drift benchmark uses (seed 42): production is the source org, UAT the everyday 1% drift of it, integration
    the noisy pair's target (every object file rewritten in another order), development the heavily drifted
    target, the hotfix environment a hard-linked copy of production, and the repository UAT's DX project. All
    timings run in one pwsh after an import and a warm-up, as medians of several runs:
      - reading each of the six places once with hashes (Get-OrgMetadata, one after the other);
      - Get-PipelineDrift without a store (every place read once, in parallel, and 13 links compared);
      - Get-PipelineDrift -Store into a fresh store, then again after 1% of the hotfix environment's files
        changed (written as new files, so the hard-linked production is untouched).
#>
param(
    [int] $Size = 100000,
    [int] $Runs = 3,
    [int] $StoreRuns = 2,
    [int] $Seed = 42
)

$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
$module = Join-Path $root 'out/SandboxOps/SandboxOps.psd1'
$data = Join-Path $root 'bench/data'
$results = Join-Path $root 'bench/RESULTS.md'
$heading = '## Pipeline drift: five 100k environments and a repository'
$env:NO_COLOR = '1'

. (Join-Path $PSScriptRoot 'BenchCommon.ps1')

Build-Generator
$label = "{0}k" -f ($Size / 1000)
$standard = Join-Path $data $label
$noisy = Join-Path $data "$label-noisy"
$heavy = Join-Path $data "$label-heavy"
Initialize-GeneratedPair $Size $Seed 'Standard' $standard
Initialize-GeneratedPair $Size $Seed 'Noisy' $noisy
Initialize-GeneratedPair $Size $Seed 'Heavy' $heavy

$work = Join-Path $data "$label-pipeline"
if (Test-Path $work) { Remove-Item -Recurse -Force $work }
New-Item -ItemType Directory $work | Out-Null
$hotfix = Join-Path $work 'hotfix'
& cp -al (Join-Path $standard 'source-mdapi') $hotfix
$pipeline = Join-Path $work 'pipeline.json'
$places = [ordered]@{
    dev = Join-Path $heavy 'target-mdapi'; int = Join-Path $noisy 'target-mdapi'; uat = Join-Path $standard 'target-mdapi'
    hotfix = $hotfix; prod = Join-Path $standard 'source-mdapi'; repository = Join-Path $standard 'target-sfdx'
}
@"
{ "name": "Bench",
  "repository": { "path": "$($places.repository)" },
  "environments": [
    { "name": "dev", "type": "Developer", "role": "Development", "location": "$($places.dev)" },
    { "name": "int", "type": "Partial", "role": "Integration", "location": "$($places.int)" },
    { "name": "uat", "type": "Full", "role": "UAT", "location": "$($places.uat)" },
    { "name": "hotfix", "type": "Full", "role": "Hotfix", "location": "$($places.hotfix)" },
    { "name": "prod", "type": "Production", "role": "Production", "location": "$($places.prod)" } ],
  "promotions": [ { "from": "dev", "to": "int" }, { "from": "int", "to": "uat" }, { "from": "uat", "to": "prod" }, { "from": "hotfix", "to": "prod" } ],
  "backPromotions": [ { "from": "prod", "to": "uat" }, { "from": "prod", "to": "int" }, { "from": "prod", "to": "dev" }, { "from": "prod", "to": "hotfix" } ] }
"@ | Set-Content $pipeline

Write-Host '==> warming the page cache'
foreach ($place in $places.Values) { Get-ChildItem $place -Recurse -File | ForEach-Object { [System.IO.File]::ReadAllBytes($_.FullName).Length } | Out-Null }

$script = Join-Path ([System.IO.Path]::GetTempPath()) 'sandboxops-bench-pipeline.ps1'
Set-Content $script @'
param($Module, $Pipeline, $Places, $Hotfix, $Work, $Runs, $StoreRuns, $Output)
Import-Module $Module
$places = $Places -split ';'
function Read-Each { foreach ($place in $places) { $null = Get-OrgMetadata $place } }
function Change-Hotfix {
    # 1% of the hotfix environment's components, each changed in meaning, written as new files: every 100th
    # label of each object file (its fields), and a line of code or a label in every 100th other file.
    $files = @(Get-ChildItem $Hotfix -Recurse -File | Where-Object { $_.Name -notlike '*-meta.xml' -and $_.Name -ne 'package.xml' } | Sort-Object FullName)
    $i = 0
    foreach ($file in $files) {
        $text = [System.IO.File]::ReadAllText($file.FullName)
        $edited = if ($file.Name.EndsWith('.object')) {
            $count = @{ n = 0 } # a table, so the match evaluator's scope increments the same counter
            ([regex]'<label>').Replace($text, { param($m) if (++$count.n % 100 -eq 0) { '<label>Changed ' } else { $m.Value } })
        } elseif ($i++ % 100 -ne 0) { $text }
        elseif ($file.Name.EndsWith('.cls')) { $text + "`n// changed by the benchmark`n" }
        else { ([regex]'<label>').Replace($text, '<label>Changed ', 1) }
        if ($edited -eq $text) { continue }
        Remove-Item $file.FullName # a new file: production's hard-linked one stays as it was
        [System.IO.File]::WriteAllText($file.FullName, $edited)
    }
}
Read-Each
$null = Get-PipelineDrift $Pipeline
$read = foreach ($i in 1..$Runs) { (Measure-Command { Read-Each }).TotalSeconds }
$drift = foreach ($i in 1..$Runs) { (Measure-Command { $script:result = @(Get-PipelineDrift $Pipeline) }).TotalSeconds }
$firstStore = @(); $secondStore = @()
foreach ($i in 1..$StoreRuns) {
    $store = Join-Path $Work "store-$i"
    $firstStore += (Measure-Command { $null = @(Get-PipelineDrift $Pipeline -Store $store) }).TotalSeconds
    Change-Hotfix
    $secondStore += (Measure-Command { $script:second = @(Get-PipelineDrift $Pipeline -Store $store) }).TotalSeconds
}
[pscustomobject]@{
    Read = $read; Drift = $drift; FirstStore = $firstStore; SecondStore = $secondStore
    Links = $result.Count; Differences = ($result | Measure-Object Total -Sum).Sum
    HotfixToProd = ($second | Where-Object { $_.From -eq 'hotfix' -and $_.To -eq 'prod' }).Total
    PeakMB = [math]::Round([System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB)
} | ConvertTo-Json | Set-Content $Output
'@
$output = [System.IO.Path]::GetTempFileName()
Write-Host '==> timing reads, drift runs and store runs'
dotnet pwsh -NoProfile -NonInteractive -File $script -Module $module -Pipeline $pipeline -Places ($places.Values -join ';') -Hotfix $hotfix -Work $work -Runs $Runs -StoreRuns $StoreRuns -Output $output
if ($LASTEXITCODE) { throw 'The pipeline benchmark failed.' }
$measured = Get-Content -Raw $output | ConvertFrom-Json
Remove-Item $output

$read = Get-Median ([double[]]$measured.Read)
$drift = Get-Median ([double[]]$measured.Drift)
$first = Get-Median ([double[]]$measured.FirstStore)
$second = Get-Median ([double[]]$measured.SecondStore)
Set-ResultsSection $results $heading @(
    $heading
    ''
    "Written by ``bench/Invoke-PipelineBenchmark.ps1`` on $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm')) UTC. Five environments of $($Size.ToString('N0')) generated components (folders, Metadata API format: production, UAT with the everyday 1% drift, integration with every object file rewritten in another order, development heavily drifted, hotfix a copy of production) and the repository (UAT's DX project); $($measured.Links) links ($($measured.Differences) differences in all). Medians of $Runs runs in one pwsh after a warm-up; the store runs $StoreRuns times each, each time into a fresh store."
    ''
    '| measure | seconds | ratio |'
    '|---|---:|---:|'
    ('| reading each of the 6 places once with hashes (Get-OrgMetadata, one after the other) | {0:N2} | 1.00x |' -f $read)
    ('| Get-PipelineDrift (6 places read once, 13 links) | {0:N2} | {1:N2}x of the reads |' -f $drift, ($drift / $read))
    ('| Get-PipelineDrift -Store, first run (every place recorded as a snapshot) | {0:N2} | {1:N2}x of the reads |' -f $first, ($first / $read))
    ('| Get-PipelineDrift -Store again, after {0} components (1%) of the hotfix environment changed | {1:N2} | {2:N2}x of the first |' -f $measured.HotfixToProd, $second, ($second / $first))
    ''
    "Peak working set of the session: $($measured.PeakMB) MB. The changed components are counted by the second run itself (hotfix against production)."
    ''
)
