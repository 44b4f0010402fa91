# Shared by the Pester files: where the built module and the samples are.
$script:RepositoryRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:ModuleManifest = Join-Path $RepositoryRoot 'out/SandboxOps/SandboxOps.psd1'
$script:ProductionSample = Join-Path $RepositoryRoot 'docs/samples/production'
$script:UatSample = Join-Path $RepositoryRoot 'docs/samples/uat'
$env:NO_COLOR = '1'
Import-Module $ModuleManifest -Force
