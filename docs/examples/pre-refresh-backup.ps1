<#
.SYNOPSIS
    Before a sandbox is refreshed: snapshot it, verify the snapshot, and list the work in it that source
    control does not have, so that nothing is lost when the refresh wipes it.
.DESCRIPTION
    Exits 0 when the snapshot is taken, verified and the in-flight list written; exits 1 on any failure,
    with the error on the error stream. Meant for a scheduled runbook:

        pwsh -NoProfile -NonInteractive -File pre-refresh-backup.ps1 -Sandbox ./retrieved/uat `
            -SourceControl ./repo/force-app -Store /backups/snapshots -Report /backups/uat-in-flight.csv
.EXAMPLE
    ./docs/examples/pre-refresh-backup.ps1 -Sandbox ./docs/samples/uat -SourceControl ./docs/samples/production -Store ./snapshots -Report ./in-flight.csv
#>
param(
    # The sandbox's metadata: a retrieved folder or zip, or a DX project.
    [Parameter(Mandatory)] [string] $Sandbox,
    # What source control holds for the same org.
    [Parameter(Mandatory)] [string] $SourceControl,
    # The snapshot store.
    [Parameter(Mandatory)] [string] $Store,
    # Where to write the in-flight work, as CSV.
    [Parameter(Mandatory)] [string] $Report,
    # Where the module is; by default the one built in this repository.
    [string] $Module = (Join-Path $PSScriptRoot '../../out/SandboxOps/SandboxOps.psd1')
)

$ErrorActionPreference = 'Stop'
try {
    Import-Module $Module

    $snapshot = Export-OrgSnapshot -Source $Sandbox -Store $Store -Description 'Before refresh'
    Write-Host "Snapshot $($snapshot.Name): $($snapshot.ComponentCount) components in $($snapshot.Store)"

    $issues = @(Test-OrgSnapshot -Snapshot $snapshot)
    if ($issues.Count -gt 0) {
        $issues | ForEach-Object { Write-Error $_.Message -ErrorAction Continue }
        throw "Snapshot $($snapshot.Name) did not verify; do not refresh the sandbox."
    }

    # In-flight work: created or changed in the sandbox, and not in source control as it is there.
    $inFlight = @(Compare-OrgMetadata -Source $snapshot -Target $SourceControl |
        Where-Object Status -in 'SourceOnly', 'Changed' |
        Select-Object Status, Type, FullName, ChangeCount, Summary, @{ n = 'Files'; e = { $_.SourceFiles } })

    $temporary = "$Report.partial"
    $inFlight | Export-Csv -Path $temporary -NoTypeInformation
    Move-Item -Force $temporary $Report
    Write-Host "$($inFlight.Count) components of in-flight work listed in $Report"
    exit 0
}
catch {
    Write-Error "Pre-refresh backup failed: $($_.Exception.Message)" -ErrorAction Continue
    exit 1
}
