# Packages checked before they reach an org (Test-DeploymentPackage): on the sample orgs, and against a simulated
# org on 127.0.0.1 that says which API versions it serves and whether it is production.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Production = Join-Path $RepositoryRoot 'docs/samples/production'
    $script:Uat = Join-Path $RepositoryRoot 'docs/samples/uat'
    function script:New-Package([string] $Name, [hashtable] $Files) {
        $folder = New-Item -ItemType Directory -Force (Join-Path $TestDrive $Name)
        $xml = '<?xml version="1.0" encoding="UTF-8"?>'
        Set-Content (Join-Path $folder 'package.xml') "$xml<Package xmlns=`"http://soap.sforce.com/2006/04/metadata`"><version>62.0</version></Package>"
        foreach ($path in $Files.Keys) {
            $file = Join-Path $folder $path
            New-Item -ItemType Directory -Force (Split-Path $file) | Out-Null
            Set-Content $file $Files[$path] -NoNewline
        }
        $folder.FullName
    }
}

Describe 'Test-DeploymentPackage' {
    It 'emits a finding per problem, fails the command on an error, and -Quiet says only whether it passes' {
        $drift = Compare-OrgMetadata $Production $Uat | New-DeploymentPackage -Destination (Join-Path $TestDrive 'drift')
        $profile = '<?xml version="1.0" encoding="UTF-8"?><Profile xmlns="http://soap.sforce.com/2006/04/metadata"><fieldPermissions><editable>true</editable><field>Invoice__c.Secret__c</field><readable>true</readable></fieldPermissions><fieldPermissions><editable>true</editable><field>Invoice__c.Discount__c</field><readable>true</readable></fieldPermissions></Profile>'
        $broken = New-Package 'unresolved' @{ 'profiles/Sales.profile' = $profile }

        $warnings = @($drift | Test-DeploymentPackage -Target $Uat)
        $findings = @(Test-DeploymentPackage $broken -Target $Uat -ErrorVariable failed -ErrorAction SilentlyContinue)

        $warnings[0].PSObject.TypeNames[0] | Should -Be 'SandboxOps.Engine.Gates.PackageFinding'
        @($warnings | ForEach-Object { "$($_.RuleId) $($_.Severity)" }) | Should -Be @('PKG005 Warning') -Because 'the hotfix changes InvoiceService without its test class'
        @($findings | ForEach-Object { "$($_.RuleId) $($_.Severity) $($_.Component)" }) | Should -Be @('PKG001 Error CustomField Invoice__c.Secret__c') -Because 'uat has Invoice__c.Discount__c, not Secret__c'
        $findings[0].Message | Should -Match 'Profile Sales \(fieldPermissions\) names it'
        $failed[0].FullyQualifiedErrorId | Should -Be 'SandboxOps.Package.ChecksFailed,SandboxOps.Commands.TestDeploymentPackageCommand'
        Test-DeploymentPackage $broken -Target $Uat -Quiet | Should -BeFalse
        Test-DeploymentPackage $broken -Quiet | Should -BeTrue -Because 'without a target, what a package lacks is a warning'
    }

    It 'is told by an org target which API versions it serves and that it is production' {
        $org = Start-SimulatorProcess $Production @('--production')
        try {
            $null = Connect-SalesforceOrg -Alias gateprod -InstanceUrl $org.Url -AccessToken (ConvertTo-SecureString $org.AccessToken -AsPlainText -Force)
            $meta = '<?xml version="1.0" encoding="UTF-8"?><ApexClass xmlns="http://soap.sforce.com/2006/04/metadata"><apiVersion>64.0</apiVersion><status>Active</status></ApexClass>'
            $package = New-Package 'newer' @{ 'classes/Tax.cls' = 'public class Tax { static String host = ''https://acme.my.salesforce.com''; }'; 'classes/Tax.cls-meta.xml' = $meta }

            $findings = @(Test-DeploymentPackage $package -Target org:gateprod -ErrorAction SilentlyContinue)

            ($findings | Where-Object RuleId -EQ PKG002).Message | Should -Match 'API version 64.0; .* serves versions up to 62.0'
            ($findings | Where-Object RuleId -EQ PKG005).Severity | Should -Be 'Error' -Because 'Apex without a test class fails a deploy to production'
            $findings.RuleId | Should -Not -Contain 'PKG008' -Because 'production URLs belong in production'
        } finally {
            Get-SalesforceOrg | Disconnect-SalesforceOrg
            Stop-SimulatorProcess $org
        }
    }

    It 'says clearly when a package does not exist, or its manifest is not one' {
        { Test-DeploymentPackage (Join-Path $TestDrive 'nowhere') -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxOps.Source.PathNotFound,SandboxOps.Commands.TestDeploymentPackageCommand'
        $broken = New-Package 'broken' @{ 'destructiveChanges.xml' = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><Package>&e;</Package>' }
        { Test-DeploymentPackage $broken -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxOps.Package.MalformedManifest,SandboxOps.Commands.TestDeploymentPackageCommand'
    }
}

# A promotion's gates run against simulated orgs: production fails BrokenTest and covers Tax at 60%, every other
# class at 85%; the pipeline's uat -> prod promotion requires the static checks, a validation with the package's
# own tests, 75% coverage and the release manager's approval.
Describe 'Invoke-QualityGate and the deploys it gates' {
    BeforeAll {
        $script:Prod = Start-SimulatorProcess $Production @('--production', '--failing-tests', 'BrokenTest.fails=System.AssertException: Assertion Failed: expected 0.2', '--coverage', 'Tax=60')
        $script:UatOrg = Start-SimulatorProcess $Uat @()
        $null = Connect-SalesforceOrg -Alias gprod -InstanceUrl $Prod.Url -AccessToken (ConvertTo-SecureString $Prod.AccessToken -AsPlainText -Force)
        $null = Connect-SalesforceOrg -Alias guat -InstanceUrl $UatOrg.Url -AccessToken (ConvertTo-SecureString $UatOrg.AccessToken -AsPlainText -Force)
        $script:PipelineFile = Join-Path $TestDrive 'gated.pipeline.json'
        @{
            name = 'Gated'
            environments = @(
                @{ name = 'uat'; type = 'Full'; role = 'UAT'; location = 'org:guat' }
                @{ name = 'prod'; type = 'Production'; role = 'Production'; location = 'org:gprod' }
            )
            promotions = @(@{ from = 'uat'; to = 'prod'; gates = @{ staticChecks = $true; failOn = 'error'; testLevel = 'RunSpecifiedTests'; minimumCoverage = 75; approvals = @('release-manager') } })
        } | ConvertTo-Json -Depth 6 | Set-Content $PipelineFile
        $script:Store = Join-Path $TestDrive 'gate-store'
        function script:New-ApexPackage([string] $Name, [string] $Class, [string] $Test) {
            $meta = '<?xml version="1.0" encoding="UTF-8"?><ApexClass xmlns="http://soap.sforce.com/2006/04/metadata"><apiVersion>62.0</apiVersion><status>Active</status></ApexClass>'
            $manifest = "<?xml version=`"1.0`" encoding=`"UTF-8`"?><Package xmlns=`"http://soap.sforce.com/2006/04/metadata`"><types><members>$Class</members><members>$Test</members><name>ApexClass</name></types><version>62.0</version></Package>"
            New-Package $Name @{
                'package.xml' = $manifest
                "classes/$Class.cls" = "public class $Class { public static Decimal rate() { return 0.2; } }"; "classes/$Class.cls-meta.xml" = $meta
                "classes/$Test.cls" = "@IsTest private class $Test { @IsTest static void fails() { System.assertEquals(0.2, $Class.rate()); } }"; "classes/$Test.cls-meta.xml" = $meta
            }
        }
        function script:Invoke-Gate([string] $Package) {
            @(Invoke-QualityGate $Package -Pipeline $PipelineFile -From uat -To prod -Store $Store -ErrorAction SilentlyContinue)
        }
    }

    AfterAll {
        Get-SalesforceOrg | Disconnect-SalesforceOrg
        Stop-SimulatorProcess $script:Prod
        Stop-SimulatorProcess $script:UatOrg
    }

    It 'fails the validation gate on a failing test, and says which' {
        $results = Invoke-Gate (New-ApexPackage 'failing' 'Rate' 'BrokenTest')

        ($results | Where-Object Gate -EQ Validation).Detail | Should -Match 'BrokenTest.fails.*Assertion Failed'
        ($results | Where-Object Gate -EQ Overall).Passed | Should -BeFalse
    }

    It 'fails the coverage gate when the tests cover too little' {
        $results = Invoke-Gate (New-ApexPackage 'thin' 'Tax' 'TaxTest')

        ($results | Where-Object Gate -EQ Validation).Passed | Should -BeTrue
        ($results | Where-Object Gate -EQ Coverage).Detail | Should -Match '^60% < 75%'
    }

    It 'fails on a missing approval, passes once it is given, and the deploy then quick-deploys that validation' {
        $package = New-ApexPackage 'good' 'Rate' 'RateTest'

        $before = Invoke-Gate $package
        ($before | Where-Object Gate -EQ 'Approval:release-manager').Passed | Should -BeFalse
        { Publish-DeploymentPackage -Org gprod -Package $package -Pipeline $PipelineFile -Store $Store -AllowProduction -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'SandboxOps.Argument.GateMissing,SandboxOps.Commands.PublishDeploymentPackageCommand'

        $null = Approve-DeploymentPackage $package -Store $Store -Approver release-manager -Comment 'CHG-1042'
        $after = Invoke-Gate $package
        @($after | ForEach-Object { "$($_.Gate) $($_.Passed)" }) | Should -Be @('StaticChecks True', 'Validation True', 'Coverage True', 'Approval:release-manager True', 'Overall True')
        ($after | Where-Object Gate -EQ Coverage).Detail | Should -Match '^85% >= 75%'

        $deploy = Publish-DeploymentPackage -Org gprod -Package $package -Pipeline $PipelineFile -Store $Store -AllowProduction -Force -Verbose 4>&1
        (($deploy | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n") | Should -Match 'Quick-deploying validation 0Af'
        ($deploy | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Success | Should -BeTrue
    }

    It 'refuses a package changed after its gate passed, and deploys it forced only with a reason, which is recorded' {
        $package = New-ApexPackage 'changed' 'Rate' 'RateTest'
        $null = Approve-DeploymentPackage $package -Store $Store -Approver release-manager
        (Invoke-Gate $package | Where-Object Gate -EQ Overall).Passed | Should -BeTrue
        Add-Content (Join-Path $package 'classes/Rate.cls') "`n// changed after the gate"

        $refused = { Publish-DeploymentPackage -Org gprod -Package $package -Pipeline $PipelineFile -Store $Store -AllowProduction -Force -ErrorAction Stop }
        $refused | Should -Throw -ExpectedMessage '*no gate run is recorded for it*-Reason*'
        $forced = Publish-DeploymentPackage -Org gprod -Package $package -Pipeline $PipelineFile -Store $Store -AllowProduction -Force -Reason 'INC-7: billing outage' -TestLevel RunSpecifiedTests -RunTests RateTest -WarningVariable said -WarningAction SilentlyContinue

        $forced.Success | Should -BeTrue
        "$said" | Should -Match 'without a passing gate, because: INC-7'
        $record = Get-ChildItem -Recurse (Join-Path $Store 'gates') -Filter 'override-prod-*.json' | Select-Object -First 1
        (Get-Content -Raw $record.FullName | ConvertFrom-Json).reason | Should -Be 'INC-7: billing outage'
    }

    It 'never gates a validation, nor a deploy to an org the pipeline does not gate into' {
        $package = New-ApexPackage 'ungated' 'Rate' 'RateTest'
        (Publish-DeploymentPackage -Org gprod -Package $package -Pipeline $PipelineFile -Store $Store -CheckOnly -TestLevel RunSpecifiedTests -RunTests RateTest).CheckOnly | Should -BeTrue
        (Publish-DeploymentPackage -Org guat -Package $package -Pipeline $PipelineFile).Success | Should -BeTrue
    }
}
