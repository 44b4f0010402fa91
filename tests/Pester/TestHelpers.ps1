# Shared by the Pester files: where the built module and the samples are.
$script:RepositoryRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:ModuleManifest = Join-Path $RepositoryRoot 'out/SandboxOps/SandboxOps.psd1'
$script:ProductionSample = Join-Path $RepositoryRoot 'docs/samples/production'
$script:UatSample = Join-Path $RepositoryRoot 'docs/samples/uat'
$env:NO_COLOR = '1'
Import-Module $ModuleManifest -Force

# Runs a script in a fresh pwsh (where nothing of SandboxOps is loaded yet) and returns its output.
function Invoke-FreshPwsh {
    param([string] $Script)
    $file = Join-Path ([System.IO.Path]::GetTempPath()) "sandboxops-$([guid]::NewGuid().ToString('N')).ps1"
    Set-Content $file $Script
    Push-Location $RepositoryRoot
    try { dotnet pwsh -NoProfile -NonInteractive -File $file 2>&1 | Out-String }
    finally { Pop-Location; Remove-Item $file }
}

# Snapshot manifests are gzipped JSON.
function Read-GzipText([string] $Path) {
    $reader = [System.IO.StreamReader]::new([System.IO.Compression.GZipStream]::new([System.IO.File]::OpenRead($Path), [System.IO.Compression.CompressionMode]::Decompress))
    try { $reader.ReadToEnd() } finally { $reader.Dispose() }
}

function Write-GzipText([string] $Path, [string] $Text) {
    $writer = [System.IO.StreamWriter]::new([System.IO.Compression.GZipStream]::new([System.IO.File]::Create($Path), [System.IO.Compression.CompressionLevel]::Optimal))
    try { $writer.Write($Text) } finally { $writer.Dispose() }
}
