BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    # UAT as it was at the last refresh (no work in progress yet), snapshotted as the baseline,
    # and UAT today: the sample, with its work in progress.
    function New-BackPromotionScenario {
        $root = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $store = Join-Path $root 'store'
        $refresh = Join-Path $root 'refresh'
        Copy-Item $UatSample $refresh -Recurse
        $default = Join-Path $refresh 'force-app/main/default'
        Remove-Item (Join-Path $default 'classes/InvoiceDiscountService.cls*'), (Join-Path $default 'objects/Invoice__c/fields/Discount__c.field-meta.xml')
        $labels = Join-Path $default 'labels/CustomLabels.labels-meta.xml'
        $text = Get-Content $labels -Raw
        Set-Content $labels ($text -replace '(?s)    <labels>\s*<fullName>Discount_Applied</fullName>.*?</labels>\r?\n', '') -NoNewline
        Copy-Item (Join-Path $ProductionSample 'permissionsets/Invoice_Manager.permissionset') (Join-Path $default 'permissionsets/Invoice_Manager.permissionset-meta.xml') -Force
        $baseline = Export-OrgSnapshot $refresh -Store $store -Name 'uat-refresh'
        $uat = Join-Path $root 'uat'
        Copy-Item $UatSample $uat -Recurse
        [pscustomobject]@{ Store = $store; Baseline = $baseline; Uat = $uat }
    }

    function Get-Tree([string] $Path) {
        Get-ChildItem $Path -Recurse -File | ForEach-Object { "$($_.FullName.Substring($Path.Length)) $((Get-FileHash $_.FullName).Hash)" } | Sort-Object
    }
}

Describe 'Invoke-BackPromotion on the sample orgs' {
    It 'promotes the production hotfix and keeps UAT work in progress' {
        $s = New-BackPromotionScenario
        $results = Invoke-BackPromotion -Source $ProductionSample -Target $s.Uat -Store $s.Store -Baseline $s.Baseline -IncludeDeletion
        @($results | Where-Object Status -eq 'Promoted' | ForEach-Object { "$($_.Action) $($_.Type) $($_.FullName)" } | Sort-Object) |
            Should -Be @('Create CustomField Account.Credit_Limit__c', 'Update ApexClass InvoiceService', 'Update Profile Admin')
        @($results | Where-Object Status -eq 'Skipped').Count | Should -BeGreaterThan 0
        # What remains is UAT's work in progress: its permission set change, class, field and label.
        $after = @(Compare-OrgMetadata $ProductionSample $s.Uat | ForEach-Object { "$($_.Status) $($_.Type) $($_.FullName)" } | Sort-Object)
        $after | Should -Be @('Changed PermissionSet Invoice_Manager', 'TargetOnly ApexClass InvoiceDiscountService', 'TargetOnly CustomField Invoice__c.Discount__c', 'TargetOnly CustomLabel Discount_Applied')
    }

    It 'leaves a rollback snapshot that restores the target as it was' {
        $s = New-BackPromotionScenario
        $before = Get-Tree $s.Uat
        $rollback = (Invoke-BackPromotion -Source $ProductionSample -Target $s.Uat -Store $s.Store -Baseline $s.Baseline | Where-Object Status -eq 'Promoted' | Select-Object -First 1).RollbackSnapshot
        $rollback | Should -Not -BeNullOrEmpty
        $restored = Join-Path $TestDrive 'restored'
        Get-OrgSnapshot $s.Store -Name $rollback | Restore-OrgSnapshot -Destination $restored | Out-Null
        @(Compare-OrgMetadata $restored $s.Uat).Count | Should -BeGreaterThan 0
        Get-Tree $restored | Should -Be $before
    }

    It 'finds its own baseline on the next run, so nothing is promoted twice' {
        $s = New-BackPromotionScenario
        Invoke-BackPromotion -Source $ProductionSample -Target $s.Uat -Store $s.Store -Baseline $s.Baseline | Out-Null
        $again = Invoke-BackPromotion -Source $ProductionSample -Target $s.Uat -Store $s.Store -WarningVariable warnings -WarningAction SilentlyContinue
        $again | Where-Object Status -eq 'Promoted' | Should -BeNullOrEmpty
        $warnings | Should -BeNullOrEmpty
    }

    It 'changes nothing under -WhatIf and says what it would do' {
        $s = New-BackPromotionScenario
        $before = Get-Tree $s.Uat
        $results = Invoke-BackPromotion -Source $ProductionSample -Target $s.Uat -Store $s.Store -Baseline $s.Baseline -WhatIf
        @($results | Where-Object Status -eq 'WhatIf').Count | Should -Be 3
        Get-Tree $s.Uat | Should -Be $before
        @(Get-OrgSnapshot $s.Store).Count | Should -Be 1
    }

    It 'leaves the old or the new file at every path when killed after <Writes> write(s), and the next run finishes' -ForEach @(@{ Writes = 1 }, @{ Writes = 2 }) {
        $s = New-BackPromotionScenario
        $done = New-BackPromotionScenario
        Invoke-BackPromotion -Source $ProductionSample -Target $done.Uat -Store $done.Store -Baseline $done.Baseline | Out-Null
        $before = Get-Tree $s.Uat
        $after = Get-Tree $done.Uat

        # A child process that dies at that moment, as under kill -9 (the module's test-only seam).
        $script = "Import-Module '$ModuleManifest'; Invoke-BackPromotion -Source '$ProductionSample' -Target '$($s.Uat)' -Store '$($s.Store)' -Baseline (Get-OrgSnapshot '$($s.Store)' -Name 'uat-refresh') | Out-Null"
        $env:SANDBOXOPS_TEST_KILL_AFTER_WRITES = "$Writes"
        try { $null = Invoke-FreshPwsh $script } finally { Remove-Item Env:SANDBOXOPS_TEST_KILL_AFTER_WRITES }

        $now = Get-Tree $s.Uat
        @($now | Where-Object { $_ -notin $before -and $_ -notin $after }) | Should -BeNullOrEmpty -Because 'every path holds the old or the new file'
        $changed = @($now | Where-Object { $_ -notin $before }).Count # a file written with the same bytes (an unchanged meta file) changes nothing
        $changed | Should -BeGreaterThan 0
        $changed | Should -BeLessOrEqual $Writes
        $now | Should -Not -Be $after -Because 'it was killed before it finished'
        Invoke-BackPromotion -Source $ProductionSample -Target $s.Uat -Store $s.Store -Baseline $s.Baseline | Out-Null
        Get-Tree $s.Uat | Should -Be $after
    }

    It 'writes nothing anywhere under -WhatIf, not even a missing store folder' {
        $s = New-BackPromotionScenario
        $missing = Join-Path $TestDrive "no-store-$([guid]::NewGuid().ToString('N'))"
        $results = Invoke-BackPromotion -Source $ProductionSample -Target $s.Uat -Store $missing -WhatIf -ConflictAction Overwrite -WarningAction SilentlyContinue
        @($results | Where-Object Status -eq 'WhatIf').Count | Should -BeGreaterThan 0
        $missing | Should -Not -Exist
    }

    It 'reports a component changed on both sides as a conflict and, with -ConflictAction Stop, changes nothing' {
        $s = New-BackPromotionScenario
        $class = Join-Path $s.Uat 'force-app/main/default/classes/InvoiceService.cls'
        # The line right after production's hotfix: the two edits touch, so they conflict as they would in git.
        Set-Content $class ((Get-Content $class -Raw) -replace "Status__c = 'Draft'", "Status__c = 'New'") -NoNewline
        $before = Get-Tree $s.Uat
        $results = Invoke-BackPromotion -Source $ProductionSample -Target $s.Uat -Store $s.Store -Baseline $s.Baseline -ConflictAction Stop -ErrorVariable failures -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $conflict = $results | Where-Object FullName -eq 'InvoiceService'
        $conflict.Status | Should -Be 'Conflict'
        $conflict.Conflicts.Path | Should -Be 'content: line 8'
        $results | Where-Object Status -eq 'Promoted' | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'SandboxOps.BackPromotion.Conflict*'
        Get-Tree $s.Uat | Should -Be $before
    }

    It 'merges a class and a profile both sides changed, keeping the hotfix and the work in progress' {
        $s = New-BackPromotionScenario
        $default = Join-Path $s.Uat 'force-app/main/default'
        Add-Content (Join-Path $default 'classes/InvoiceService.cls') '// UAT: work in progress'
        $profile = Join-Path $default 'profiles/Admin.profile-meta.xml'
        Set-Content $profile ((Get-Content $profile -Raw) -replace '<custom>false</custom>', '<custom>true</custom>') -NoNewline
        $results = Invoke-BackPromotion -Source $ProductionSample -Target $s.Uat -Store $s.Store -Baseline $s.Baseline
        $class = $results | Where-Object FullName -eq 'InvoiceService'
        $class.Status | Should -Be 'Promoted'
        ($class.Merged | Where-Object TakenFrom -eq 'Target').Path | Should -Match '^content: '
        $code = Get-Content (Join-Path $default 'classes/InvoiceService.cls') -Raw
        $code | Should -Match 'Hotfix PROD-4821'
        $code | Should -Match 'UAT: work in progress'
        $admin = $results | Where-Object FullName -eq 'Admin'
        $admin.Status | Should -Be 'Promoted'
        $admin.Merged.Path | Should -Contain 'custom'
        $admin.Merged.Path | Should -Contain 'fieldPermissions[Account.Credit_Limit__c]'
        (Get-Content $profile -Raw) | Should -Match '<custom>true</custom>'
        (Get-Content $profile -Raw) | Should -Match 'Account.Credit_Limit__c'
    }

    It 'writes the conflicting elements into a CSV cell as text' {
        $s = New-BackPromotionScenario
        $class = Join-Path $s.Uat 'force-app/main/default/classes/InvoiceService.cls'
        Set-Content $class ((Get-Content $class -Raw) -replace "Status__c = 'Draft'", "Status__c = 'New'") -NoNewline
        $csv = Join-Path $TestDrive 'conflicts.csv'
        Invoke-BackPromotion -Source $ProductionSample -Target $s.Uat -Store $s.Store -Baseline $s.Baseline -WhatIf -WarningAction SilentlyContinue | Export-Csv $csv -NoTypeInformation
        (Import-Csv $csv | Where-Object FullName -eq 'InvoiceService').Conflicts | Should -Match '^content: line 8'
    }

    It 'finds the baseline Export-OrgSnapshot -BaselineFor recorded at the refresh' {
        $s = New-BackPromotionScenario
        $store = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $refreshed = Restore-OrgSnapshot -Snapshot $s.Baseline -Destination (Join-Path $TestDrive ([guid]::NewGuid().ToString('N')))
        $baseline = Export-OrgSnapshot $refreshed.Destination -Store $store -BaselineFor $ProductionSample, "$($s.Uat)/"
        $baseline.Description | Should -Match '^Back-promotion baseline: '
        $results = Invoke-BackPromotion -Source $ProductionSample -Target $s.Uat -Store $store -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -BeNullOrEmpty
        @($results | Where-Object Status -eq 'Promoted').Count | Should -Be 3
        { Export-OrgSnapshot $refreshed.Destination -Store $store -BaselineFor $ProductionSample, $s.Uat -Description 'x' -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxOps.Argument.DescriptionWithBaseline*'
    }

    It 'warns without a baseline and treats every difference as a conflict' {
        $s = New-BackPromotionScenario
        $results = Invoke-BackPromotion -Source $ProductionSample -Target $s.Uat -Store $s.Store -WarningVariable warnings -WarningAction SilentlyContinue
        $results | Where-Object Status -eq 'Promoted' | Should -BeNullOrEmpty
        ($warnings.Message -join ' ') | Should -Match 'No baseline'
        ($warnings.Message -join ' ') | Should -Match 'Export-OrgSnapshot .* -BaselineFor'
    }

    It 'refuses a target that is not a folder, naming it' {
        $s = New-BackPromotionScenario
        $missing = Join-Path $TestDrive 'no-such-org'
        { Invoke-BackPromotion -Source $ProductionSample -Target $missing -Store $s.Store -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxOps.Source.PathNotFound*'
    }

    It 'emits results that group and export' {
        $s = New-BackPromotionScenario
        $csv = Join-Path $TestDrive 'promotion.csv'
        Invoke-BackPromotion -Source $ProductionSample -Target $s.Uat -Store $s.Store -Baseline $s.Baseline -WhatIf | Export-Csv $csv -NoTypeInformation
        (Import-Csv $csv | Group-Object Status | Where-Object Name -eq 'WhatIf').Count | Should -Be 3
    }
}
