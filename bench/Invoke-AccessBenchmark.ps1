<#
.SYNOPSIS
    Benchmarks the offline access audit (Get-OrgAccessAudit) of a generated 100,000-component org against reading
    that org's profiles, permission sets and groups (Get-OrgMetadata -Type ...), in one pwsh session, and writes its
    section of bench/RESULTS.md.
.DESCRIPTION
    Run through build.ps1 -Task Bench, which builds the module first. The generated pair is the one
    Invoke-Benchmark.ps1 uses (seed 42), made when missing. Both commands run in one session after Import-Module and
    a warm-up of each, $Runs times; medians.
#>
param(
    [int] $Size = 100000,
    [int] $Seed = 42,
    [int] $Runs = 5
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
$root = Split-Path -Parent $PSScriptRoot
$results = Join-Path $root 'bench/RESULTS.md'
$heading = '## Access audit: who can change a 100,000-component org, against reading its permissions'
$folder = Join-Path $root "bench/data/$([int]($Size / 1000))k"
Build-Generator
Initialize-GeneratedPair $Size $Seed 'Standard' $folder
$org = Join-Path $folder 'source-mdapi'

$script = Join-Path ([System.IO.Path]::GetTempPath()) "sandboxops-access-bench-$PID.ps1"
Set-Content $script @"
Import-Module '$(Join-Path $root 'out/SandboxOps/SandboxOps.psd1')'
`$types = 'Profile', 'PermissionSet', 'PermissionSetGroup', 'MutingPermissionSet'
`$null = Get-OrgMetadata '$org' -Type `$types; `$null = Get-OrgAccessAudit '$org'
`$read = foreach (`$i in 1..$Runs) { (Measure-Command { `$null = Get-OrgMetadata '$org' -Type `$types }).TotalSeconds }
`$audit = foreach (`$i in 1..$Runs) { (Measure-Command { `$script:grants = @(Get-OrgAccessAudit '$org') }).TotalSeconds }
[pscustomobject]@{ Read = @(`$read); Audit = @(`$audit); Grants = `$grants.Count } | ConvertTo-Json -Compress
"@
try {
    $measured = (dotnet pwsh -NoProfile -NonInteractive -File $script | Select-Object -Last 1) | ConvertFrom-Json
} finally { Remove-Item $script -ErrorAction SilentlyContinue }

$read = Get-Median $measured.Read
$audit = Get-Median $measured.Audit
$profiles = @(Get-ChildItem (Join-Path $org 'profiles') -File).Count
$bytes = (Get-ChildItem (Join-Path $org 'profiles'), (Join-Path $org 'permissionsets') -File -ErrorAction SilentlyContinue | Measure-Object Length -Sum).Sum
Set-ResultsSection $results $heading @(
    $heading
    ''
    "Written by ``bench/Invoke-AccessBenchmark.ps1`` on $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm')) UTC; the generated $Size-component org (seed $Seed, Metadata API format: $profiles profiles, $([math]::Round($bytes / 1MB)) MB of profiles and permission sets), $Runs runs each in one session after a warm-up, medians in seconds."
    ''
    '| command | median s | vs reading |'
    '|---|---:|---:|'
    "| Get-OrgMetadata -Type Profile, PermissionSet, PermissionSetGroup, MutingPermissionSet (reading them) | $($read.ToString('0.00')) | 1.00x |"
    "| Get-OrgAccessAudit of the org ($($measured.Grants) grants) | $($audit.ToString('0.00')) | $(($audit / $read).ToString('0.00'))x |"
    ''
    'The goal is within 2x of reading. The audit streams past everything in a profile but its user permissions (and a group''s members), where reading hashes every entry.'
    ''
)
