# One Protect-SandboxData run as its own process, as a runbook runs it (module import included).
param([string] $Module, [string] $Csv, [string] $Rules, [string] $Key, [string] $Destination)
Import-Module $Module
$null = Protect-SandboxData $Csv -Rules $Rules -Destination $Destination -KeyFile $Key -Force
