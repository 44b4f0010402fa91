<#
.SYNOPSIS
    The demo build.ps1 -Task Demo runs: reads the two bundled sample orgs and shows how UAT drifted.
#>
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
Import-Module (Join-Path $root 'out/SandboxOps/SandboxOps.psd1')
$production = Join-Path $root 'docs/samples/production'
$uat = Join-Path $root 'docs/samples/uat'

Write-Host "`nProduction, a Metadata API retrieve: $production"
Get-OrgMetadata -Source $production | Group-Object Type | Sort-Object Name |
    Format-Table @{ n = 'Type'; e = 'Name' }, Count -AutoSize | Out-String -Width 220 | Write-Host

Write-Host "UAT sandbox, a Salesforce DX project: $uat"
Write-Host "`nCompare-OrgMetadata -Source production -Target uat (what deploying production onto UAT would change):"
$differences = @(Compare-OrgMetadata -Source $production -Target $uat)
$differences | Format-Table Status, Type, FullName, Summary -AutoSize -Wrap | Out-String -Width 220 | Write-Host

Write-Host 'Element changes of the changed components (Before = UAT, After = production):'
$differences | Where-Object Status -eq 'Changed' | ForEach-Object {
    $component = $_
    $_.Changes | Select-Object @{ n = 'Component'; e = { "$($component.Type) $($component.FullName)" } }, Path, Kind, Before, After
} | Format-Table -AutoSize -Wrap | Out-String -Width 220 | Write-Host

Write-Host 'The Sales User profile is written in another order in UAT; it is identical, and says why its files differ:'
Compare-OrgMetadata $production $uat -Type Profile -FullName 'Sales User' -IncludeIdentical |
    Format-Table Status, Type, FullName, Noise -AutoSize | Out-String -Width 220 | Write-Host

Write-Host 'Integration endpoints that UAT, refreshed from production, still shares with it:'
Compare-OrgMetadata $production $uat -Type NamedCredential, RemoteSiteSetting -IncludeIdentical |
    Where-Object Status -eq 'Identical' | Format-Table Type, FullName, @{ n = 'Note'; e = { 'same endpoint as production: review after refresh' } } -AutoSize | Out-String -Width 220 | Write-Host

Write-Host 'Before refreshing UAT: snapshot it, verify the snapshot, and list the work source control (production here) lacks:'
$store = Join-Path $root 'out/demo-snapshots'
if (Test-Path $store) { Remove-Item -Recurse -Force $store }
$snapshot = Export-OrgSnapshot -Source $uat -Store $store -Description 'Before the refresh'
$snapshot | Format-List Name, Source, Created, ComponentCount, FileCount | Out-String -Width 220 | Write-Host
Write-Host ("Test-OrgSnapshot: {0}" -f $(if (Test-OrgSnapshot $snapshot -Quiet) { 'sound' } else { 'DAMAGED' }))
Compare-OrgMetadata -Source $snapshot -Target $production | Where-Object Status -in 'SourceOnly', 'Changed' |
    Format-Table Status, Type, FullName -AutoSize | Out-String -Width 220 | Write-Host

Write-Host 'Back-promotion, planned with -WhatIf: production''s changes into a copy of UAT, against that snapshot as the baseline.'
Write-Host 'With the snapshot as the baseline, what UAT has that production lacks is left alone; -IncludeDeletion would remove it.'
$uatCopy = Join-Path $root 'out/demo-uat'
if (Test-Path $uatCopy) { Remove-Item -Recurse -Force $uatCopy }
Copy-Item -Recurse $uat $uatCopy
Invoke-BackPromotion -Source $production -Target $uatCopy -Store $store -Baseline $snapshot -WhatIf |
    Format-Table Status, Action, Type, FullName, Reason -AutoSize -Wrap | Out-String -Width 220 | Write-Host
