<#
.SYNOPSIS
    Benchmarks reading, comparing, converting and checking (as one deployment package) a real project (NPSP,
    from ../shared/corpus) against Salesforce's own conversion of it (source-deploy-retrieve, as
    `sf project convert` runs it), on the same files in one run.
    Replaces the "Real projects" section of bench/RESULTS.md.
.DESCRIPTION
    Every tool runs as a whole process (node for SDR, pwsh for ours: start, import, work), several times;
    medians. SDR's time is what its runner reports for resolving and converting, and the process's wall time.
#>
param(
    [int] $Runs = 5
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
. (Join-Path $PSScriptRoot '../tests/Pester/TestHelpers.ps1')
$root = Split-Path -Parent $PSScriptRoot
$corpus = Join-Path $root '../shared/corpus'
$oracles = Install-SalesforceOracles $corpus (Join-Path $root 'out/oracles')
$results = Join-Path $root 'bench/RESULTS.md'
$heading = '## Real projects: NPSP read, compared, converted and checked, against Salesforce''s conversion of it'

$work = Join-Path ([System.IO.Path]::GetTempPath()) "sandboxops-realbench-$PID"
New-Item -ItemType Directory $work | Out-Null
try {
    $npsp = Join-Path $work 'npsp'
    git clone -q (Join-Path $corpus 'npsp.bundle') $npsp 2>$null
    git -C $npsp checkout -q sandbox 2>$null
    $mdapi = Join-Path $work 'mdapi'
    $roundTrip = Join-Path $work 'roundtrip'
    $files = @(git -C $npsp ls-files force-app).Count

    Push-Location $oracles
    try {
        $rows = @(
            Measure-External 'SDR to-mdapi (node sdr_convert.mjs: resolve + convert to Metadata API format)' @('node', 'sdr_convert.mjs', 'to-mdapi', (Join-Path $npsp 'force-app'), $mdapi) $Runs
            Measure-External 'SDR to-source (node sdr_convert.mjs: the conversion back)' @('node', 'sdr_convert.mjs', 'to-source', $mdapi, $roundTrip) $Runs
        )
    } finally { Pop-Location }

    $module = Join-Path $root 'out/SandboxOps/SandboxOps.psd1'
    function Measure-Ours([string] $Name, [string] $Expression) {
        $script = Join-Path $work 'ours.ps1'
        Set-Content $script "Import-Module '$module'; $Expression | Out-Null"
        Measure-External $Name @('dotnet', 'pwsh', '-NoProfile', '-NonInteractive', '-File', $script) $Runs
    }
    # A runbook converts in a pwsh that is already running: the conversions timed in one session, each into a new
    # folder, none deleted while others are timed (deleting 12,000 files keeps the disk busy into the next run).
    function Measure-ConvertInSession([string] $Name, [string] $Source, [string] $Format) {
        $script = Join-Path $work 'convert-session.ps1'
        $times = Join-Path $work 'convert-times.txt'
        Set-Content $script @"
Import-Module '$module'
`$times = foreach (`$i in 0..$Runs) {
    `$destination = Join-Path '$work' ('session-' + [guid]::NewGuid())
    (Measure-Command { Convert-OrgMetadata '$Source' -Destination `$destination -Format $Format -WarningAction SilentlyContinue | Out-Null }).TotalSeconds
}
`$times | Select-Object -Skip 1 | Set-Content '$times'
"@
        dotnet pwsh -NoProfile -NonInteractive -File $script
        if ($LASTEXITCODE) { throw "The in-session conversion of $Source failed." }
        $seconds = @(Get-Content $times | ForEach-Object { [double]$_ })
        [pscustomobject]@{ Tool = $Name; Median = Get-Median $seconds; Min = ($seconds | Measure-Object -Minimum).Minimum; PeakMB = ''; Runs = $Runs }
    }
    Push-Location $root
    try {
        $rows += Measure-Ours 'Get-OrgMetadata of the project (whole pwsh process)' "Get-OrgMetadata '$npsp'"
        $rows += Measure-Ours 'Compare-OrgMetadata project vs SDR''s conversion, -IgnoreWhitespace (whole process)' "Compare-OrgMetadata '$npsp' '$mdapi' -IgnoreWhitespace"
        $rows += Measure-Ours 'Compare-OrgMetadata project vs SDR''s conversion back to source (whole process)' "Compare-OrgMetadata '$npsp' '$roundTrip' -IgnoreWhitespace"
        $rows += Measure-Ours 'Convert-OrgMetadata of the project to Metadata API format (whole process)' "Convert-OrgMetadata '$npsp' -Destination (Join-Path '$work' ('ours-mdapi-' + [guid]::NewGuid())) -Format MetadataApi -WarningAction SilentlyContinue"
        $rows += Measure-Ours 'Convert-OrgMetadata of SDR''s conversion back to source format (whole process)' "Convert-OrgMetadata '$mdapi' -Destination (Join-Path '$work' ('ours-source-' + [guid]::NewGuid())) -Format Source -WarningAction SilentlyContinue"
        $rows += Measure-Ours 'Test-DeploymentPackage of the project as one package (whole process)' "Test-DeploymentPackage '$npsp' -ErrorAction SilentlyContinue -WarningAction SilentlyContinue"
        $rows += Measure-Ours 'pwsh start and Import-Module alone (whole process: the fixed cost in every row above)' '$null'
        $rows += Measure-External 'cp -r of force-app (writing the project''s files: the floor of any conversion)' @('sh', '-c', "cp -r '$npsp/force-app' `"`$(mktemp -d -p '$work')/copy`"") $Runs
        $rows += Measure-ConvertInSession 'Convert-OrgMetadata of the project to Metadata API format, in session (after Import-Module and one warm-up)' $npsp 'MetadataApi'
        $rows += Measure-ConvertInSession 'Convert-OrgMetadata of SDR''s conversion back to source format, in session' $mdapi 'Source'
    } finally { Pop-Location }
} finally {
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}

$sdr = $rows[0].Median
$lines = @(
    $heading
    ''
    "Written by ``bench/Invoke-RealProjectBenchmark.ps1`` on $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm')) UTC; NPSP at its ``sandbox`` tag ($files files under force-app), $Runs runs each, medians in seconds. Each row is a whole process (start-up included) unless it says in session; peak memory is for whole processes."
    ''
    '| tool | median s | fastest s | vs SDR to-mdapi | peak MB |'
    '|---|---:|---:|---:|---:|'
)
foreach ($row in $rows) {
    $lines += "| $($row.Tool) | $($row.Median.ToString('0.00')) | $($row.Min.ToString('0.00')) | $(($row.Median / $sdr).ToString('0.00'))x | $($row.PeakMB) |"
}
$read = ($rows | Where-Object Tool -like 'Get-OrgMetadata*').Median
$check = ($rows | Where-Object Tool -like 'Test-DeploymentPackage*').Median
$lines += ''
$copy = ($rows | Where-Object Tool -like 'cp -r*').Median
$converted = ($rows | Where-Object Tool -like 'Convert-OrgMetadata of the project to Metadata API format, in session*').Median
$lines += ''
$lines += "Conversion to Metadata API format in session: $(($converted / $sdr).ToString('0.00'))x SDR's and $(($converted / $copy).ToString('0.00'))x ``cp -r`` of the same files; the goal is 0.1x SDR. As whole processes every row of ours also pays pwsh's start and the import (the fixed-cost row)."
$lines += "Test-DeploymentPackage (every check, the project read once with its trees) against Get-OrgMetadata (the project read for its hashes): $(($check / $read).ToString('0.00'))x, whole processes; the goal is under 2x."
$lines += ''
$lines += 'What the rows agree on is held by tests/Pester/RealProjects.Tests.ps1: the same components on every side, and identical metadata but for the differences that test names.'
$lines += ''

Set-ResultsSection $results $heading $lines
