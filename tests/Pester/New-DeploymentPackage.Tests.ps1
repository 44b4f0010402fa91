BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'New-DeploymentPackage parameter contract' {
    It 'binds Type, FullName, Status and Source from pipeline objects by property name' {
        $command = Get-Command New-DeploymentPackage
        foreach ($name in 'Type', 'FullName', 'Status', 'Source') {
            $command.Parameters[$name].Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] }).ValueFromPipelineByPropertyName | Should -Contain $true
        }
        $command.Parameters.Keys | Should -Contain 'WhatIf'
    }
}

Describe 'New-DeploymentPackage on the sample orgs' {
    It 'packages the differences and reads back as exactly them' {
        $path = Join-Path $TestDrive 'pkg'
        $package = Compare-OrgMetadata $ProductionSample $UatSample | New-DeploymentPackage -Destination $path -IncludeDeletion
        $package.ComponentCount | Should -Be 4
        $package.DeletionCount | Should -Be 3
        @(Get-OrgMetadata $package.Path | ForEach-Object { "$($_.Type) $($_.FullName)" } | Sort-Object) |
            Should -Be @('ApexClass InvoiceService', 'CustomField Account.Credit_Limit__c', 'PermissionSet Invoice_Manager', 'Profile Admin')
        Join-Path $path 'destructiveChangesPost.xml' | Should -Exist
    }

    It 'packages from a reviewed CSV into a zip' {
        $csv = Join-Path $TestDrive 'reviewed.csv'
        Compare-OrgMetadata $ProductionSample $UatSample | Export-Csv $csv -NoTypeInformation
        $zip = Join-Path $TestDrive 'reviewed.zip'
        $package = Import-Csv $csv | Where-Object Type -ne 'Profile' | New-DeploymentPackage -Destination $zip
        $package.Path | Should -Be $zip
        @(Get-OrgMetadata $zip).Count | Should -Be 3
    }

    It 'never deletes what a side could not read: a merge conflict is Unreadable, not a deletion' {
        $copy = Join-Path $TestDrive 'conflicted'
        Copy-Item $UatSample $copy -Recurse
        Set-Content (Join-Path $copy 'force-app/main/default/objects/Account/fields/Region__c.field-meta.xml') "<<<<<<< HEAD`n<CustomField/>`n=======`n>>>>>>> hotfix"
        $differences = @(Compare-OrgMetadata $copy $UatSample -ErrorAction SilentlyContinue)
        ($differences | Where-Object FullName -eq 'Account.Region__c').Status | Should -Be 'Unreadable'
        $path = Join-Path $TestDrive 'conflicted-pkg'
        $package = $differences | New-DeploymentPackage -Destination $path -IncludeDeletion -WarningVariable warnings -WarningAction SilentlyContinue
        $package.ComponentCount + $package.DeletionCount | Should -Be 0 -Because 'nothing else differs, and an unknown state is neither deployed nor deleted'
        ($warnings.Message -join ' ') | Should -Match 'CustomField Account.Region__c is neither packaged nor deleted'
    }

    It 'refuses to write a package inside its own source' {
        $copy = Join-Path $TestDrive 'self'
        Copy-Item $ProductionSample $copy -Recurse
        { Compare-OrgMetadata $copy $UatSample | New-DeploymentPackage -Destination (Join-Path $copy 'out') -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxOps.Package.OutputInsideSource*'
        Join-Path $copy 'out' | Should -Not -Exist
    }

    It 'warns about deletions Salesforce refuses' {
        $rows = @([pscustomobject]@{ Type = 'RecordType'; FullName = 'Account.Enterprise'; Status = 'TargetOnly' }, [pscustomobject]@{ Type = 'ApexTrigger'; FullName = 'AccountTrigger'; Status = 'Changed' })
        $package = $rows | New-DeploymentPackage -Destination (Join-Path $TestDrive 'warn') -Source $ProductionSample -IncludeDeletion -WarningVariable warnings -WarningAction SilentlyContinue
        $package.DeletionCount | Should -Be 0
        ($warnings.Message -join ' ') | Should -Match 'deactivate it instead'
    }

    It 'packages differences between two git revisions, reading each at its revision' {
        $repo = Join-Path $TestDrive 'repo'
        $git = @('-C', $repo, '-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false')
        Copy-Item $UatSample $repo -Recurse
        git -C $repo init -q 2>$null; git @git add -A 2>$null; git @git commit -q -m uat 2>$null
        Remove-Item -Recurse (Join-Path $repo 'force-app/main/default/classes/InvoiceService.cls')
        Set-Content (Join-Path $repo 'force-app/main/default/classes/InvoiceService.cls') 'public class InvoiceService { /* hotfix */ }'
        git @git add -A 2>$null; git @git commit -q -m hotfix 2>$null
        Set-Content (Join-Path $repo 'force-app/main/default/classes/InvoiceService.cls') 'uncommitted work that must not be packaged'
        $path = Join-Path $TestDrive 'revisions'
        $package = Compare-OrgMetadata $repo $repo -SourceRevision HEAD -TargetRevision HEAD~1 | New-DeploymentPackage -Destination $path
        $package.ComponentCount | Should -Be 1
        Get-Content (Join-Path $path 'classes/InvoiceService.cls') | Should -Be 'public class InvoiceService { /* hotfix */ }'
    }

    It 'changes nothing under -WhatIf' {
        $path = Join-Path $TestDrive 'whatif'
        Compare-OrgMetadata $ProductionSample $UatSample | New-DeploymentPackage -Destination $path -WhatIf
        $path | Should -Not -Exist
    }

    It 'refuses an existing destination' {
        $existing = New-Item -ItemType Directory (Join-Path $TestDrive 'existing')
        { Compare-OrgMetadata $ProductionSample $UatSample | New-DeploymentPackage -Destination $existing -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxOps.Package.DestinationExists*'
    }
}
