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

. (Join-Path $PSScriptRoot '../SandboxOps.Simulator/Simulator.ps1')

# A simulated org with a fake 'sf' first on PATH that knows it by any alias, and the environment
# variables the documentation's runbook examples read. Stop it with Stop-SimulatedOrg.
function Start-SimulatedOrg([string] $OrgFolder, [string] $WorkFolder, [string[]] $Arguments = @()) {
    $key = [System.Security.Cryptography.RSA]::Create(2048)
    $keyFile = Join-Path $WorkFolder 'jwt-key.pem'
    Set-Content -Path $keyFile -Value $key.ExportPkcs8PrivateKeyPem() -NoNewline
    $simulator = Start-SimulatorProcess $OrgFolder (@('--public-key', $keyFile) + $Arguments)
    $url = $simulator.Url
    $accessToken = $simulator.AccessToken
    $process = $simulator.Process
    $bin = New-Item -ItemType Directory -Force (Join-Path $WorkFolder 'bin')
    $sf = Join-Path $bin 'sf'
    $json = '{"status":0,"result":{"accessToken":"' + $accessToken + '","instanceUrl":"' + $url + '","username":"admin@simulated.example"}}'
    Set-Content -Path $sf -Value "#!/bin/sh`ncat <<'JSON'`n$json`nJSON`n"
    chmod +x $sf
    $saved = @{ PATH = $env:PATH; SF_CLIENT_ID = $env:SF_CLIENT_ID; SF_USERNAME = $env:SF_USERNAME; SF_JWT_KEY_FILE = $env:SF_JWT_KEY_FILE; SF_LOGIN_URL = $env:SF_LOGIN_URL; SF_INSTANCE_URL = $env:SF_INSTANCE_URL; SF_ACCESS_TOKEN = $env:SF_ACCESS_TOKEN }
    $env:PATH = "$bin$([System.IO.Path]::PathSeparator)$env:PATH"
    $env:SF_CLIENT_ID = '3MVG9SimulatedClientId'
    $env:SF_USERNAME = 'admin@simulated.example'
    $env:SF_JWT_KEY_FILE = $keyFile
    $env:SF_LOGIN_URL = $url
    $env:SF_INSTANCE_URL = $url
    $env:SF_ACCESS_TOKEN = $accessToken
    [pscustomobject]@{ Url = $url; Process = $process; AccessToken = $accessToken; Saved = $saved }
}

function Stop-SimulatedOrg($Org) {
    if (-not $Org) { return }
    foreach ($name in $Org.Saved.Keys) {
        if ($null -eq $Org.Saved[$name]) { Remove-Item "env:$name" -ErrorAction SilentlyContinue } else { Set-Item "env:$name" -Value $Org.Saved[$name] }
    }
    $Org.Process.StandardInput.Close()
    if (-not $Org.Process.WaitForExit(10000)) { $Org.Process.Kill() }
    Get-SalesforceOrg -ErrorAction SilentlyContinue | Disconnect-SalesforceOrg -ErrorAction SilentlyContinue
}

# Salesforce's own tools (source-deploy-retrieve, sfdx-git-delta) as pinned by the corpus, installed once
# into a folder the build keeps (out/oracles) and reinstalled only when the pins change.
function Install-SalesforceOracles([string] $Corpus, [string] $Folder) {
    $pins = Get-Content -Raw (Join-Path $Corpus 'package.json')
    $installed = Join-Path $Folder '.installed-pins.json'
    if (-not (Test-Path $installed) -or (Get-Content -Raw $installed) -ne $pins) {
        New-Item -ItemType Directory -Force $Folder | Out-Null
        Copy-Item (Join-Path $Corpus 'package.json') $Folder
        Push-Location $Folder
        try { npm install --no-audit --no-fund --loglevel=error 2>&1 | Out-Host; if ($LASTEXITCODE -ne 0) { throw "npm install of the Salesforce oracles failed ($LASTEXITCODE)." } }
        finally { Pop-Location }
        Set-Content -Path $installed -Value $pins -NoNewline
    }
    Copy-Item (Join-Path $Corpus '*.mjs') $Folder
    $Folder
}

# Headless Chromium, as Debian installs it (build.ps1 -Task Test installs it when missing).
function Get-ChromiumPath {
    foreach ($name in 'chromium-headless-shell', 'chromium', 'chromium-browser', 'google-chrome') {
        $command = Get-Command $name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($command) { return $command.Source }
    }
    throw 'Headless Chromium is not installed (Debian: apt-get install chromium); build.ps1 -Task Test installs it.'
}

# Renders a local HTML file in headless Chromium: its DOM after rendering, or a screenshot, and what the
# browser logged (console messages included).
function Invoke-Chromium([string] $Html, [string] $Screenshot, [int] $Width = 1280, [int] $Height = 1800) {
    $profile = Join-Path ([System.IO.Path]::GetTempPath()) "sandboxops-chromium-$([guid]::NewGuid().ToString('N'))"
    $arguments = @('--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--no-first-run', "--user-data-dir=$profile", '--enable-logging=stderr', '--v=0', "--window-size=$Width,$Height")
    $arguments += if ($Screenshot) { "--screenshot=$Screenshot" } else { '--dump-dom' }
    $errors = Join-Path $profile 'stderr.txt'
    $null = New-Item -ItemType Directory $profile
    try {
        $dom = & (Get-ChromiumPath) @arguments ([uri]::new($Html).AbsoluteUri) 2>$errors
        [pscustomobject]@{ Dom = ($dom -join "`n"); Log = (Get-Content -Raw $errors) }
    } finally { Remove-Item -Recurse -Force $profile -ErrorAction SilentlyContinue }
}
