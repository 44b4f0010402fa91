# Live-org cmdlets against the simulated org (tests/SandboxOps.Simulator) on 127.0.0.1: no Salesforce org
# can be reached from these machines, so the real client talks to a local simulator of the protocol.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Production = Join-Path $RepositoryRoot 'docs/samples/production'
    $script:Org = Start-SimulatedOrg -OrgFolder $Production -WorkFolder $TestDrive
}

AfterAll {
    Stop-SimulatedOrg $script:Org
}

Describe 'Connect-SalesforceOrg' {
    AfterEach {
        Get-SalesforceOrg | Disconnect-SalesforceOrg
    }

    It 'connects an org the Salesforce CLI knows and keeps it for the session' {
        $connection = Connect-SalesforceOrg -Alias uat
        $connection.Alias | Should -Be 'uat'
        $connection.Username | Should -Be 'admin@simulated.example'
        $connection.IsSandbox | Should -BeTrue
        (Get-SalesforceOrg).Name | Should -Be 'uat'
        (Get-SalesforceOrg -Name 'u*').OrgId | Should -Be $connection.OrgId
    }

    It 'connects with the JWT bearer flow and with an access token' {
        (Connect-SalesforceOrg -Alias ci -ClientId $env:SF_CLIENT_ID -Username $env:SF_USERNAME -PrivateKeyPath $env:SF_JWT_KEY_FILE -LoginUrl $env:SF_LOGIN_URL).Name | Should -Be 'ci'
        $token = ConvertTo-SecureString $Org.AccessToken -AsPlainText -Force
        (Connect-SalesforceOrg -InstanceUrl $Org.Url -AccessToken $token -Alias hotfix).Name | Should -Be 'hotfix'
        (Get-SalesforceOrg).Name | Should -Be @('ci', 'hotfix')
    }

    It 'without the Salesforce CLI, says which other ways there are' {
        { Connect-SalesforceOrg -Alias uat -SalesforceCliPath (Join-Path $TestDrive 'no-such-sf') -ErrorAction Stop } |
            Should -Throw -ErrorId 'SandboxOps.Org.SalesforceCliNotFound*'
        $Error[0].Exception.Message | Should -Match '-AccessToken'
    }

    It 'refuses a key that is not the certificate''s, naming the OAuth error' {
        $other = Join-Path $TestDrive 'other.pem'
        Set-Content $other ([System.Security.Cryptography.RSA]::Create(2048).ExportPkcs8PrivateKeyPem()) -NoNewline
        { Connect-SalesforceOrg -ClientId $env:SF_CLIENT_ID -Username $env:SF_USERNAME -PrivateKeyPath $other -LoginUrl $Org.Url -ErrorAction Stop } |
            Should -Throw -ErrorId 'SandboxOps.Org.invalid_grant*'
    }

    It 'never shows the token: not in output, formatting, JSON, Debug or the log file' {
        $log = Join-Path $TestDrive 'org.log'
        $SandboxOpsLogPath = $log
        $DebugPreference = 'Continue'
        $streams = & {
            $connection = Connect-SalesforceOrg -Alias uat
            $connection
            $connection | Format-List * | Out-String
            $connection | ConvertTo-Json -Depth 3
            Get-OrgMetadata -Source org:uat -Type ApexClass | Out-String
        } *>&1 | Out-String
        $DebugPreference = 'SilentlyContinue'
        $streams | Should -Match 'admin@simulated.example'
        $streams | Should -Not -Match ([regex]::Escape($Org.AccessToken))
        Get-Content -Raw $log | Should -Not -Match ([regex]::Escape($Org.AccessToken))
    }
}

Describe 'Get-OrgMetadata -Source' {
    BeforeAll {
        $null = Connect-SalesforceOrg -Alias uat
    }

    AfterAll {
        Get-SalesforceOrg | Disconnect-SalesforceOrg
    }

    It 'reads the org as the folder it was built from: same components, same hashes' {
        $fromOrg = Get-OrgMetadata -Source org:uat -Parallelism 3 | ForEach-Object { "$($_.Type) $($_.FullName) $($_.ContentHash)" } | Sort-Object
        $fromFolder = Get-OrgMetadata $Production | ForEach-Object { "$($_.Type) $($_.FullName) $($_.ContentHash)" } | Sort-Object
        $fromOrg | Should -Be $fromFolder
        (Get-OrgMetadata -Source org:uat -Type ApexClass | Select-Object -First 1).Source | Should -Be 'org:uat'
    }

    It 'completes org:<alias> for -Source and the alias for -Org, and leaves paths to PowerShell' {
        $sources = TabExpansion2 -inputScript 'Get-OrgMetadata -Source org:u' -cursorColumn 'Get-OrgMetadata -Source org:u'.Length
        $sources.CompletionMatches.CompletionText | Should -Contain 'org:uat'
        $orgs = TabExpansion2 -inputScript 'Publish-DeploymentPackage -Org u' -cursorColumn 'Publish-DeploymentPackage -Org u'.Length
        $orgs.CompletionMatches.CompletionText | Should -Contain 'uat'
        Push-Location $RepositoryRoot
        try {
            $paths = TabExpansion2 -inputScript 'Compare-OrgMetadata -Source ./docs/sam' -cursorColumn 'Compare-OrgMetadata -Source ./docs/sam'.Length
            $paths.CompletionMatches.CompletionText | Should -Match 'samples'
        }
        finally { Pop-Location }
    }

    It 'leaves no temporary folder behind' {
        $before = @(Get-ChildItem ([System.IO.Path]::GetTempPath()) -Filter 'sandboxops-retrieve-*').Count
        $null = Get-OrgMetadata -Source org:uat -Type CustomLabel
        @(Get-ChildItem ([System.IO.Path]::GetTempPath()) -Filter 'sandboxops-retrieve-*').Count | Should -Be $before
    }

    It 'names the connected orgs when asked for one that is not' {
        { Get-OrgMetadata -Source org:nosuch -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxOps.Org.OrgNotConnected*'
        $Error[0].Exception.Message | Should -Match 'uat'
    }
}

Describe 'Orgs as sources of the other commands' {
    BeforeAll {
        $null = Connect-SalesforceOrg -Alias uat
    }

    AfterAll {
        Get-SalesforceOrg | Disconnect-SalesforceOrg
    }

    It 'compares an org with the folder it was built from: no differences, by alias or by connection' {
        Compare-OrgMetadata -Source uat -Target $Production | Should -BeNullOrEmpty
        Compare-OrgMetadata -Source (Get-SalesforceOrg uat) -Target 'org:uat' | Should -BeNullOrEmpty
    }

    It 'snapshots an org, recording which org it was' {
        $store = Join-Path $TestDrive 'org-store'
        $snapshot = Export-OrgSnapshot -Source uat -Store $store
        $snapshot.Source | Should -Be 'org:uat'
        $manifest = Read-GzipText (Join-Path $store "snapshots/$($snapshot.Name)/manifest.json.gz") | ConvertFrom-Json
        $manifest.source.kind | Should -Be 'Org'
        $manifest.source.orgId | Should -Be (Get-SalesforceOrg uat).OrgId
        $manifest.source.alias | Should -Be 'uat'
        $manifest.source.permissionsComplete | Should -BeTrue
        Compare-OrgMetadata $snapshot $Production | Should -BeNullOrEmpty
    }

    It 'back-promotes from an org into a project (plan only)' {
        $project = Join-Path $TestDrive 'dev-project'
        Copy-Item -Recurse (Join-Path $RepositoryRoot 'docs/samples/uat') $project
        $plan = @(Invoke-BackPromotion -Source uat -Target $project -Store (Join-Path $TestDrive 'bp-store') -WhatIf -WarningAction SilentlyContinue)
        $plan.Count | Should -BeGreaterThan 0
        $plan.Status | Should -Contain 'Conflict' # no baseline yet: who changed what is unknown
        Compare-OrgMetadata $project (Join-Path $RepositoryRoot 'docs/samples/uat') | Should -BeNullOrEmpty
    }
}

Describe 'Invoke-BackPromotion into a live org' {
    BeforeAll {
        $script:Qa = Start-SimulatorProcess $Production
        $null = Connect-SalesforceOrg -InstanceUrl $Qa.Url -AccessToken (ConvertTo-SecureString $Qa.AccessToken -AsPlainText -Force) -Alias qa
        $script:PromotionStore = Join-Path $TestDrive 'promotion-store'
    }

    AfterAll {
        Stop-SimulatorProcess $script:Qa
        Get-SalesforceOrg | Disconnect-SalesforceOrg
    }

    It 'with -CheckOnly validates what it would promote, changes nothing in the org and records no baseline' {
        $uat = Join-Path $RepositoryRoot 'docs/samples/uat'
        $store = Join-Path $TestDrive 'check-only-store'
        $results = @(Invoke-BackPromotion -Source $uat -Target org:qa -Store $store -ConflictAction Overwrite -CheckOnly -TestLevel RunLocalTests -WarningAction SilentlyContinue)
        @($results | Where-Object Status -eq 'Validated').Count | Should -BeGreaterThan 0
        @($results | Where-Object Status -eq 'Promoted').Count | Should -Be 0
        (Get-OrgMetadata -Source org:qa -Type ApexClass).FullName | Should -Not -Contain 'InvoiceDiscountService'
        @(Get-OrgSnapshot $store | Where-Object Description -like 'Back-promotion baseline*').Count | Should -Be 0
    }

    It 'merges a profile both sides changed and says which revocations a deploy cannot make' {
        # The org is production; at the baseline, Admin lacked ViewSetup (the org added it since); the source
        # dropped the Amount__c field permission since. The merge keeps both; the deploy cannot revoke Amount__c.
        $baseline = Join-Path $TestDrive 'qa-at-refresh'
        Copy-Item -Recurse $Production $baseline
        $admin = Join-Path $baseline 'profiles/Admin.profile'
        Set-Content $admin ((Get-Content -Raw $admin) -replace '(?s)\s*<userPermissions>\s*<enabled>true</enabled>\s*<name>ViewSetup</name>\s*</userPermissions>', '') -NoNewline
        $source = Join-Path $TestDrive 'source-without-amount'
        Copy-Item -Recurse $baseline $source
        $sourceAdmin = Join-Path $source 'profiles/Admin.profile'
        Set-Content $sourceAdmin ((Get-Content -Raw $sourceAdmin) -replace '(?s)\s*<fieldPermissions>\s*<editable>true</editable>\s*<field>Invoice__c\.Amount__c</field>\s*<readable>true</readable>\s*</fieldPermissions>', '') -NoNewline
        $store = Join-Path $TestDrive 'merge-store'
        $null = Export-OrgSnapshot $baseline -Store $store -BaselineFor $source, org:qa
        $plan = @(Invoke-BackPromotion -Source $source -Target org:qa -Store $store -WhatIf -WarningAction SilentlyContinue) | Where-Object FullName -eq 'Admin'
        $plan.Status | Should -Be 'WhatIf'
        ($plan.Merged | Where-Object Removed).Path | Should -Be 'fieldPermissions[Invoice__c.Amount__c]'
        $plan.Merged.Path | Should -Contain 'userPermissions[ViewSetup]'
        $plan.Reason | Should -Match 'will not revoke .*fieldPermissions\[Invoice__c\.Amount__c\]'
    }

    It 'refuses the deploy parameters for a folder target, and goes on with the next target' {
        $folder = Join-Path $TestDrive 'folder-target'
        Copy-Item -Recurse (Join-Path $RepositoryRoot 'docs/samples/uat') $folder
        $failure = $null
        $results = @(Invoke-BackPromotion -Source $Production -Target $folder -Store (Join-Path $TestDrive 'refused-store') -CheckOnly -ErrorVariable failure -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $results.Count | Should -Be 0
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'SandboxOps.Argument.DeployParameterWithoutOrg*'
    }

    It 'validates and deploys what it promotes, with a rollback snapshot, and records the baseline' {
        $uat = Join-Path $RepositoryRoot 'docs/samples/uat'
        $results = @(Invoke-BackPromotion -Source $uat -Target org:qa -Store $PromotionStore -ConflictAction Overwrite -WarningAction SilentlyContinue)
        $promoted = @($results | Where-Object Status -eq 'Promoted')
        $promoted.Count | Should -BeGreaterThan 0
        $promoted[0].Target | Should -Be 'org:qa'
        $promoted[0].RollbackSnapshot | Should -Match '^org-qa-rollback-'
        (Get-OrgSnapshot $PromotionStore -Name $promoted[0].RollbackSnapshot).Source | Should -Be 'org:qa'
        (Get-OrgMetadata -Source org:qa -Type ApexClass).FullName | Should -Contain 'InvoiceDiscountService'

        # The baseline recorded after the deploy makes the next run find nothing to do.
        $again = @(Invoke-BackPromotion -Source $uat -Target org:qa -Store $PromotionStore)
        @($again | Where-Object Status -in 'Promoted', 'Conflict').Count | Should -Be 0
    }
}

Describe 'Disconnect-SalesforceOrg' {
    It 'forgets an org, and -WhatIf does not' {
        $null = Connect-SalesforceOrg -Alias uat
        Disconnect-SalesforceOrg uat -WhatIf
        (Get-SalesforceOrg).Name | Should -Be 'uat'
        Get-SalesforceOrg | Disconnect-SalesforceOrg
        Get-SalesforceOrg | Should -BeNullOrEmpty
    }
}

Describe 'Publish-DeploymentPackage' {
    BeforeAll {
        $null = Connect-SalesforceOrg -Alias uat
        $script:Package = Join-Path $TestDrive 'hotfix'
        $null = Compare-OrgMetadata (Join-Path $RepositoryRoot 'docs/samples/uat') $Production | New-DeploymentPackage -Destination $Package
        $script:ProductionOrg = Start-SimulatorProcess $Production @('--production')
        $null = Connect-SalesforceOrg -InstanceUrl $ProductionOrg.Url -AccessToken (ConvertTo-SecureString $ProductionOrg.AccessToken -AsPlainText -Force) -Alias prod
    }

    AfterAll {
        Stop-SimulatorProcess $script:ProductionOrg
        Get-SalesforceOrg | Disconnect-SalesforceOrg
    }

    It 'changes an org only through ShouldProcess' {
        (Get-Command Publish-DeploymentPackage).Parameters.Keys | Should -Contain 'WhatIf'
        Publish-DeploymentPackage -Org uat -Package $Package -WhatIf | Should -BeNullOrEmpty
    }

    It 'validates, then deploys, and the org then has what the package holds' {
        $validation = Publish-DeploymentPackage -Org uat -Package $Package -CheckOnly -TestLevel RunLocalTests
        $validation.Success | Should -BeTrue
        $validation.CheckOnly | Should -BeTrue
        (Get-OrgMetadata -Source org:uat -Type ApexClass).FullName | Should -Not -Contain 'InvoiceDiscountService'

        $deployed = Publish-DeploymentPackage -Org uat -ValidationId $validation.Id
        $deployed.Success | Should -BeTrue
        (Get-OrgMetadata -Source org:uat -Type ApexClass).FullName | Should -Contain 'InvoiceDiscountService'
    }

    It 'refuses to change production without -AllowProduction, but validates against it' {
        { Publish-DeploymentPackage -Org prod -Package $Package -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxOps.Org.ProductionRefused*'
        (Get-OrgMetadata -Source org:prod -Type ApexClass).FullName | Should -Not -Contain 'InvoiceDiscountService'
        (Publish-DeploymentPackage -Org prod -Package $Package -CheckOnly).Success | Should -BeTrue
        (Publish-DeploymentPackage -Org prod -Package $Package -AllowProduction -Force).Success | Should -BeTrue
        (Get-OrgMetadata -Source org:prod -Type ApexClass).FullName | Should -Contain 'InvoiceDiscountService'
    }

    It 'restores a snapshot into an org, and not into production without -AllowProduction' {
        $project = Join-Path $TestDrive 'restored-project'
        New-Item -ItemType Directory (Join-Path $project 'classes') -Force | Out-Null
        Set-Content (Join-Path $project 'classes/RestoredClass.cls') 'public class RestoredClass {}'
        Set-Content (Join-Path $project 'classes/RestoredClass.cls-meta.xml') '<?xml version="1.0" encoding="UTF-8"?><ApexClass xmlns="http://soap.sforce.com/2006/04/metadata"><apiVersion>62.0</apiVersion><status>Active</status></ApexClass>'
        $snapshot = Export-OrgSnapshot $project -Store (Join-Path $TestDrive 'restore-store')

        { Restore-OrgSnapshot $snapshot -Org prod -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxOps.Org.ProductionRefused*'
        $result = Restore-OrgSnapshot $snapshot -Org uat
        $result.Success | Should -BeTrue
        (Get-OrgMetadata -Source org:uat -Type ApexClass).FullName | Should -Contain 'RestoredClass'
    }

    It 'reports each failing component as an error and emits the failed result' {
        $broken = Join-Path $TestDrive 'broken'
        New-Item -ItemType Directory $broken | Out-Null
        Set-Content (Join-Path $broken 'package.xml') '<?xml version="1.0" encoding="UTF-8"?><Package xmlns="http://soap.sforce.com/2006/04/metadata"><types><members>NoSuchObject__c.Flag__c</members><name>CustomField</name></types><version>62.0</version></Package>'
        $result = Publish-DeploymentPackage -Org uat -Package $broken -ErrorVariable failures -ErrorAction SilentlyContinue
        $result.Success | Should -BeFalse
        $failures.FullyQualifiedErrorId | Should -Contain 'SandboxOps.Deploy.ComponentFailed,SandboxOps.Commands.PublishDeploymentPackageCommand'
        ($failures | Out-String) | Should -Match 'NoSuchObject__c'
    }
}
