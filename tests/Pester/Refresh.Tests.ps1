# Sandbox refreshes against two simulated orgs on 127.0.0.1: production, which serves the Tooling API's
# SandboxInfo and SandboxProcess and hands its metadata and records to the sandbox's simulator when a copy
# completes, and the sandbox (uat), connected with JWT so its session renews after the copy ends the old ones.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Fixtures = Join-Path $RepositoryRoot 'tests/fixtures/simulator'
    $key = [System.Security.Cryptography.RSA]::Create(2048)
    $script:KeyFile = Join-Path $TestDrive 'jwt-key.pem'
    Set-Content -Path $KeyFile -Value $key.ExportPkcs8PrivateKeyPem() -NoNewline
    $script:Uat = Start-SimulatorProcess (Join-Path $RepositoryRoot 'docs/samples/production-at-uat-refresh') @('--public-key', $KeyFile, '--data', (Join-Path $Fixtures 'production-records.json'))
    $sandboxes = @(
        @{ name = 'uat'; licenseType = 'DEVELOPER'; lastRefresh = [DateTimeOffset]::UtcNow.AddDays(-3).ToString('o'); copyTo = $Uat.Url; pollsToComplete = 3 }
        @{ name = 'qa'; licenseType = 'DEVELOPER'; fails = $true; pollsToComplete = 4 }
        @{ name = 'stg'; licenseType = 'FULL'; pollsToComplete = 100000 }
        @{ name = 'train'; licenseType = 'DEVELOPER'; pollsToComplete = 2 }
        @{ name = 'partial'; licenseType = 'PARTIAL'; lastRefresh = [DateTimeOffset]::UtcNow.AddDays(-2).ToString('o') }
    )
    $sandboxFile = Join-Path $TestDrive 'sandboxes.json'
    ConvertTo-Json -InputObject $sandboxes -Depth 3 | Set-Content $sandboxFile
    $script:Production = Start-SimulatorProcess (Join-Path $RepositoryRoot 'docs/samples/production') @('--production', '--sandboxes', $sandboxFile, '--data', (Join-Path $Fixtures 'production-records.json'))
    $null = Connect-SalesforceOrg -Alias prod -InstanceUrl $Production.Url -AccessToken (ConvertTo-SecureString $Production.AccessToken -AsPlainText -Force)
    $null = Connect-SalesforceOrg -Alias uat -ClientId '3MVG9SimulatedClientId' -Username 'admin@simulated.example' -PrivateKeyPath $KeyFile -LoginUrl $Uat.Url

    $script:PipelineFile = Join-Path $TestDrive 'refresh.pipeline.json'
    foreach ($name in 'qa', 'stg', 'train', 'partial') {
        Copy-Item -Recurse (Join-Path $RepositoryRoot 'docs/samples/production/classes') (New-Item -ItemType Directory -Force (Join-Path $TestDrive $name)).FullName
    }
    @{
        name = 'Refresh'
        environments = @(
            @{ name = 'prod'; type = 'Production'; role = 'Production'; location = 'org:prod' }
            @{ name = 'uat'; type = 'Developer'; role = 'UAT'; location = 'org:uat'
               postRefresh = @{ endpoints = @(@{ from = 'https://billing.example.com'; to = 'https://billing-uat.example.com' })
                                customSettings = @(@{ object = 'Billing_Settings__c'; field = 'Endpoint__c' })
                                users = @('dana.dev@acme.example.uat', 'release@*') }
               masking = @{ rules = (Join-Path $RepositoryRoot 'docs/samples/data/masking-rules.json') } }
            @{ name = 'qa'; type = 'Developer'; role = 'Testing'; location = './qa' }
            @{ name = 'stg'; type = 'Full'; role = 'Staging'; location = './stg' }
            @{ name = 'train'; type = 'Developer'; role = 'Testing'; location = './train' }
            @{ name = 'partial'; type = 'Partial'; role = 'Integration'; location = './partial' }
        )
        promotions = @(@{ from = 'uat'; to = 'prod' })
        backPromotions = @(@{ from = 'prod'; to = 'uat' })
        refresh = @{ objects = @('Account', 'Contact', 'Invoice__c'); recordsPerMinute = 10000 }
    } | ConvertTo-Json -Depth 6 | Set-Content $PipelineFile
    $script:Store = Join-Path $TestDrive 'store'
    $script:Runbook = Join-Path $RepositoryRoot 'docs/examples/refresh-uat.ps1'
    # The runbook's masking keeps its ledger in the user's local data folder: this run keeps it here.
    $script:SavedDataHome = $env:XDG_DATA_HOME
    $env:XDG_DATA_HOME = Join-Path $TestDrive 'data-home'
    $script:MaskingKey = Join-Path $RepositoryRoot 'docs/samples/data/sample.key'
}

AfterAll {
    $env:XDG_DATA_HOME = $script:SavedDataHome
    Get-SalesforceOrg | Disconnect-SalesforceOrg
    Stop-SimulatorProcess $script:Production
    Stop-SimulatorProcess $script:Uat
}

Describe 'Get-SandboxRefreshPlan' {
    It 'gives each sandbox its last refresh from production, the next one its licence allows, the work at risk and the data to load' {
        $plans = @(Get-SandboxRefreshPlan $PipelineFile -Environment uat, partial)
        $uat = $plans | Where-Object Environment -EQ uat
        $partial = $plans | Where-Object Environment -EQ partial

        $uat.LastRefreshSource | Should -Be 'production org'
        $uat.DaysSinceRefresh | Should -Be 3
        ($uat.NextAllowed - $uat.LastRefresh).TotalDays | Should -Be 1
        $uat.AtRisk | Should -BeGreaterThan 0 -Because 'the sandbox holds work production does not'
        $uat.AtRiskComponents | Should -Contain 'ApexClass InvoiceService'
        $uat.RecordCounts['Account'] | Should -Be 120000
        $uat.EstimatedDataLoad | Should -Be ([TimeSpan]::FromMinutes((120000 + 340000 + 95000) / 10000))
        $uat.Ready | Should -BeFalse
        $uat.Reasons -join ' ' | Should -Match 'no verified snapshot'
        $partial.Reasons -join ' ' | Should -Match 'every 5 day\(s\)'
        $uat.PSObject.TypeNames[0] | Should -Be 'SandboxOps.Engine.Refreshes.SandboxRefreshPlan'
    }
}

Describe 'Start-SandboxRefresh refusals' {
    It 'refuses without a verified snapshot, before the interval, and for production, sending nothing' {
        { Start-SandboxRefresh uat -Pipeline $PipelineFile -Store $Store -Confirm:$false } | Should -Throw '*would wipe work that no snapshot holds*-Force*'
        { Start-SandboxRefresh partial -Pipeline $PipelineFile -Org prod -Force -Confirm:$false } | Should -Throw '*every 5 day(s)*Salesforce refuses it before*'
        { Start-SandboxRefresh prod -Pipeline $PipelineFile -Confirm:$false } | Should -Throw '*only sandboxes are refreshed*'
        (Wait-SandboxRefresh uat -Pipeline $PipelineFile -Timeout 0 -WarningAction SilentlyContinue).Outcome | Should -Be 'Completed' -Because 'the last copy is still the one of three days ago'
    }

    It 'never runs post-refresh tasks on production' {
        { Invoke-PostRefreshTask prod -Pipeline $PipelineFile } | Should -Throw '*never run on production*'
        { Invoke-PostRefreshTask uat -Pipeline $PipelineFile -Target org:prod } | Should -Throw '*is a production org*'
    }
}

Describe 'The refresh runbook (docs/examples/refresh-uat.ps1)' {
    It 'plans, snapshots, verifies, refreshes with progress, records the baseline, fixes the copy and back-promotes' {
        $summary = & $Runbook -Pipeline $PipelineFile -Store $Store -PollInterval '00:00:00.2' -MaskingKeyFile $MaskingKey -Verbose 4>&1 3>$null 6>$null |
            Tee-Object -Variable everything | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $verbose = @($everything | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)

        $summary.Snapshot | Should -Not -BeNullOrEmpty
        $summary.Refresh.Outcome | Should -Be 'Completed'
        $summary.Refresh.Baseline | Should -Not -BeNullOrEmpty
        $verbose | Should -Contain 'uat: Processing (33%)'
        (Get-OrgSnapshot -Store $Store -Name $summary.Refresh.Baseline).Description | Should -Be 'Back-promotion baseline: org:prod -> org:uat'
        @($summary.PostRefresh | Where-Object Status -EQ Done).Target | Sort-Object | Should -Be @('Billing_Settings__c Default.Endpoint__c', 'NamedCredential Billing_API', 'RemoteSiteSetting Billing_API', 'User dana.dev@acme.example.uat', 'User release@acme.example.uat')
        @($summary.PostRefresh | Where-Object Status -EQ NeedsManualAction).Task | Sort-Object | Should -Be @('Reauthenticate', 'ReviewScheduledJob')
        @($summary.Masking | ForEach-Object { "$($_.Object) $($_.Masked) $($_.Complete)" }) | Should -Be @('Contact 6 True', 'Lead 3 True') -Because 'the copy took production''s records, which the pipeline says uat masks'
        (Invoke-SandboxDataMask -Org uat -Object Lead -Rules (Join-Path $RepositoryRoot 'docs/samples/data/masking-rules.json') -KeyFile $MaskingKey -Confirm:$false).AlreadyMasked | Should -Be 3
        @($summary.BackPromotion | Where-Object Status -EQ Promoted) | Should -BeNullOrEmpty -Because 'the sandbox is production as of the copy'

        # The sandbox is production's copy now, but for the endpoints the post-refresh tasks rewrote.
        $differences = @(Compare-OrgMetadata -Source org:prod -Target org:uat)
        @($differences | ForEach-Object { "$($_.Type) $($_.FullName)" } | Sort-Object) | Should -Be @('NamedCredential Billing_API', 'RemoteSiteSetting Billing_API')
    }

    It 'finds the post-refresh work done on a second run' {
        $again = @(Invoke-PostRefreshTask uat -Pipeline $PipelineFile -Confirm:$false)
        @($again | Where-Object Status -EQ Done) | Should -BeNullOrEmpty
        @($again | Where-Object Status -EQ AlreadyDone).Target | Sort-Object | Should -Be @('Billing_Settings__c Default.Endpoint__c', 'NamedCredential Billing_API', 'RemoteSiteSetting Billing_API', 'User dana.dev@acme.example.uat', 'User release@acme.example.uat')
    }

    It 'brings down a hotfix production made after the copy, keeping the sandbox''s own fixes' {
        $hotfix = New-Item -ItemType Directory (Join-Path $TestDrive 'hotfix/classes') -Force
        $class = Get-Content -Raw (Join-Path $RepositoryRoot 'docs/samples/production/classes/InvoiceService.cls')
        Set-Content (Join-Path $hotfix 'InvoiceService.cls') ($class -replace 'public with sharing class InvoiceService \{', "public with sharing class InvoiceService {`n    // hotfix: rounding") -NoNewline
        Copy-Item (Join-Path $RepositoryRoot 'docs/samples/production/classes/InvoiceService.cls-meta.xml') $hotfix
        Set-Content (Join-Path $TestDrive 'hotfix/package.xml') '<?xml version="1.0" encoding="UTF-8"?><Package xmlns="http://soap.sforce.com/2006/04/metadata"><types><members>InvoiceService</members><name>ApexClass</name></types><version>62.0</version></Package>'
        (Publish-DeploymentPackage -Org prod -Package (Join-Path $TestDrive 'hotfix') -AllowProduction -Force -TestLevel RunLocalTests).Success | Should -BeTrue

        $summary = & $Runbook -Pipeline $PipelineFile -Store $Store -Step BackPromote 6>$null

        ($summary.BackPromotion | Where-Object Status -EQ Promoted).FullName | Should -Be 'InvoiceService'
        @($summary.BackPromotion | Where-Object Status -EQ Skipped).FullName | Should -Contain 'Billing_API'
        @(Compare-OrgMetadata -Source org:prod -Target org:uat -Type ApexClass) | Should -BeNullOrEmpty
        (Get-OrgMetadata -Source org:uat -Type RemoteSiteSetting).FullName | Should -Be 'Billing_API'
        @(Compare-OrgMetadata -Source org:prod -Target org:uat -Type RemoteSiteSetting).Count | Should -Be 1 -Because 'the sandbox keeps its own endpoint'
    }
}

Describe 'Refreshes that do not complete' {
    It 'reports a failed copy as an error and a Failed record' {
        $result = Start-SandboxRefresh qa -Pipeline $PipelineFile -Org prod -Force -PollInterval '00:00:00.1' -Confirm:$false -ErrorVariable failure -ErrorAction SilentlyContinue -WarningAction SilentlyContinue

        $result.Outcome | Should -Be 'Failed'
        $result.Status | Should -Be 'Stopped'
        "$failure" | Should -Match "The refresh of 'qa'.*ended Stopped"
    }

    It 'returns a copy still under way when the wait ends, and resumes it with Wait-SandboxRefresh' {
        $result = Start-SandboxRefresh stg -Pipeline $PipelineFile -Org prod -Force -Timeout '00:00:01' -PollInterval '00:00:00.2' -Confirm:$false -WarningVariable warned -WarningAction SilentlyContinue

        $result.Outcome | Should -Be 'TimedOut'
        $result.CopyProgress | Should -BeLessThan 100
        "$warned" | Should -Match 'Wait-SandboxRefresh -Environment stg'
        (Wait-SandboxRefresh stg -Pipeline $PipelineFile -Org prod -Timeout 0 -WarningAction SilentlyContinue).Outcome | Should -Be 'TimedOut'
        { Start-SandboxRefresh stg -Pipeline $PipelineFile -Org prod -Force -Confirm:$false -WarningAction SilentlyContinue } | Should -Throw '*already Processing*Wait-SandboxRefresh*'
    }

    It 'leaves a copy without auto-activation waiting, and activates it on request' {
        $result = Start-SandboxRefresh train -Pipeline $PipelineFile -Org prod -Force -NoAutoActivate -PollInterval '00:00:00.1' -Confirm:$false -WarningAction SilentlyContinue
        $result.Outcome | Should -Be 'AwaitingActivation'

        Wait-SandboxRefresh train -Pipeline $PipelineFile -Org prod -Activate -WhatIf | Should -BeNullOrEmpty
        (Wait-SandboxRefresh train -Pipeline $PipelineFile -Org prod -Activate -PollInterval '00:00:00.1' -Confirm:$false -WarningAction SilentlyContinue).Outcome | Should -Be 'Completed'
    }
}

Describe 'Refreshes in the report and the strategy document' {
    It 'draws a refresh calendar that renders, one row per sandbox, open from the day the licence allows' {
        $plans = @(Get-SandboxRefreshPlan $PipelineFile -Environment uat, partial)
        $report = Join-Path $TestDrive 'refresh-report.html'
        $plans | Export-PipelineReport $report -Pipeline $PipelineFile | Should -Exist
        $html = Get-Content -Raw $report

        $html | Should -Match '<section id="refresh-calendar">'
        $html | Should -Match 'data-environment="uat" data-ready="false"'
        $partial = [regex]::Match($html, '<tr data-environment="partial".*?</tr>').Value
        ([regex]::Matches($partial, 'class="day closed')).Count | Should -BeIn 2, 3 -Because 'a Partial Copy refreshed two days ago opens on the fifth day'
        ([regex]::Matches($partial, 'class="day open')).Count | Should -BeGreaterThan 30
        $html | Should -Not -Match '<script'
        $rendered = Invoke-Chromium -Html $report
        $rendered.Dom | Should -Match 'id="refresh-calendar"' -Because 'a browser renders the calendar'
        $rendered.Log | Should -Not -Match 'Uncaught|ERROR:.*(css|html)'

    }

    It 'gives the strategy document a refresh section with intervals, readiness and post-refresh rules' {
        $plans = @(Get-SandboxRefreshPlan $PipelineFile -Environment uat)
        $strategy = Join-Path $TestDrive 'strategy.md'
        $plans | Export-PipelineReport $strategy -Pipeline $PipelineFile | Out-Null
        $text = Get-Content -Raw $strategy

        $text | Should -Match '## Refreshes'
        $text | Should -Match '\| uat \| uat \| Developer \| 1 d \| .* \| no: .*\| https://billing.example.com → https://billing-uat.example.com; Billing_Settings__c.Endpoint__c rewritten; e-mail restored for dana.dev@acme.example.uat, release@\* \|'
        $text | Should -Match '\| partial \| partial \| Partial \| 5 d \| .* \| not planned \|'
        $text | Should -Match '## Masking'
        $text | Should -Match '\| stg \| Full \| yes \| \*\*not declared\*\* \|'
        $text | Should -Match '\| qa \| Developer \| no \| none declared \|'
    }
}
