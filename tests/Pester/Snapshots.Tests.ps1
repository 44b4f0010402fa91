BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Snapshot cmdlet contracts' {
    It '<Name> changes the store only through ShouldProcess' -ForEach @(
        @{ Name = 'Export-OrgSnapshot' }, @{ Name = 'Remove-OrgSnapshot' }, @{ Name = 'Restore-OrgSnapshot' }
    ) {
        (Get-Command $Name).Parameters.Keys | Should -Contain 'WhatIf'
    }

    It 'Remove-OrgSnapshot has high confirm impact' {
        $attribute = (Get-Command Remove-OrgSnapshot).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
    }

    It 'snapshot parameters take pipeline input' {
        (Get-Command Test-OrgSnapshot).Parameters['Snapshot'].ParameterSets['Snapshot'].ValueFromPipeline | Should -BeTrue
        (Get-Command Restore-OrgSnapshot).Parameters['Snapshot'].Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] }).ValueFromPipeline | Should -Contain $true
        (Get-Command Compare-OrgMetadata).Parameters['Source'].Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] }).ValueFromPipeline | Should -Contain $true
    }
}

Describe 'Snapshots of the sample orgs' {
    BeforeAll {
        $script:Store = Join-Path $TestDrive 'store'
        $script:First = Export-OrgSnapshot -Source $UatSample -Store $Store -Name uat-first -Description 'first'
    }

    It 'is read by Get-OrgMetadata -Source like the folder it was taken from' {
        $components = @(Get-OrgMetadata -Source $First -Type ApexClass)
        $components.Count | Should -Be 4
        $components[0].Source | Should -Match '^uat-first \(snapshot in '
    }

    It 'exports, lists and verifies' {
        $First.ComponentCount | Should -Be 35
        $First.Description | Should -Be 'first'
        (Get-OrgSnapshot -Store $Store).Name | Should -Contain 'uat-first'
        @(Test-OrgSnapshot $First).Count | Should -Be 0
        Test-OrgSnapshot -Store $Store -Name uat-first -Quiet | Should -BeTrue
    }

    It 'names a snapshot after its source and the UTC time by default' {
        $snapshot = Export-OrgSnapshot $UatSample -Store $Store
        $snapshot.Name | Should -Match '^uat-\d{8}-\d{6}$'
    }

    It 'adds almost no disk for a second snapshot of the same org' {
        $blobs = (Get-ChildItem -Recurse -File (Join-Path $Store 'blobs')).Count
        $null = Export-OrgSnapshot $UatSample -Store $Store -Name uat-again
        (Get-ChildItem -Recurse -File (Join-Path $Store 'blobs')).Count | Should -Be $blobs
    }

    It 'is a source for Compare-OrgMetadata, from the pipeline too' {
        @(Compare-OrgMetadata -Source $First -Target $UatSample).Count | Should -Be 0
        $d = @(Get-OrgSnapshot $Store -Name uat-first | Compare-OrgMetadata -Target $ProductionSample)
        ($d | Where-Object Status -eq 'TargetOnly').FullName | Should -Be 'Account.Credit_Limit__c'
    }

    It 'restores to a folder that compares equal to the original' {
        $destination = Join-Path $TestDrive 'restored'
        $result = $First | Restore-OrgSnapshot -Destination $destination
        $result.FileCount | Should -Be 44
        Join-Path $destination '.forceignore' | Should -Exist # the project's, kept with it
        @(Compare-OrgMetadata $UatSample $destination).Count | Should -Be 0
    }

    It 'restores in the other format, with no differences from the original' {
        $asMetadataApi = $First | Restore-OrgSnapshot -Destination (Join-Path $TestDrive 'as-mdapi') -Format MetadataApi
        $asMetadataApi.Format | Should -Be 'MetadataApi'
        Join-Path $asMetadataApi.Destination 'package.xml' | Should -Exist
        @(Compare-OrgMetadata $UatSample $asMetadataApi.Destination).Count | Should -Be 0
        $production = Export-OrgSnapshot $ProductionSample -Store $Store -Name prod-for-source
        $asSource = $production | Restore-OrgSnapshot -Destination (Join-Path $TestDrive 'as-source') -Format Source
        @(Compare-OrgMetadata $ProductionSample $asSource.Destination).Count | Should -Be 0
    }

    It 'refuses to restore over a folder with content, and leaves it alone' {
        $occupied = New-Item -ItemType Directory (Join-Path $TestDrive 'occupied')
        Set-Content (Join-Path $occupied 'keep.txt') 'mine'
        { $First | Restore-OrgSnapshot -Destination $occupied -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxOps.Snapshot.DestinationNotEmpty*'
        Get-Content (Join-Path $occupied 'keep.txt') | Should -Be 'mine'
    }

    It 'finds a changed byte, a removed file, an added file and a tampered manifest' {
        $snapshot = Export-OrgSnapshot $ProductionSample -Store $Store -Name prod-damaged
        $manifestPath = Join-Path $Store 'snapshots/prod-damaged/manifest.json.gz'
        $manifestText = Read-GzipText $manifestPath
        $manifest = $manifestText | ConvertFrom-Json
        # The file list is stored in parts, blobs named by their SHA-256 like the files themselves.
        $files = foreach ($part in $manifest.fileParts) { Read-GzipText (Join-Path $Store "blobs/$($part.Substring(0, 2))/$part.gz") | ConvertFrom-Json }
        $flow = $files | Where-Object path -eq 'flows/Invoice_Reminder.flow'
        $tab = $files | Where-Object path -eq 'tabs/Invoice__c.tab'
        $flowBlob = Join-Path $Store "blobs/$($flow.sha256.Substring(0, 2))/$($flow.sha256).gz"
        Write-GzipText $flowBlob ((Read-GzipText $flowBlob) + ' ')
        Remove-Item (Join-Path $Store "blobs/$($tab.sha256.Substring(0, 2))/$($tab.sha256).gz")
        Set-Content (Join-Path $Store 'snapshots/prod-damaged/extra.xml') '<x/>'
        Write-GzipText $manifestPath $manifestText.Replace('"description":null', '"description":"edited by hand"')

        $issues = @(Test-OrgSnapshot $snapshot)
        $issues.Kind | Should -Contain 'Corrupt'
        $issues.Kind | Should -Contain 'Missing'
        $issues.Kind | Should -Contain 'Unexpected'
        $issues.Kind | Should -Contain 'ManifestTampered'
        Test-OrgSnapshot $snapshot -Quiet | Should -BeFalse
    }

    It 'removes by retention, never content another snapshot uses' {
        $retention = Join-Path $TestDrive 'retention'
        foreach ($i in 1..3) { $null = Export-OrgSnapshot $UatSample -Store $retention -Name "uat-$i"; Start-Sleep -Milliseconds 20 }
        $null = Export-OrgSnapshot $ProductionSample -Store $retention -Name prod-1
        Remove-OrgSnapshot -Store $retention -KeepLast 1 -WhatIf
        (Get-OrgSnapshot $retention).Count | Should -Be 4
        $removed = Remove-OrgSnapshot -Store $retention -KeepLast 1 -Force -PassThru
        @($removed.Name | Sort-Object) | Should -Be @('uat-1', 'uat-2')
        @((Get-OrgSnapshot $retention).Name | Sort-Object) | Should -Be @('prod-1', 'uat-3')
        Get-OrgSnapshot $retention | ForEach-Object { Test-OrgSnapshot $_ -Quiet | Should -BeTrue }
    }

    It 'commits a snapshot in the git work tree that holds the store' {
        $repo = Join-Path $TestDrive 'history'
        git init --quiet $repo
        git -C $repo config user.name Test
        git -C $repo config user.email test@example.com
        git -C $repo config commit.gpgsign false
        $snapshot = Export-OrgSnapshot $UatSample -Store (Join-Path $repo 'snapshots') -Name committed -Commit
        git -C $repo log --format=%s | Should -Match "^Snapshot committed of .+uat taken .+ UTC \(35 components\)$"
        git -C $repo status --porcelain | Should -BeNullOrEmpty
        { Export-OrgSnapshot $UatSample -Store (Join-Path $TestDrive 'no-git-store') -Commit -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxOps.Snapshot.NotAGitRepository*'
    }

    It 'refuses to guess what to remove' {
        { Remove-OrgSnapshot -Store $Store -Force -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxOps.Argument.NothingSelected*'
    }

    It 'reports a store path that is a file, and an unknown snapshot' {
        $file = Join-Path $TestDrive 'plain.txt'
        Set-Content $file 'x'
        { Export-OrgSnapshot $UatSample -Store $file -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxOps.Snapshot.StoreIsAFile*'
        Test-OrgSnapshot -Store $Store -Name no-such-snapshot -Quiet | Should -BeFalse
        { Test-OrgSnapshot -Store $Store -Name no-such-snapshot -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxOps.Snapshot.SnapshotNotFound*'
    }
}

Describe 'A store under stress' {
    It 'stays valid when an export is killed part-way' {
        # A source big enough to take a while: the production sample copied 150 times as separate objects.
        $big = Join-Path $TestDrive 'big'
        New-Item -ItemType Directory (Join-Path $big 'classes') | Out-Null
        $code = Get-Content -Raw (Join-Path $ProductionSample 'classes/InvoiceService.cls')
        $meta = Get-Content -Raw (Join-Path $ProductionSample 'classes/InvoiceService.cls-meta.xml')
        foreach ($i in 1..3000) {
            [System.IO.File]::WriteAllText((Join-Path $big "classes/C$i.cls"), $code.Replace('InvoiceService', "C$i") + "// $i")
            [System.IO.File]::WriteAllText((Join-Path $big "classes/C$i.cls-meta.xml"), $meta)
        }

        $store = Join-Path $TestDrive 'killed'
        $null = Export-OrgSnapshot $ProductionSample -Store $store -Name before
        $script = Join-Path $TestDrive 'export.ps1'
        Set-Content $script "Import-Module '$ModuleManifest'; Export-OrgSnapshot '$big' -Store '$store' -Name interrupted | Out-Null"
        $blobs = (Get-ChildItem -Recurse -File (Join-Path $store 'blobs')).Count
        $process = Start-Process -FilePath dotnet -ArgumentList @('pwsh', '-NoProfile', '-NonInteractive', '-File', $script) -WorkingDirectory $RepositoryRoot -PassThru
        # Kill it once it has started storing files, before it can have published the snapshot.
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while (-not $process.HasExited -and [DateTime]::UtcNow -lt $deadline -and (Get-ChildItem -Recurse -File (Join-Path $store 'blobs')).Count -le $blobs + 50) { Start-Sleep -Milliseconds 20 }
        $killedMidway = -not $process.HasExited
        if ($killedMidway) { $process.Kill($true) }
        $process.WaitForExit()
        $killedMidway | Should -BeTrue -Because 'the export must be interrupted for this test to mean anything'
        (Get-OrgSnapshot $store).Name | Should -Not -Contain 'interrupted'

        foreach ($snapshot in Get-OrgSnapshot $store) {
            Test-OrgSnapshot $snapshot -Quiet | Should -BeTrue -Because "$($snapshot.Name) is listed, so it must be whole"
        }

        (Get-OrgSnapshot $store).Name | Should -Contain 'before'
        $null = Export-OrgSnapshot $UatSample -Store $store -Name cleanup-target
        Remove-OrgSnapshot -Store $store -Name cleanup-target -Force
        Get-ChildItem (Join-Path $store '.tmp') | Should -BeNullOrEmpty
    }

    It 'takes two exports at once' {
        $store = Join-Path $TestDrive 'parallel'
        $null = Export-OrgSnapshot $ProductionSample -Store $store -Name seed
        $jobs = foreach ($i in 1..2) {
            $script = Join-Path $TestDrive "parallel-$i.ps1"
            Set-Content $script "Import-Module '$ModuleManifest'; Export-OrgSnapshot '$(if ($i -eq 1) { $UatSample } else { $ProductionSample })' -Store '$store' -Name p$i | Out-Null"
            Start-Process -FilePath dotnet -ArgumentList @('pwsh', '-NoProfile', '-NonInteractive', '-File', $script) -WorkingDirectory $RepositoryRoot -PassThru
        }
        $jobs | ForEach-Object { $_.WaitForExit(); $_.ExitCode | Should -Be 0 }
        @((Get-OrgSnapshot $store).Name | Sort-Object) | Should -Be @('p1', 'p2', 'seed')
        Get-OrgSnapshot $store | ForEach-Object { Test-OrgSnapshot $_ -Quiet | Should -BeTrue }
    }
}

Describe 'The pre-refresh backup runbook' {
    It 'snapshots, verifies and lists the in-flight work, exiting 0' {
        $report = Join-Path $TestDrive 'in-flight.csv'
        $store = Join-Path $TestDrive 'runbook-store'
        $runbook = Join-Path $RepositoryRoot 'docs/examples/pre-refresh-backup.ps1'
        $output = dotnet pwsh -NoProfile -NonInteractive -File $runbook -Sandbox $UatSample -SourceControl $ProductionSample -Store $store -Report $report -Module $ModuleManifest 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($output | Out-String)
        $rows = @(Import-Csv $report)
        @($rows | Where-Object Status -eq 'SourceOnly' | ForEach-Object { "$($_.Type) $($_.FullName)" } | Sort-Object) |
            Should -Be @('ApexClass InvoiceDiscountService', 'CustomField Invoice__c.Discount__c', 'CustomLabel Discount_Applied')
        ($rows | Where-Object Status -eq 'Changed').FullName | Should -Contain 'Invoice_Manager'
        (Get-OrgSnapshot $store).Count | Should -Be 1
    }

    It 'exits 1 when a step fails' {
        $output = dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $RepositoryRoot 'docs/examples/pre-refresh-backup.ps1') -Sandbox (Join-Path $TestDrive 'no-such-sandbox') -SourceControl $ProductionSample -Store (Join-Path $TestDrive 's') -Report (Join-Path $TestDrive 'r.csv') -Module $ModuleManifest 2>&1
        $LASTEXITCODE | Should -Be 1
        ($output | Out-String) | Should -Match 'Pre-refresh backup failed'
    }
}
