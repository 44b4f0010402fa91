<#
.SYNOPSIS
    Benchmarks a back-promotion that merges: every profile of the 100k generated org changed on both sides, in
    different entries. Writes its section of bench/RESULTS.md.
.DESCRIPTION
    Run through build.ps1 -Task Bench, which builds the module first. The baseline is the generated source org
    (seed 42); production is it with every profile's 97th, 194th... field permission flipped, the sandbox with
    the entries 48 further flipped instead, so no entry is changed on both sides. The reference is the plan the
    same back-promotion makes when only production changed the profiles: the component-level plan, with nothing
    to merge. Both plans (-WhatIf) run in one pwsh, after an import and a warm-up, as medians of several runs;
    one real run (rollback snapshot, merge written, new baseline recorded) is timed once on a fresh copy. Copies
    are hard links but for the profiles, so the 1 GB org is not copied.
#>
param(
    [int] $Size = 100000,
    [int] $Runs = 3,
    [int] $Seed = 42
)

$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
$module = Join-Path $root 'out/SandboxOps/SandboxOps.psd1'
$data = Join-Path $root 'bench/data'
$results = Join-Path $root 'bench/RESULTS.md'
$heading = '## Back-promotion that merges: every profile changed on both sides'
$env:NO_COLOR = '1'

. (Join-Path $PSScriptRoot 'BenchCommon.ps1')

Build-Generator
$pair = Join-Path $data ("{0}k" -f ($Size / 1000))
Initialize-GeneratedPair $Size $Seed 'Standard' $pair
$base = Join-Path $pair 'source-mdapi'
$work = Join-Path $data ("{0}k-merge" -f ($Size / 1000))
if (Test-Path $work) { Remove-Item -Recurse -Force $work }
New-Item -ItemType Directory $work | Out-Null

Add-Type -TypeDefinition @'
namespace SandboxOpsBench
{
    using System.Linq;
    using System.Text.RegularExpressions;

    public static class PermissionFlips
    {
        private static readonly Regex Editable = new Regex("<fieldPermissions>\\s*<editable>(true|false)</editable>", RegexOptions.Compiled);

        // Flips the editable of every 97th field permission whose position modulo 97 is one of the offsets.
        public static string Flip(string profile, int[] offsets)
        {
            var count = 0;
            return Editable.Replace(profile, match =>
            {
                count++;
                if (!offsets.Contains(count % 97)) { return match.Value; }
                var value = match.Groups[1].Value;
                return match.Value.Replace(">" + value + "<", value == "true" ? ">false<" : ">true<");
            });
        }
    }
}
'@

# A hard-linked copy of the baseline whose profiles flip every 97th field permission from the given offsets.
function New-EditedCopy([string] $Name, [int[]] $Offsets) {
    $copy = Join-Path $work $Name
    & cp -al $base $copy
    if ($Offsets.Count -gt 0) {
        foreach ($profile in Get-ChildItem (Join-Path $copy 'profiles') -Filter '*.profile') {
            $text = [System.IO.File]::ReadAllText($profile.FullName)
            $edited = [SandboxOpsBench.PermissionFlips]::Flip($text, $Offsets)
            Remove-Item $profile.FullName # a new file: the baseline's linked one stays as it was
            [System.IO.File]::WriteAllText($profile.FullName, $edited)
        }
    }

    $copy
}

Write-Host '==> preparing production, the sandbox and the baseline snapshot'
$production = New-EditedCopy 'production' 0
$sandbox = New-EditedCopy 'sandbox' 48
$untouched = New-EditedCopy 'sandbox-untouched' @()
$expected = New-EditedCopy 'expected' 0, 48
$store = Join-Path $work 'store'

$script = Join-Path ([System.IO.Path]::GetTempPath()) 'sandboxops-bench-merge.ps1'
Set-Content $script @'
param($Module, $Base, $Production, $Sandbox, $Untouched, $Expected, $Store, $Runs, $Output)
Import-Module $Module
$null = Export-OrgSnapshot $Base -Store $Store -BaselineFor $Production, $Sandbox
$null = Export-OrgSnapshot $Base -Store $Store -BaselineFor $Production, $Untouched
function Plan($Target) { @(Invoke-BackPromotion -Source $Production -Target $Target -Store $Store -WhatIf -WarningAction SilentlyContinue -InformationAction SilentlyContinue 6>$null) }
$null = Plan $Sandbox
$null = Plan $Untouched
$merging = foreach ($i in 1..$Runs) { (Measure-Command { $script:plan = Plan $Sandbox }).TotalSeconds }
$componentLevel = foreach ($i in 1..$Runs) { (Measure-Command { $null = Plan $Untouched }).TotalSeconds }
$real = (Measure-Command { $script:done = @(Invoke-BackPromotion -Source $Production -Target $Sandbox -Store $Store -Confirm:$false -WarningAction SilentlyContinue) }).TotalSeconds
$wrong = @(Compare-OrgMetadata $Expected $Sandbox -Type Profile).Count
[pscustomobject]@{
    Merging = $merging
    ComponentLevel = $componentLevel
    Real = $real
    Profiles = @($plan | Where-Object Type -eq 'Profile').Count
    Merged = @($plan | Where-Object { $_.Type -eq 'Profile' -and $_.Merged.Count -gt 0 }).Count
    Conflicts = @($plan | Where-Object { $_.Conflicts.Count -gt 0 }).Count
    Written = @($done | Where-Object Status -eq 'Promoted').Count
    Wrong = $wrong
    PeakMB = [math]::Round([System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB)
} | ConvertTo-Json | Set-Content $Output
'@
$output = [System.IO.Path]::GetTempFileName()
Write-Host '==> timing the plans and one real run'
dotnet pwsh -NoProfile -NonInteractive -File $script -Module $module -Base $base -Production $production -Sandbox $sandbox -Untouched $untouched -Expected $expected -Store $store -Runs $Runs -Output $output
if ($LASTEXITCODE) { throw 'The merge benchmark failed.' }
$measured = Get-Content -Raw $output | ConvertFrom-Json
Remove-Item $output

$merge = Get-Median ([double[]]$measured.Merging)
$plain = Get-Median ([double[]]$measured.ComponentLevel)
$lines = @(
    $heading
    ''
    "Written by ``bench/Invoke-MergeBenchmark.ps1`` on $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm')) UTC; the $($Size.ToString('N0'))-component generated org (seed $Seed) as the baseline,"
    'its 60 profiles (13 MB each) changed in production (every 97th field permission flipped) and in the sandbox (the entries 48 further),'
    "so every profile changed on both sides and no entry on both. Plans are Invoke-BackPromotion -WhatIf in one pwsh, medians of $Runs warm runs;"
    'the component-level plan is the same back-promotion into a sandbox that did not touch its profiles (nothing to merge). Peak memory is that'
    'whole pwsh''s, the real run included (rollback snapshot of the sandbox, the merges written, the new baseline recorded).'
    ''
    '| plan | seconds (median) | vs component-level | profiles merged | conflicts |'
    '|---|---:|---:|---:|---:|'
    "| component-level (only production changed the profiles) | $($plain.ToString('0.00')) | 1.00x | 0 | 0 |"
    "| merging (both sides changed every profile) | $($merge.ToString('0.00')) | $(($merge / $plain).ToString('0.00'))x | $($measured.Merged) of $($measured.Profiles) | $($measured.Conflicts) |"
    ''
    "The real run took $(([double]$measured.Real).ToString('0.0')) s and promoted $($measured.Written) components; peak $($measured.PeakMB) MB. Profiles of the sandbox"
    "afterwards that differ from the baseline with both sides' flips applied by hand: $($measured.Wrong)."
)
Set-ResultsSection $results $heading $lines
