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
