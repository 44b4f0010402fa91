# Shared by the benchmark scripts.

function Get-Median([double[]] $values) {
    $sorted = @($values | Sort-Object)
    if ($sorted.Count % 2) { $sorted[[int][math]::Floor($sorted.Count / 2)] } else { ($sorted[$sorted.Count / 2 - 1] + $sorted[$sorted.Count / 2]) / 2 }
}

# Runs a command under GNU time: wall seconds and peak resident memory (KB) of the process tree's largest process.
function Measure-External([string] $Name, [string[]] $Command, [int] $Runs) {
    $times = @(); $memory = @()
    foreach ($i in 1..$Runs) {
        $report = [System.IO.Path]::GetTempFileName()
        & /usr/bin/time -f '%e %M' -o $report @Command > $null 2> $null
        $wall, $rss = (Get-Content $report -Tail 1).Split(' ')
        Remove-Item $report
        $times += [double]$wall; $memory += [double]$rss
    }
    [pscustomobject]@{ Tool = $Name; Median = Get-Median $times; Min = ($times | Measure-Object -Minimum).Minimum; PeakMB = [math]::Round((Get-Median $memory) / 1024); Runs = $Runs }
}

# The generated pairs: built once, regenerated when the size, seed, drift or generator version changes.
function Build-Generator {
    Write-Host '==> building the generator'
    dotnet build (Join-Path $PSScriptRoot 'Generator/SandboxOps.Bench.Generator.csproj') -c Release --nologo -v quiet | Out-Null
    if ($LASTEXITCODE) { throw 'The generator did not build.' }
}

function Initialize-GeneratedPair([int] $Size, [int] $Seed, [string] $Drift, [string] $Folder) {
    $truthFile = Join-Path $Folder 'ground-truth.json'
    $current = if (Test-Path $truthFile) { Get-Content -Raw $truthFile | ConvertFrom-Json } else { $null }
    $version = [int](Select-String -Path (Join-Path $PSScriptRoot 'Generator/Program.cs') -Pattern 'const int generatorVersion = (\d+)').Matches[0].Groups[1].Value
    if (-not $current -or $current.components -ne $Size -or $current.seed -ne $Seed -or $current.drift -ne $Drift -or $current.generatorVersion -ne $version) {
        Write-Host "==> generating $Size components (seed $Seed, $Drift drift)"
        dotnet run --project (Join-Path $PSScriptRoot 'Generator/SandboxOps.Bench.Generator.csproj') -c Release --no-build -- $Size $Seed $Folder $Drift
        if ($LASTEXITCODE) { throw 'The generator failed.' }
    }
}

function Get-Truth([string] $Folder) {
    $truth = (Get-Content -Raw (Join-Path $Folder 'ground-truth.json') | ConvertFrom-Json).truth
    [pscustomobject]@{
        Semantic = @($truth | Where-Object Status -ne 'Noise' | ForEach-Object { "$($_.Status) $($_.Type) $($_.FullName)" })
        Noise = @($truth | Where-Object Status -eq 'Noise' | ForEach-Object { "$($_.Type) $($_.FullName)" })
    }
}

# What a compare reported against the ground truth: missing and extra differences, noise reported as change.
function Get-Agreement([string] $Pair, $Truth, [string[]] $Result) {
    $Result = @($Result)
    $expected = [System.Collections.Generic.HashSet[string]]::new([string[]]$Truth.Semantic)
    $reported = [System.Collections.Generic.HashSet[string]]::new($Result)
    $noise = [System.Collections.Generic.HashSet[string]]::new([string[]]$Truth.Noise)
    [pscustomobject]@{
        Pair = $Pair; Expected = $expected.Count; Reported = $Result.Count
        Missing = @($Truth.Semantic | Where-Object { -not $reported.Contains($_) }).Count
        Extra = @($Result | Where-Object { -not $expected.Contains($_) }).Count
        NoiseReported = @($Result | Where-Object { $noise.Contains(($_ -replace '^\S+ ', '')) }).Count
        NoiseRewrites = $noise.Count
    }
}

# The agreement table of RESULTS.md, one row per compared pair.
function Format-Agreement($Agreements) {
    '| agreement with the ground truth | expected | reported | missing | extra | noise-only rewrites reported |'
    '|---|---:|---:|---:|---:|---:|'
    foreach ($a in $Agreements) {
        "| $($a.Pair) | $($a.Expected) | $($a.Reported) | $($a.Missing) | $($a.Extra) | $($a.NoiseReported) of $($a.NoiseRewrites) |"
    }
    ''
}

# In-session runs happen in one fresh pwsh: import once, time the first (cold) run, two more warm-up
# runs (tiered compilation settles), then the timed runs. Peak memory is the whole pwsh process's.
function Measure-InSession([string] $Module, [string] $Source, [string] $Target, [int] $Runs) {
    $script = Join-Path ([System.IO.Path]::GetTempPath()) 'sandboxops-bench-session.ps1'
    Set-Content $script @'
param($Module, $Source, $Target, $Runs, $Output)
Import-Module $Module
$cold = (Measure-Command { $null = @(Compare-OrgMetadata $Source $Target) }).TotalSeconds
if ($Runs -gt 1) { foreach ($i in 1..2) { $null = @(Compare-OrgMetadata $Source $Target) } }
$times = foreach ($i in 1..$Runs) { (Measure-Command { $script:result = @(Compare-OrgMetadata $Source $Target) }).TotalSeconds }
[pscustomobject]@{
    Cold = $cold
    Times = $times
    PeakMB = [math]::Round([System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB)
    Result = @($script:result | ForEach-Object { "$($_.Status) $($_.Type) $($_.FullName)" })
} | ConvertTo-Json -Depth 3 | Set-Content $Output
'@
    $output = [System.IO.Path]::GetTempFileName()
    try {
        dotnet pwsh -NoProfile -NonInteractive -File $script -Module $Module -Source $Source -Target $Target -Runs $Runs -Output $output
        if ($LASTEXITCODE) { throw "The in-session compare of $Source and $Target failed." }
        Get-Content -Raw $output | ConvertFrom-Json
    } finally {
        Remove-Item $output -ErrorAction SilentlyContinue
    }
}

# Replaces one "## " section of bench/RESULTS.md (or appends it), leaving the others as they are.
function Set-ResultsSection([string] $Results, [string] $Heading, [string[]] $Lines) {
    $existing = if (Test-Path $Results) { Get-Content -Raw $Results } else { '' }
    $start = $existing.IndexOf($Heading)
    $before = if ($start -ge 0) { $existing.Substring(0, $start).TrimEnd() } else { $existing.TrimEnd() }
    $next = if ($start -ge 0) { $existing.IndexOf("`n## ", $start + $Heading.Length) } else { -1 }
    $after = if ($next -ge 0) { $existing.Substring($next + 1) } else { '' }
    Set-Content -Path $Results -Value (@($before, '') + $Lines + @($after))
    $Lines | Write-Host
}
