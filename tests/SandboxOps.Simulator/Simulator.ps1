# Starts and stops tests/SandboxOps.Simulator as a process: dot-sourced by the Pester helpers and the
# retrieve benchmark.

# Serves a copy of the given Metadata API folder on 127.0.0.1; returns its URL, process and an access token
# it accepts. -Polls is the least number of status checks a job takes; -Configuration picks the build (the
# newest of any by default). Stop it with Stop-SimulatorProcess.
function Start-SimulatorProcess([string] $OrgFolder, [string[]] $Arguments = @(), [int] $Polls = 2, [string] $Configuration = '*') {
    $simulator = Get-ChildItem (Join-Path $PSScriptRoot "bin/$Configuration") -Recurse -Filter 'SandboxOps.Simulator.dll' |
        Sort-Object LastWriteTime -Descending | Select-Object -First 1
    if (-not $simulator) { throw 'Build the simulator first (dotnet build tests/SandboxOps.Simulator).' }
    $accessToken = '00D000000000001!SimulatorAccessToken' + [guid]::NewGuid().ToString('N')
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @($simulator.FullName, '--org', $OrgFolder, '--access-token', $accessToken, '--polls', $Polls) + $Arguments) { $start.ArgumentList.Add([string]$argument) }
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $line = $process.StandardOutput.ReadLine()
    if ($line -notmatch '^Listening on (\S+)') { throw "The simulator did not start: $line" }
    [pscustomobject]@{ Url = $Matches[1]; Process = $process; AccessToken = $accessToken }
}

function Stop-SimulatorProcess($Simulator) {
    if (-not $Simulator) { return }
    $Simulator.Process.StandardInput.Close()
    if (-not $Simulator.Process.WaitForExit(10000)) { $Simulator.Process.Kill() }
}
