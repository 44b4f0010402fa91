#requires -Version 7.2
<#
.SYNOPSIS
    Builds, documents, tests and demonstrates the SandboxOps module.
.DESCRIPTION
    Build  publishes a loadable module to out/SandboxOps (manifest, cmdlet assembly, Dependencies/, en-US help).
    Docs   builds the MAML help from docs/<Cmdlet>.md and fails when a cmdlet or parameter has none.
    Test   builds, installs headless Chromium when missing (apt-get, for the report tests), runs the xunit tests,
           then Pester in a fresh pwsh against the built module, and prints
           one line 'Tests: N passed, N failed'. Exits non-zero on any failure.
    Demo   builds and runs the main job on the bundled sample orgs.
    Bench  builds, then benchmarks Compare-OrgMetadata against diff -qr and git diff (also on heavily drifted and
           noisy pairs, and across formats against reading both trees), snapshots against cp -r, and
           packages against sfdx-git-delta (installed from npm) on generated orgs, and reading and comparing NPSP
           against Salesforce's conversion of it, and masking a 1 GB export against Python and cat (bench/RESULTS.md).
    UpdateRegistry  copies Salesforce's type registry (source-deploy-retrieve's metadataRegistry.json, by
           default ../shared/reference/salesforce/sdr-metadata-registry.json, or -RegistryPath) into the engine,
           where it is embedded; the registry tests hold the copy to that file.
    Clean  removes build output.
.EXAMPLE
    dotnet tool restore; dotnet pwsh -NoProfile -File ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Docs', 'Test', 'Demo', 'Bench', 'UpdateRegistry', 'Clean')]
    [string] $Task = 'Build',

    [string] $RegistryPath = (Join-Path $PSScriptRoot '../shared/reference/salesforce/sdr-metadata-registry.json'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:NO_COLOR = '1'

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'SandboxOps'
$TestResults = Join-Path $Out 'test-results'

function Invoke-Native {
    param([string] $What, [scriptblock] $Command)
    Write-Host "==> $What"
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)." }
}

function Get-ModuleVersion {
    $props = [xml](Get-Content -Raw (Join-Path $Root 'Directory.Build.props'))
    $props.Project.PropertyGroup.VersionPrefix | Where-Object { $_ } | Select-Object -First 1
}

# Runs a script in a fresh pwsh: an imported binary module cannot be unloaded, so every consumer of
# the freshly built module gets its own process.
function Invoke-FreshPwsh {
    param([string] $What, [string] $Script, [string[]] $Arguments = @())
    Invoke-Native $What { dotnet pwsh -NoProfile -NonInteractive -File $Script @Arguments }
}

# The engine precompiled (ReadyToRun) for the .NET and platform this pwsh runs on, beside the portable one, in the
# folder the module's load context looks for (Loading/PrecompiledFolder.cs names it the same way). Only a speed-up:
# a build that cannot precompile still makes a whole module, and says so.
function Publish-PrecompiledEngine {
    param([string] $Destination)
    $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
    $arch = [System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant()
    $framework = "net$([Environment]::Version.Major).0"
    $publish = Join-Path $Out 'publish-readytorun'
    Write-Host "==> engine precompiled for $framework-$os-$arch"
    dotnet publish (Join-Path $Root 'build/ReadyToRun/SandboxOps.ReadyToRun.csproj') -c $Configuration -r "$os-$arch" `
        "-p:PrecompileFor=$framework" -o $publish --nologo -v quiet
    if ($LASTEXITCODE -eq 0) {
        $folder = New-Item -ItemType Directory -Force (Join-Path $Destination "$framework-$os-$arch")
        Copy-Item (Join-Path $publish 'SandboxOps.Engine.dll') $folder
    }
    else {
        Write-Warning "The engine could not be precompiled (exit code $LASTEXITCODE): the module loads its portable engine."
    }
    if (Test-Path $publish) { Remove-Item -Recurse -Force $publish }
}

function Invoke-Build {
    $staging = Join-Path $Out "SandboxOps.staging"
    $publish = Join-Path $Out 'publish'
    foreach ($dir in $staging, $publish) { if (Test-Path $dir) { Remove-Item -Recurse -Force $dir } }

    Invoke-Native 'dotnet publish' {
        dotnet publish (Join-Path $Root 'src/SandboxOps/SandboxOps.csproj') -c $Configuration -o $publish --nologo -v quiet
    }

    # The cmdlet assembly alone at the root; the engine and everything it needs under Dependencies/,
    # where only the module's own load context looks.
    $dependencies = New-Item -ItemType Directory -Force (Join-Path $staging 'Dependencies')
    Copy-Item (Join-Path $publish 'SandboxOps.dll') $staging
    Get-ChildItem $publish -Filter *.dll | Where-Object Name -ne 'SandboxOps.dll' | Copy-Item -Destination $dependencies
    Publish-PrecompiledEngine (Join-Path $staging 'ReadyToRun')
    Copy-Item (Join-Path $Root 'module/SandboxOps.format.ps1xml') $staging
    Copy-Item (Join-Path $Root 'module/SandboxOps.pipeline.schema.json') $staging

    $version = Get-ModuleVersion
    $manifest = Get-Content -Raw (Join-Path $Root 'module/SandboxOps.psd1')
    $manifest = $manifest -replace "ModuleVersion(\s*)= '[^']*'", "ModuleVersion`$1= '$version'"
    Set-Content -Path (Join-Path $staging 'SandboxOps.psd1') -Value $manifest -NoNewline

    Invoke-FreshPwsh 'help from docs/' (Join-Path $Root 'build/New-MamlHelp.ps1') @(
        '-ModulePath', (Join-Path $staging 'SandboxOps.psd1'),
        '-DocsPath', (Join-Path $Root 'docs'),
        '-OutputPath', (Join-Path $staging 'en-US'))

    # Appear whole or not at all.
    if (Test-Path $ModuleOut) { Remove-Item -Recurse -Force $ModuleOut }
    Move-Item $staging $ModuleOut
    Remove-Item -Recurse -Force $publish
    Write-Host "Module $version built at $ModuleOut"
}

function Read-TrxCounts {
    param([string] $Path)
    $trx = [xml](Get-Content -Raw $Path)
    $counters = $trx.TestRun.ResultSummary.Counters
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout }
}

# The report's tests render it in headless Chromium: Debian's package, installed when missing.
function Install-Chromium {
    if (Get-Command chromium-headless-shell, chromium -CommandType Application -ErrorAction SilentlyContinue) { return }
    if (-not (Get-Command apt-get -CommandType Application -ErrorAction SilentlyContinue)) {
        Write-Warning 'Chromium is missing and apt-get is not here: the report tests will fail. Install chromium.'
        return
    }
    $env:DEBIAN_FRONTEND = 'noninteractive'
    $asRoot = (id -u) -eq '0'
    function Invoke-AptGet([string[]] $Arguments) {
        if ($asRoot) { apt-get @Arguments *> $null } else { sudo -n apt-get @Arguments *> $null }
    }
    Write-Host '==> installing chromium (apt-get)'
    Invoke-AptGet @('install', '-y', '-q', 'chromium')
    if ($LASTEXITCODE -ne 0) {
        Invoke-AptGet @('update', '-q')
        Invoke-AptGet @('install', '-y', '-q', 'chromium')
    }
    if ($LASTEXITCODE -ne 0) { Write-Warning 'apt-get could not install chromium: the report tests will fail.' }
}

function Invoke-Test {
    Invoke-Build
    Install-Chromium
    if (Test-Path $TestResults) { Remove-Item -Recurse -Force $TestResults }
    New-Item -ItemType Directory -Force $TestResults | Out-Null

    $failures = @()
    $xunit = [pscustomobject]@{ Passed = 0; Failed = 0 }
    dotnet test (Join-Path $Root 'tests/SandboxOps.Engine.Tests') -c $Configuration --nologo `
        --logger 'trx;LogFileName=engine.trx' --logger 'console;verbosity=minimal' --results-directory $TestResults
    if ($LASTEXITCODE -ne 0) { $failures += "xunit (exit code $LASTEXITCODE)" }
    $trxPath = Join-Path $TestResults 'engine.trx'
    if (Test-Path $trxPath) { $xunit = Read-TrxCounts $trxPath } else { $failures += 'xunit wrote no results' }

    Invoke-Native 'restore Pester' { dotnet restore (Join-Path $Root 'tests/Pester/PesterDependencies.csproj') --nologo -v quiet }
    $pesterJson = Join-Path $TestResults 'pester.json'
    dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'build/Invoke-PesterTests.ps1') -ResultPath $pesterJson
    if ($LASTEXITCODE -ne 0) { $failures += "Pester (exit code $LASTEXITCODE)" }
    $pester = if (Test-Path $pesterJson) { Get-Content -Raw $pesterJson | ConvertFrom-Json } else { $failures += 'Pester wrote no results'; [pscustomobject]@{ Passed = 0; Failed = 0 } }

    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed; Pester: $($pester.Passed) passed, $($pester.Failed) failed"
    foreach ($failure in $failures) { Write-Host "FAILED: $failure" }
    Write-Output "Tests: $passed passed, $failed failed"
    if ($failed -gt 0 -or $failures.Count -gt 0 -or $passed -eq 0) { exit 1 }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Docs' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' {
        Invoke-Build
        Invoke-FreshPwsh 'demo' (Join-Path $Root 'build/Invoke-Demo.ps1')
    }
    'Bench' {
        Invoke-Build
        & (Join-Path $Root 'bench/Invoke-Benchmark.ps1')
        & (Join-Path $Root 'bench/Invoke-DriftBenchmark.ps1')
        & (Join-Path $Root 'bench/Invoke-MergeBenchmark.ps1')
        & (Join-Path $Root 'bench/Invoke-PipelineBenchmark.ps1')
        & (Join-Path $Root 'bench/Invoke-DeltaBenchmark.ps1')
        & (Join-Path $Root 'bench/Invoke-RetrieveBenchmark.ps1')
        & (Join-Path $Root 'bench/Invoke-RealProjectBenchmark.ps1')
        & (Join-Path $Root 'bench/Invoke-MaskingBenchmark.ps1')
        & (Join-Path $Root 'bench/Invoke-AccessBenchmark.ps1')
    }
    'UpdateRegistry' {
        $types = (Get-Content -Raw $RegistryPath | ConvertFrom-Json).types.PSObject.Properties.Name
        if (@($types).Count -lt 500) { throw "$RegistryPath holds $(@($types).Count) types: not Salesforce's registry." }
        Copy-Item $RegistryPath (Join-Path $Root 'src/SandboxOps.Engine/Registry/sdr-metadata-registry.json')
        Write-Host "Registry of $(@($types).Count) types copied from $RegistryPath"
    }
    'Clean' {
        foreach ($dir in @($Out) + (Get-ChildItem $Root -Recurse -Directory -Include bin, obj | Where-Object FullName -notmatch 'node_modules').FullName) {
            if (Test-Path $dir) { Remove-Item -Recurse -Force $dir }
        }
    }
}
