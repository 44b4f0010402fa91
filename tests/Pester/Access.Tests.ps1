# Who can change what, where: from profiles, permission sets and groups (samples and the real NPSP and Dreamhouse
# projects), and from a simulated org's active users and their permission set assignments on 127.0.0.1.
BeforeDiscovery {
    $script:HasCorpus = Test-Path (Join-Path $PSScriptRoot '../../../shared/corpus/npsp.bundle')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Production = Join-Path $RepositoryRoot 'docs/samples/production'
    # A clone of a corpus project at its `sandbox` tag.
    function script:Initialize-RealProject([string] $Project, [string] $Folder) {
        git clone -q (Join-Path $RepositoryRoot "../shared/corpus/$Project.bundle") $Folder 2>$null
        git -C $Folder checkout -q sandbox 2>$null
        $Folder
    }
}

Describe 'Get-OrgAccessAudit' {
    It 'lists each profile and permission set of a folder with each capability it grants' {
        $grants = @(Get-OrgAccessAudit $Production)

        $grants[0].PSObject.TypeNames[0] | Should -Be 'SandboxOps.Engine.Access.AccessGrant'
        @($grants | ForEach-Object { "$($_.HolderType) $($_.Holder) $($_.Capability)" } | Sort-Object) | Should -Be @('Profile Admin ApiEnabled', 'Profile Admin ModifyAllData', 'Profile Admin ViewSetup', 'Profile Sales User ApiEnabled')
        @(Get-OrgAccessAudit $Production -Capability ModifyAllData).Holder | Should -Be @('Admin')
        { Get-OrgAccessAudit $Production -Capability 'Modify All' -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxOps.Argument.BadCapability,SandboxOps.Commands.GetOrgAccessAuditCommand'
    }

    It 'lists the active users of an org with what grants them each capability: profile, permission set or group' {
        $org = Start-SimulatorProcess $Production @('--data', (Join-Path $RepositoryRoot 'tests/fixtures/simulator/production-records.json'))
        try {
            $null = Connect-SalesforceOrg -Alias accessorg -InstanceUrl $org.Url -AccessToken (ConvertTo-SecureString $org.AccessToken -AsPlainText -Force)
            $grants = @(Get-OrgAccessAudit org:accessorg)

            ($grants | Where-Object Capability -EQ ModifyAllData).Holder | Should -Be @('admin@simulated.example') -Because 'the inactive administrator is left out'
            @($grants | Where-Object Holder -EQ 'release@acme.example' | ForEach-Object { "$($_.Capability) $($_.GrantedBy)" }) | Should -Contain 'ModifyMetadata PermissionSet Deployer'
            @($grants | Where-Object Holder -EQ 'dana.dev@acme.example' | ForEach-Object { "$($_.Capability) $($_.GrantedBy)" }) | Should -Contain 'AuthorApex PermissionSetGroup Developers'
            ($grants | Where-Object Holder -EQ 'sam.sales@acme.example').GrantedBy | Should -Be @('Profile Standard User')
        } finally {
            Get-SalesforceOrg | Disconnect-SalesforceOrg
            Stop-SimulatorProcess $org
        }
    }
}

Describe 'Compare-OrgAccess' {
    It 'says which capabilities a side gained and lost' {
        $after = Join-Path $TestDrive 'after'
        Copy-Item -Recurse $Production $after
        $profile = Join-Path $after 'profiles/Sales User.profile'
        (Get-Content -Raw $profile) -replace '</Profile>', '<userPermissions><enabled>true</enabled><name>ModifyAllData</name></userPermissions></Profile>' | Set-Content $profile

        $changes = @(Compare-OrgAccess $after $Production)

        @($changes | ForEach-Object { "$($_.Change) $($_.HolderType) $($_.Holder) $($_.Capability)" }) | Should -Be @('Added Profile Sales User ModifyAllData')
        $changes[0].PSObject.TypeNames[0] | Should -Be 'SandboxOps.Engine.Access.AccessChange'
        @(Compare-OrgAccess $Production $after).Change | Should -Be @('Removed')
    }
}

Describe 'Real projects'' profiles and permission sets' -Skip:(-not $HasCorpus) {
    It 'reads NPSP''s QA system administrator profile and Dreamhouse''s permission set as Salesforce wrote them' {
        $npsp = Initialize-RealProject 'npsp' (Join-Path $TestDrive 'npsp')
        $dreamhouse = Initialize-RealProject 'dreamhouse' (Join-Path $TestDrive 'dreamhouse')
        $qa = Join-Path $npsp 'unpackaged/config/qa'

        $grants = @(Get-OrgAccessAudit $qa -WarningAction SilentlyContinue)
        $enabled = Select-String -Path (Join-Path $qa 'profiles/sysadmin_test.profile') -Pattern '<name>(ModifyAllData|AuthorApex|ViewSetup)</name>' -Context 1, 0 | Where-Object { $_.Context.PreContext[0] -match '<enabled>true' }
        @($grants | Where-Object Holder -EQ 'sysadmin_test' | Where-Object Capability -In 'ModifyAllData', 'AuthorApex', 'ViewSetup').Count | Should -Be @($enabled).Count
        @($grants | Where-Object Holder -EQ 'sysadmin_test').Capability | Should -Contain 'AuthorApex'
        $permissionSets = @(Get-ChildItem -Recurse $dreamhouse -Filter '*.permissionset-meta.xml')
        $permissionSets.Count | Should -BeGreaterThan 0
        $granting = @($permissionSets | Where-Object { (Get-Content -Raw $_.FullName) -match '<enabled>true</enabled>\s*<name>(ModifyAllData|ViewAllData|CustomizeApplication|ModifyMetadata|AuthorApex|ManageUsers|ApiEnabled|ViewSetup)</name>' })
        @(Get-OrgAccessAudit $dreamhouse -WarningAction SilentlyContinue | Where-Object HolderType -EQ PermissionSet | Select-Object -ExpandProperty Holder -Unique).Count | Should -Be $granting.Count -Because 'a permission set is listed when it grants a watched capability, and only then'
    }
}

Describe 'The access policy of a pipeline' {
    BeforeAll {
        $script:PolicyOrg = Start-SimulatorProcess $Production @('--data', (Join-Path $RepositoryRoot 'tests/fixtures/simulator/production-records.json'))
        $null = Connect-SalesforceOrg -Alias policyprod -InstanceUrl $PolicyOrg.Url -AccessToken (ConvertTo-SecureString $PolicyOrg.AccessToken -AsPlainText -Force)
        $script:PolicyFile = Join-Path $TestDrive 'policy.pipeline.json'
        @{
            name = 'Policy'
            environments = @(
                @{ name = 'uat'; type = 'Full'; role = 'UAT'; location = (Join-Path $RepositoryRoot 'docs/samples/uat'); masking = @{ exempt = 'test data only' } }
                @{ name = 'prod'; type = 'Production'; role = 'Production'; location = 'org:policyprod' }
            )
            promotions = @(@{ from = 'uat'; to = 'prod'; gates = @{ staticChecks = $true } })
            backPromotions = @(@{ from = 'prod'; to = 'uat' })
            access = @(
                @{ capabilities = @('ModifyAllData'); roles = @('UAT', 'Production'); allow = @('profile:System Administrator'); reason = 'admins only' }
                @{ capabilities = @('AuthorApex', 'ModifyMetadata'); roles = @('Production'); allow = @('profile:System Administrator', 'user:release@*') }
            )
        } | ConvertTo-Json -Depth 6 | Set-Content $PolicyFile
    }

    AfterAll {
        Get-SalesforceOrg | Disconnect-SalesforceOrg
        Stop-SimulatorProcess $script:PolicyOrg
    }

    It 'reports each breach with the user, the capability and what grants it, in each environment' {
        $findings = @(Get-OrgAccessAudit -Pipeline $PolicyFile)

        $findings[0].PSObject.TypeNames[0] | Should -Be 'SandboxOps.Engine.Access.AccessFinding'
        @($findings | ForEach-Object { "$($_.RuleId) $($_.Environment) $($_.User) $($_.Capability)" } | Sort-Object) | Should -Be @(
            'ACC001 uat Admin ModifyAllData'
            'ACC003 prod dana.dev@acme.example AuthorApex'
        ) -Because 'the uat folder''s Admin profile is not System Administrator by name, and a developers'' group grants Apex in production; the release user is allowed'
        ($findings | Where-Object RuleId -EQ ACC003).GrantedBy | Should -Be 'PermissionSetGroup Developers'
        ($findings | Where-Object RuleId -EQ ACC001).Message | Should -Match 'admins only'
        @(Get-OrgAccessAudit -Pipeline $PolicyFile -Environment prod).Environment | Should -Be @('prod')
    }

    It 'is held to by Test-SandboxPipeline, whose findings include the breaches' {
        $findings = @(Test-SandboxPipeline $PolicyFile)

        @($findings | Where-Object RuleId -Like 'ACC*' | ForEach-Object { "$($_.RuleId) $($_.Environment)" } | Sort-Object) | Should -Be @('ACC001 uat', 'ACC003 prod')
        { Get-OrgAccessAudit -Pipeline (Join-Path $RepositoryRoot 'docs/samples/pipeline/acme.pipeline.json') } | Should -Not -Throw
    }
}

Describe 'The access matrix of the report and the strategy document' {
    BeforeAll {
        $script:MatrixOrg = Start-SimulatorProcess $Production @('--data', (Join-Path $RepositoryRoot 'tests/fixtures/simulator/production-records.json'))
        $null = Connect-SalesforceOrg -Alias matrixprod -InstanceUrl $MatrixOrg.Url -AccessToken (ConvertTo-SecureString $MatrixOrg.AccessToken -AsPlainText -Force)
        $script:MatrixFile = Join-Path $TestDrive 'matrix.pipeline.json'
        @{
            name = 'Matrix'
            environments = @(
                @{ name = 'uat'; type = 'Full'; role = 'UAT'; location = (Join-Path $RepositoryRoot 'docs/samples/uat'); masking = @{ exempt = 'test data only' } }
                @{ name = 'prod'; type = 'Production'; role = 'Production'; location = 'org:matrixprod' }
            )
            promotions = @(@{ from = 'uat'; to = 'prod' })
        } | ConvertTo-Json -Depth 6 | Set-Content $MatrixFile
    }

    AfterAll {
        Get-SalesforceOrg | Disconnect-SalesforceOrg
        Stop-SimulatorProcess $script:MatrixOrg
    }

    It 'shows who holds each capability in each environment, by environment name' {
        $grants = @(Get-SandboxPipeline $MatrixFile | Get-OrgAccessAudit)
        @($grants.Environment | Select-Object -Unique) | Should -Be @('uat', 'prod')

        $markdown = Get-Content -Raw ($grants | Export-PipelineReport (Join-Path $TestDrive 'strategy.md') -Pipeline $MatrixFile).FullName
        $markdown | Should -Match '(?m)^## Access$'
        $markdown | Should -Match '(?m)^\| Capability \| uat \| prod \|$'
        $markdown | Should -Match '(?m)^\| ModifyAllData \| Profile Admin \| admin@simulated\.example \|$'
        $markdown | Should -Match '(?m)^\| AuthorApex \| - \| admin@simulated\.example, dana\.dev@acme\.example, release@acme\.example \|$'

        $html = Get-Content -Raw ($grants | Export-PipelineReport (Join-Path $TestDrive 'report.html') -Pipeline $MatrixFile -WarningAction SilentlyContinue).FullName
        $html | Should -Match '<section id="access"><h2>Access</h2>'
        $html | Should -Match '<th>ModifyAllData</th><td>Profile Admin</td><td>admin@simulated.example</td>'
    }
}
