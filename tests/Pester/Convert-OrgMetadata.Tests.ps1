BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    function Get-Keys($Source) { @(Get-OrgMetadata $Source | ForEach-Object { "$($_.Type) $($_.FullName) $($_.ContentHash)" } | Sort-Object) }
}

Describe 'Convert-OrgMetadata' {
    It 'writes a retrieve as a DX project holding the same metadata, hash for hash' {
        $destination = Join-Path $TestDrive 'prod-project'
        $result = Convert-OrgMetadata $ProductionSample -Destination $destination -Format Source
        $result.Format | Should -Be 'Source'
        $result.FileCount | Should -BeGreaterThan 30
        Join-Path $destination 'sfdx-project.json' | Should -Exist
        Get-Keys $destination | Should -Be (Get-Keys $ProductionSample)
        @(Compare-OrgMetadata $ProductionSample $destination) | Should -BeNullOrEmpty
    }

    It 'writes a DX project in Metadata API format with a package.xml of what it wrote' {
        $destination = Join-Path $TestDrive 'uat-mdapi'
        Convert-OrgMetadata $UatSample -Destination $destination -Format MetadataApi | Out-Null
        Join-Path $destination 'package.xml' | Should -Exist
        Get-Content -Raw (Join-Path $destination 'package.xml') | Should -Match '<name>CustomObject</name>'
        @(Compare-OrgMetadata $UatSample $destination) | Should -BeNullOrEmpty
    }

    It 'writes a zip when the destination ends in .zip, and takes a snapshot from the pipeline' {
        $snapshot = Export-OrgSnapshot $UatSample -Store (Join-Path $TestDrive 'store')
        $zip = Join-Path $TestDrive 'uat.zip'
        $snapshot | Convert-OrgMetadata -Destination $zip -Format MetadataApi | Out-Null
        $zip | Should -Exist
        Get-Keys $zip | Should -Be (Get-Keys $UatSample)
    }

    It 'writes only the components the filter selects, a field inside its object''s file' {
        $destination = Join-Path $TestDrive 'invoice-fields'
        Convert-OrgMetadata $ProductionSample -Destination $destination -Format MetadataApi -Type CustomField -FullName 'Invoice__c.*' | Out-Null
        $written = @(Get-OrgMetadata $destination)
        $written.Count | Should -BeGreaterThan 0
        $written | ForEach-Object { "$($_.Type) $($_.FullName)" } | Should -BeLike 'CustomField Invoice__c.*'
        @(Get-ChildItem -Recurse -File $destination | ForEach-Object Name | Sort-Object) | Should -Be @('Invoice__c.object', 'package.xml')
    }

    It 'refuses a destination that is not empty, and one inside the source, writing nothing' {
        $existing = New-Item -ItemType Directory (Join-Path $TestDrive 'taken')
        Set-Content (Join-Path $existing 'keep.txt') 'mine'
        { Convert-OrgMetadata $UatSample -Destination $existing -Format MetadataApi -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxOps.Package.DestinationExists*'
        @(Get-ChildItem -Force $existing).Name | Should -Be 'keep.txt'
        @(Get-ChildItem -Force $TestDrive -Filter '.taken.*').Count | Should -Be 0

        $copy = Join-Path $TestDrive 'uat-copy'
        Copy-Item -Recurse $UatSample $copy
        { Convert-OrgMetadata $copy -Destination (Join-Path $copy 'converted') -Format MetadataApi -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxOps.Package.OutputInsideSource*'
        Join-Path $copy 'converted' | Should -Not -Exist
    }

    It 'writes nothing under -WhatIf' {
        $destination = Join-Path $TestDrive 'whatif'
        Convert-OrgMetadata $UatSample -Destination $destination -Format MetadataApi -WhatIf
        $destination | Should -Not -Exist
    }
}
