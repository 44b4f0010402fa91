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

Write-Host 'Back-promotion: production''s hotfix PROD-4821 into a copy of UAT, merged against the right baseline.'
Write-Host 'The baseline is production as it was when UAT was refreshed (docs/samples/production-at-uat-refresh), recorded'
Write-Host 'for the pair with Export-OrgSnapshot -BaselineFor, so Invoke-BackPromotion finds it. Since then UAT''s developers'
Write-Host 'granted their new Discount__c field in the Admin profile and dropped Status__c from Invoice_Manager, which the'
Write-Host 'hotfix had just made editable: the profile merges, the permission set has one true conflict.'
$atRefresh = Join-Path $root 'docs/samples/production-at-uat-refresh'
$uatCopy = Join-Path $root 'out/demo-uat'
if (Test-Path $uatCopy) { Remove-Item -Recurse -Force $uatCopy }
Copy-Item -Recurse $uat $uatCopy
$default = Join-Path $uatCopy 'force-app/main/default'
$profile = Join-Path $default 'profiles/Admin.profile-meta.xml'
$grant = "    <fieldPermissions>`n        <editable>true</editable>`n        <field>Invoice__c.Discount__c</field>`n        <readable>true</readable>`n    </fieldPermissions>`n"
$text = Get-Content -Raw $profile
Set-Content $profile $text.Insert($text.IndexOf('    <fieldPermissions>'), $grant) -NoNewline
$permissionSet = Join-Path $default 'permissionsets/Invoice_Manager.permissionset-meta.xml'
Set-Content $permissionSet ((Get-Content -Raw $permissionSet) -replace '(?s)    <fieldPermissions>\s*<editable>true</editable>\s*<field>Invoice__c\.Status__c</field>.*?</fieldPermissions>\n', '') -NoNewline
$null = Export-OrgSnapshot -Source $atRefresh -Store $store -BaselineFor $production, $uatCopy

Write-Host "`nInvoke-BackPromotion -WhatIf: the plan, nothing written."
Invoke-BackPromotion -Source $production -Target $uatCopy -Store $store -WhatIf |
    Format-Table Status, Action, Type, FullName, Reason -AutoSize -Wrap | Out-String -Width 220 | Write-Host

Write-Host 'Invoke-BackPromotion for real, on the copy: what each merge took from each side, and the conflict.'
$results = Invoke-BackPromotion -Source $production -Target $uatCopy -Store $store -WarningAction SilentlyContinue
$results | Format-Table Status, Action, Type, FullName -AutoSize | Out-String -Width 220 | Write-Host
$results | Where-Object { $_.Merged.Count } | ForEach-Object {
    $component = $_
    $_.Merged | Select-Object @{ n = 'Component'; e = { "$($component.Type) $($component.FullName)" } }, TakenFrom, Path
} | Format-Table -AutoSize | Out-String -Width 220 | Write-Host
$results | Where-Object { $_.Conflicts.Count } | ForEach-Object {
    $component = $_
    $_.Conflicts | Select-Object @{ n = 'Component'; e = { "$($component.Type) $($component.FullName)" } }, Path, Base, Source, Target
} | Format-Table -AutoSize | Out-String -Width 220 | Write-Host
Write-Host 'The Admin profile in the UAT copy now holds both the hotfix''s Credit_Limit__c and UAT''s Discount__c:'
Select-String -Path $profile -Pattern 'Credit_Limit__c|Discount__c' | ForEach-Object { '   ' + $_.Line.Trim() } | Write-Host
Write-Host 'Resolve the conflict by hand, or rerun with -ConflictAction KeepTarget (keep UAT''s choice) or Overwrite (take production''s).'

Write-Host "`nThe whole pipeline (docs/samples/pipeline/acme.pipeline.json): development, integration, UAT, a hotfix sandbox"
Write-Host 'and production, with the repository as the source of truth. Test-SandboxPipeline checks it against practice;'
Write-Host 'Get-PipelineDrift reads each environment once and shows every link, and what its drift means.'
$pipeline = Join-Path $root 'docs/samples/pipeline/acme.pipeline.json'
Get-SandboxPipeline $pipeline | Format-Table Name, Role, Type, Location, Owner -AutoSize | Out-String -Width 220 | Write-Host
$findings = @(Test-SandboxPipeline $pipeline)
Write-Host ("Test-SandboxPipeline: {0} finding(s)" -f $findings.Count)
$drift = @(Get-PipelineDrift $pipeline)
$drift | Format-Table -AutoSize | Out-String -Width 220 | Write-Host
Write-Host 'Hand changes (in UAT or production, in neither the repository nor any environment below):'
$drift | Where-Object Kind -EQ Repository | ForEach-Object { $link = $_; $_.HandChanges | ForEach-Object { "   $($link.From): $($_.Type) $($_.FullName): $($_.Summary)" } } | Write-Host
Write-Host 'Work in flight (in a lower environment only):'
$drift | Where-Object Kind -EQ Repository | ForEach-Object { $link = $_; $_.InFlight | ForEach-Object { "   $($link.From): $($_.Type) $($_.FullName)" } } | Write-Host
$report = $drift | Export-PipelineReport (Join-Path $root 'out/demo-drift.html') -Force
Write-Host "The report people look at: $($report.FullName) (open it in a browser)."
