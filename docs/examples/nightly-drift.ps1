<#
.SYNOPSIS
    Every night: the drift of every link of the pipeline, as a CSV and an HTML report, and an exit code a
    scheduler alerts on.
.DESCRIPTION
    Reads every environment of the pipeline once (recorded in the snapshot store, so the report shows trends
    and an org's next retrieve only fetches what changed), writes drift.csv (one row per component
    difference, with its link and what it means) and drift.html (the report people look at), and exits:
      0  no unexpected drift: nothing changed by hand, every hotfix back-promoted (work in flight in the
         lower environments and the expected drift the file declares are normal);
      1  unexpected drift: hand changes or production changes not back-promoted (listed on the output);
      2  the run failed (an environment could not be read, a bad pipeline file): the error is on the error stream.
    -FailOnAnyDrift makes every unexpected difference count, in-flight work included.

        pwsh -NoProfile -NonInteractive -File nightly-drift.ps1 -Pipeline ./pipeline.json `
            -Store /drift/snapshots -Destination /drift/reports/$(Get-Date -Format yyyy-MM-dd)
.EXAMPLE
    ./docs/examples/nightly-drift.ps1 -Pipeline ./docs/samples/pipeline/acme.pipeline.json -Store ./drift-snapshots -Destination ./drift-report
#>
param(
    # The pipeline file.
    [Parameter(Mandatory)] [string] $Pipeline,
    # The snapshot store that keeps each night's reads.
    [Parameter(Mandatory)] [string] $Store,
    # The folder drift.csv and drift.html are written to (created when missing).
    [Parameter(Mandatory)] [string] $Destination,
    # Fail on any difference not declared as expected drift, work in flight included.
    [switch] $FailOnAnyDrift,
    # Where the module is; by default the one built in this repository.
    [string] $Module = (Join-Path $PSScriptRoot '../../out/SandboxOps/SandboxOps.psd1')
)

$ErrorActionPreference = 'Stop'
try {
    Import-Module $Module
    $null = New-Item -ItemType Directory -Force $Destination

    # -ErrorAction Stop: an environment that cannot be read fails the run rather than hiding its drift.
    $drift = @(Get-PipelineDrift $Pipeline -Store $Store -ErrorAction Stop)

    $rows = foreach ($link in $drift) {
        foreach ($difference in $link.Differences) {
            [pscustomobject]@{
                From            = $link.From
                To              = $link.To
                Kind            = $link.Kind
                Status          = $difference.Status
                Type            = $difference.Type
                FullName        = $difference.FullName
                HandChange      = $link.HandChanges.Contains($difference)
                NotBackPromoted = $link.NotBackPromoted.Contains($difference)
                InFlight        = $link.InFlight.Contains($difference)
                Summary         = $difference.Summary
            }
        }
    }
    $rows | Export-Csv -Path (Join-Path $Destination 'drift.csv.partial') -NoTypeInformation
    Move-Item -Force (Join-Path $Destination 'drift.csv.partial') (Join-Path $Destination 'drift.csv')
    $null = $drift | Export-PipelineReport (Join-Path $Destination 'drift.html') -Store $Store -Force

    $unexpected = @($rows | Where-Object { $FailOnAnyDrift -or $_.HandChange -or $_.NotBackPromoted })
    $drift | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
    if ($unexpected.Count -gt 0) {
        $unexpected | Sort-Object Type, FullName, From, To | ForEach-Object { Write-Host "UNEXPECTED $($_.From) -> $($_.To): $($_.Status) $($_.Type) $($_.FullName)" }
        Write-Host "$($unexpected.Count) unexpected difference(s); report: $(Join-Path $Destination 'drift.html')"
        exit 1
    }

    Write-Host "No unexpected drift; report: $(Join-Path $Destination 'drift.html')"
    exit 0
}
catch {
    Write-Error -ErrorRecord $_ -ErrorAction Continue
    exit 2
}
