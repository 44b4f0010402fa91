<#
.SYNOPSIS
    Benchmarks Compare-OrgMetadata | New-DeploymentPackage against Salesforce's sfdx-git-delta on the
    generated pairs committed as two git commits, and compares the package.xml members they produce.
    Replaces the "Packages from two git commits" section of bench/RESULTS.md.
.DESCRIPTION
    Run after Invoke-Benchmark.ps1 (build.ps1 -Task Bench does), which generates the pairs. The target
    org (source format) is the first commit and the source org the second, so both tools package what
    deploying the second onto the first needs. Both run as whole processes, several times; medians.
#>
param(
    [int[]] $Sizes = @(10000, 100000),
    [int] $Runs = 5
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
$root = Split-Path -Parent $PSScriptRoot
$module = Join-Path $root 'out/SandboxOps/SandboxOps.psd1'
$data = Join-Path $root 'bench/data'
$sgd = Join-Path $root 'bench/sgd'
$results = Join-Path $root 'bench/RESULTS.md'
$heading = '## Packages from two git commits: New-DeploymentPackage vs sfdx-git-delta'

Write-Host '==> installing sfdx-git-delta'
npm install --prefix $sgd --no-audit --no-fund --loglevel error | Out-Null
if ($LASTEXITCODE) { throw 'npm could not install sfdx-git-delta.' }
$sgdVersion = (Get-Content -Raw (Join-Path $sgd 'node_modules/sfdx-git-delta/package.json') | ConvertFrom-Json).version

# The pair as a git repository: commit 1 the target org, commit 2 the source org (both source format).
function Initialize-GitPair([string] $folder) {
    $repo = Join-Path $folder 'git-pair'
    $truth = Join-Path $folder 'ground-truth.json'
    $marker = Join-Path $repo '.git/sandboxops-truth'
    $stamp = (Get-FileHash $truth).Hash
    if ((Test-Path $marker) -and (Get-Content $marker) -eq $stamp) { return $repo }
    if (Test-Path $repo) { Remove-Item -Recurse -Force $repo }
    Write-Host "==> committing $folder as two git commits"
    $git = @('-C', $repo, '-c', 'user.name=bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false')
    New-Item -ItemType Directory $repo | Out-Null
    git init -q -b main $repo
    Copy-Item -Recurse (Join-Path $folder 'target-sfdx/*') $repo
    git @git add -A; git @git commit -q -m 'target org'
    Remove-Item -Recurse -Force (Join-Path $repo 'force-app')
    Copy-Item -Recurse (Join-Path $folder 'source-sfdx/*') $repo -Force
    git @git add -A; git @git commit -q -m 'source org'
    if ($LASTEXITCODE) { throw "git could not commit the pair in $repo." }
    Set-Content $marker $stamp
    $repo
}

function Get-Members([string] $manifest) {
    if (-not (Test-Path $manifest)) { return @() }
    $xml = [xml](Get-Content -Raw $manifest)
    @(foreach ($type in $xml.Package.types) { foreach ($member in @($type.members)) { "$($type.name) $member" } })
}

$sections = foreach ($size in $Sizes) {
    $folder = Join-Path $data ("{0}k" -f ($size / 1000))
    $repo = Initialize-GitPair $folder
    $work = Join-Path ([System.IO.Path]::GetTempPath()) ("sandboxops-delta-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory $work | Out-Null
    try {
        $ours = "Import-Module '$module'; Compare-OrgMetadata '$repo' '$repo' -SourceRevision HEAD -TargetRevision HEAD~1 | New-DeploymentPackage -Destination (Join-Path '$work' ('ours-' + [guid]::NewGuid().ToString('N'))) -IncludeDeletion | Out-Null"
        Write-Host "==> $size components: sfdx-git-delta and New-DeploymentPackage, $Runs runs each"
        $rows = @(
            Measure-External "sfdx-git-delta $sgdVersion, package.xml and destructiveChanges only" @('node', (Join-Path $sgd 'run.mjs'), $repo, 'HEAD~1', 'HEAD', $work, 'manifest') $Runs
            Measure-External "sfdx-git-delta $sgdVersion --generate-delta (manifests and the changed source files)" @('node', (Join-Path $sgd 'run.mjs'), $repo, 'HEAD~1', 'HEAD', $work, 'delta') $Runs
            Measure-External 'Compare-OrgMetadata piped to New-DeploymentPackage -IncludeDeletion, whole process (pwsh start, import)' @('dotnet', 'pwsh', '-NoProfile', '-NonInteractive', '-Command', $ours) $Runs
        )
        # One run's package, or its numbered parts (ours-<id>-1, -2...) when it was split over Salesforce's limits.
        $ourParts = @((Get-ChildItem $work -Directory -Filter 'ours-*' | Group-Object { $_.Name -replace '-\d+$', '' } | Select-Object -First 1).Group.FullName)
        $theirs = (Get-ChildItem $work -Directory -Filter 'sgd-*' | Select-Object -First 1).FullName
        if (-not $ourParts -or -not $theirs) { throw "A tool wrote no package for $size components; run its command by hand to see why." }
        $truth = (Get-Content -Raw (Join-Path $folder 'ground-truth.json') | ConvertFrom-Json).truth
        $noise = @($truth | Where-Object Status -eq 'Noise' | ForEach-Object { "$($_.Type) $($_.FullName)" })
        $deploy = @{ Ours = @($ourParts | ForEach-Object { Get-Members (Join-Path $_ 'package.xml') } | Sort-Object -Unique); Theirs = Get-Members (Join-Path $theirs 'package/package.xml') }
        $delete = @{ Ours = @($ourParts | ForEach-Object { Get-Members (Join-Path $_ 'destructiveChangesPost.xml') }); Theirs = Get-Members (Join-Path $theirs 'destructiveChanges/destructiveChanges.xml') }
        $onlyTheirs = @($deploy.Theirs | Where-Object { $_ -notin $deploy.Ours })
        $onlyOurs = @($deploy.Ours | Where-Object { $_ -notin $deploy.Theirs })
        [pscustomobject]@{
            Size = $size; Rows = $rows
            Deploy = $deploy; Delete = $delete
            OnlyTheirs = $onlyTheirs; OnlyTheirsNoise = @($onlyTheirs | Where-Object { $_ -in $noise })
            OnlyOurs = $onlyOurs; OnlyOursFolders = @($onlyOurs | Where-Object { $_ -like 'Report *' -and ($name = $_ -replace '^Report ', '') -and @($ourParts | Where-Object { Test-Path (Join-Path $_ "reports/$name-meta.xml") }).Count })
            DeleteOnlyTheirs = @($delete.Theirs | Where-Object { $_ -notin $delete.Ours }); DeleteOnlyOurs = @($delete.Ours | Where-Object { $_ -notin $delete.Theirs })
        }
    } finally {
        Remove-Item -Recurse -Force $work
    }
}

$lines = @(
    $heading
    ''
    "Each generated pair committed as two git commits (target org, then source org, source format); both tools package what"
    "deploying the second commit onto the first needs. $Runs runs each, whole processes, medians in seconds. sfdx-git-delta runs"
    'through its library entry point (what `sf sgd source delta` calls), so the sf CLI''s own start-up is not counted against it.'
    ''
)
foreach ($section in $sections) {
    $ours = ($section.Rows | Where-Object Tool -like 'Compare-OrgMetadata*').Median
    $lines += "### $($section.Size.ToString('N0')) components"
    $lines += ''
    $lines += '| tool | median s | fastest s | ours vs it | peak MB |'
    $lines += '|---|---:|---:|---:|---:|'
    foreach ($row in $section.Rows) {
        $lines += "| $($row.Tool) | $($row.Median.ToString('0.000')) | $($row.Min.ToString('0.000')) | $(($ours / $row.Median).ToString('0.00'))x | $($row.PeakMB) |"
    }
    $lines += ''
    $lines += '| package.xml members | ours | sfdx-git-delta | only in ours | only in theirs |'
    $lines += '|---|---:|---:|---:|---:|'
    $lines += "| to deploy | $($section.Deploy.Ours.Count) | $($section.Deploy.Theirs.Count) | $($section.OnlyOurs.Count) | $($section.OnlyTheirs.Count) |"
    $lines += "| to delete | $($section.Delete.Ours.Count) | $($section.Delete.Theirs.Count) | $($section.DeleteOnlyOurs.Count) | $($section.DeleteOnlyTheirs.Count) |"
    $lines += ''
    $lines += "- Only in sfdx-git-delta's: $($section.OnlyTheirs.Count) members, of which $($section.OnlyTheirsNoise.Count) are the generator's noise-only rewrites (reordered or reformatted XML, line endings): a text diff sees a change, the metadata is the same, and deploying them is work and risk for nothing."
    $lines += "- Only in ours: $($section.OnlyOurs.Count) members, of which $($section.OnlyOursFolders.Count) are report folders: a report deploys with its folder's meta file, listed so a folder new in the target is created first."
    $unexplained = @($section.OnlyTheirs | Where-Object { $_ -notin $section.OnlyTheirsNoise }) + @($section.OnlyOurs | Where-Object { $_ -notin $section.OnlyOursFolders }) + $section.DeleteOnlyOurs + $section.DeleteOnlyTheirs
    $lines += "- Not explained by the above: $($unexplained.Count)$(if ($unexplained) { ': ' + (($unexplained | Select-Object -First 10) -join ', ') })."
    $lines += ''
}

Set-ResultsSection $results $heading $lines
