<#
.SYNOPSIS
    Refreshes a sandbox of a pipeline safely, from plan to back-promotion: plan, snapshot, verify, refresh,
    baseline, post-refresh fixes, and production's hotfixes brought down since the baseline.
.DESCRIPTION
    Run it in a session where the pipeline's orgs are connected (Connect-SalesforceOrg with a refresh token or
    JWT, so the sandbox's session renews itself after the refresh makes it a new org); an org location that is
    not connected is connected through the Salesforce CLI. Steps:
      1. Get-SandboxRefreshPlan: stop when the licence's interval has not passed or a copy is under way.
      2. Export-OrgSnapshot of the sandbox and Test-OrgSnapshot: the work the refresh wipes is kept, verified.
      3. Start-SandboxRefresh: refused unless that snapshot guards it; the copy is followed to its end, and the
         refreshed sandbox recorded as the baseline of back-promotions from production.
      4. Invoke-PostRefreshTask: endpoints, users' e-mail addresses and custom settings put right; stop on a failure.
      5. Invoke-SandboxDataMask, by the environment's masking policy in the pipeline file: production's records in
         the copy masked in place; stop while any record is left unmasked (run again: it masks only what is left).
      6. Invoke-BackPromotion from production: what production changed since the baseline (hotfixes made during
         or after the copy) comes down, and the sandbox's own changes since (the post-refresh fixes) are kept.
    Run later with -Step Mask to finish a masking that stopped, or -Step BackPromote (nightly, say) to bring down
    the hotfixes made since. Returns one summary
    object; any failure is thrown, so `pwsh -File refresh-uat.ps1` exits 1.
.EXAMPLE
    Connect-SalesforceOrg -Alias prod; Connect-SalesforceOrg -Alias uat
    ./docs/examples/refresh-uat.ps1 -Pipeline ./pipeline.json -Store /backups/snapshots -MaskingKeyFile /secrets/masking.key
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    # The pipeline file; the sandbox and production are its environments.
    [Parameter(Mandatory)] [string] $Pipeline,
    # The snapshot store: the sandbox's snapshot before the refresh, the baseline after it.
    [Parameter(Mandatory)] [string] $Store,
    # The environment to refresh.
    [string] $Environment = 'uat',
    # All of it, only the masking and what follows it, or only the back-promotion of production's hotfixes since the baseline.
    [ValidateSet('All', 'Mask', 'BackPromote')] [string] $Step = 'All',
    # The masking key (keep it with the runbook's other secrets): a masking that stops is finished with the same key.
    [string] $MaskingKeyFile,
    # How often the copy's progress is read, and how long it is followed.
    [timespan] $PollInterval = '00:00:30',
    [timespan] $Timeout = '04:00:00',
    # Where the module is; by default the one built in this repository.
    [string] $Module = (Join-Path $PSScriptRoot '../../out/SandboxOps/SandboxOps.psd1')
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Command Start-SandboxRefresh -ErrorAction SilentlyContinue)) { Import-Module $Module }

$environments = @(Get-SandboxPipeline $Pipeline)
$sandbox = $environments | Where-Object Name -eq $Environment
$production = $environments | Where-Object Role -eq 'Production' | Select-Object -First 1
if (-not $sandbox -or -not $production) { throw "The pipeline '$Pipeline' needs the environment '$Environment' and a Production environment." }
foreach ($location in @($sandbox.Source, $production.Source) -like 'org:*') {
    $alias = $location.Substring(4)
    if (-not (Get-SalesforceOrg | Where-Object Name -eq $alias)) { Connect-SalesforceOrg -Alias $alias | Out-Null }
}

$summary = [ordered]@{ Environment = $Environment; Plan = $null; Snapshot = $null; Refresh = $null; PostRefresh = @(); Masking = @(); BackPromotion = @() }
if ($Step -eq 'All') {
    # 1. The plan: only what no snapshot can fix stops the runbook here.
    $plan = Get-SandboxRefreshPlan $Pipeline -Environment $Environment
    $summary.Plan = $plan
    $blocking = @($plan.Reasons | Where-Object { $_ -match 'may be refreshed every|already .* \(process|only sandboxes' })
    if ($blocking) { throw "'$Environment' cannot be refreshed now: $($blocking -join ' ')" }
    Write-Host "$Environment`: last refreshed $($plan.LastRefresh) ($($plan.LastRefreshSource)); $($plan.AtRisk) component(s) only there, kept by the snapshot."

    # 2. Snapshot and verify.
    $snapshot = Export-OrgSnapshot -Source $sandbox.Source -Store $Store -Description "Before the refresh of $Environment"
    $issues = @(Test-OrgSnapshot -Snapshot $snapshot)
    if ($issues) { throw "Snapshot $($snapshot.Name) did not verify: $($issues[0].Message)" }
    $summary.Snapshot = $snapshot.Name
    Write-Host "Snapshot $($snapshot.Name): $($snapshot.ComponentCount) components, verified."

    # 3. Refresh, follow, baseline.
    if (-not $PSCmdlet.ShouldProcess($Environment, 'Refresh from production')) { return [pscustomobject]$summary }
    $refresh = Start-SandboxRefresh $Environment -Pipeline $Pipeline -Store $Store -PollInterval $PollInterval -Timeout $Timeout -Confirm:$false
    $summary.Refresh = $refresh
    if ($refresh.Outcome -ne 'Completed') { throw "The refresh of $Environment ended $($refresh.Outcome) ($($refresh.Status)); resume with Wait-SandboxRefresh $Environment -Pipeline $Pipeline -Store $Store." }
    Write-Host "Refreshed $Environment at $($refresh.RefreshedAt); baseline $($refresh.Baseline)."

    # 4. Post-refresh fixes.
    $tasks = @(Invoke-PostRefreshTask $Environment -Pipeline $Pipeline -Confirm:$false)
    $summary.PostRefresh = $tasks
    $tasks | Where-Object Status -eq 'NeedsManualAction' | ForEach-Object { Write-Warning "$($_.Task) $($_.Target): $($_.Detail)" }
    $failed = @($tasks | Where-Object Status -eq 'Failed')
    if ($failed) { throw "Post-refresh tasks failed: $(($failed | ForEach-Object { "$($_.Target): $($_.Detail)" }) -join '; ')" }
}

if ($Step -in 'All', 'Mask') {
    # 5. Production's records in the copy masked, as the pipeline's masking policy says.
    $policy = $sandbox.Refresh.Masking
    if (-not $policy) {
        Write-Warning "The pipeline gives '$Environment' no masking policy: its records were not masked (Test-SandboxPipeline says which sandboxes need one)."
    } elseif (-not $policy.Required) {
        Write-Host "$Environment is not masked: $($policy.Exemption)"
    } elseif ($sandbox.Source -notlike 'org:*') {
        Write-Warning "'$Environment' is not an org location ($($sandbox.Source)): mask its records with Invoke-SandboxDataMask once it is connected."
    } else {
        $key = if ($MaskingKeyFile) { @{ KeyFile = $MaskingKeyFile } } else { @{} }
        # Refused records and a job Salesforce stopped are errors of their object; the other objects go on.
        $masked = @(Invoke-SandboxDataMask -Org $sandbox.Source.Substring(4) -Rules $policy.Rules @key -Confirm:$false -ErrorAction Continue -ErrorVariable maskingErrors)
        $summary.Masking = $masked
        $masked | ForEach-Object { Write-Host "Masked $($_.Object): $($_.Masked) now, $($_.AlreadyMasked) before, $($_.Failed) refused." }
        if ($maskingErrors) {
            throw "Records of '$Environment' are still unmasked ($(($maskingErrors | ForEach-Object { "$($_.TargetObject): $($_.Exception.Message)" }) -join ' | ')). Put the causes right and run this runbook again with -Step Mask: it masks only what is left."
        }
    }
}

# 6. Production's changes since the baseline come down; the sandbox's own changes since are kept.
$promoted = @(Invoke-BackPromotion -Source $production.Source -Target $sandbox.Source -Store $Store -Confirm:$false)
$summary.BackPromotion = $promoted
Write-Host "Back-promotion from $($production.Name): $(@($promoted | Where-Object Status -eq 'Promoted').Count) promoted, $(@($promoted | Where-Object Status -eq 'Skipped').Count) kept as the sandbox's own."
[pscustomobject]$summary
