BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Compare-OrgMetadata parameter contract' {
    BeforeAll { $script:Command = Get-Command Compare-OrgMetadata }

    It 'takes -Source and -Target by position' {
        $Command.Parameters['Source'].ParameterSets.Values[0].Position | Should -Be 0
        $Command.Parameters['Target'].ParameterSets.Values[0].Position | Should -Be 1
    }

    It 'has switches, not booleans, and declares its output type' {
        $Command.Parameters['IncludeIdentical'].SwitchParameter | Should -BeTrue
        $Command.Parameters['IncludeTextDiff'].SwitchParameter | Should -BeTrue
        $Command.OutputType.Name | Should -Contain 'SandboxOps.Engine.Comparison.MetadataDifference'
    }

    It 'completes -ExcludeType with type names' {
        $line = 'Compare-OrgMetadata a b -ExcludeType ApexCl'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'ApexClass'
    }
}

Describe 'Compare-OrgMetadata on the sample orgs' {
    BeforeAll {
        $script:Differences = @(Compare-OrgMetadata -Source $ProductionSample -Target $UatSample)
    }

    It 'finds exactly the differences the samples were written to have' {
        @($Differences | Where-Object Status -eq 'SourceOnly' | ForEach-Object { "$($_.Type) $($_.FullName)" }) | Should -Be @('CustomField Account.Credit_Limit__c')
        @($Differences | Where-Object Status -eq 'TargetOnly' | ForEach-Object { "$($_.Type) $($_.FullName)" } | Sort-Object) |
            Should -Be @('ApexClass InvoiceDiscountService', 'CustomField Invoice__c.Discount__c', 'CustomLabel Discount_Applied')
        @($Differences | Where-Object Status -eq 'Changed' | ForEach-Object { "$($_.Type) $($_.FullName)" } | Sort-Object) |
            Should -Be @('ApexClass InvoiceService', 'PermissionSet Invoice_Manager', 'Profile Admin')
    }

    It 'does not report the profile whose permissions differ only in order' {
        $Differences.FullName | Should -Not -Contain 'Sales User'
        $same = Compare-OrgMetadata $ProductionSample $UatSample -Type Profile -FullName 'Sales User' -IncludeIdentical
        $same.Status | Should -Be 'Identical'
        $same.Noise.ToString() | Should -Match 'UnorderedListOrder'
    }

    It 'names the element that changed' {
        $admin = $Differences | Where-Object FullName -eq 'Admin'
        $admin.Changes[0].Path | Should -Be 'fieldPermissions[Account.Credit_Limit__c]'
        $admin.Changes[0].Kind | Should -Be 'Added'
        $admin.ChangeCount | Should -Be 1
    }

    It 'groups by status' {
        $groups = $Differences | Group-Object Status
        ($groups | Where-Object Name -eq 'TargetOnly').Count | Should -Be 3
    }

    It 'exports a flat CSV with the changes readable in one cell' {
        $csv = Join-Path $TestDrive 'drift.csv'
        $Differences | Export-Csv $csv -NoTypeInformation
        $rows = @(Import-Csv $csv)
        $rows.Count | Should -Be 7
        ($rows | Where-Object FullName -eq 'Admin').Changes | Should -Match '^fieldPermissions\[Account\.Credit_Limit__c\]: added'
        ($rows | Where-Object FullName -eq 'InvoiceService').Summary | Should -Match '\+5 -0 lines'
    }

    It 'converts to JSON with changes as objects' {
        $json = $Differences | Where-Object FullName -eq 'Invoice_Manager' | ConvertTo-Json -Depth 4 -EnumsAsStrings | ConvertFrom-Json
        $json.Changes[0].Path | Should -Be 'fieldPermissions[Invoice__c.Discount__c]'
        $json.Changes[0].Kind | Should -Be 'Removed'
        $json.Status | Should -Be 'Changed' 
    }

    It 'shows Status, Type, FullName and Summary by default' {
        ($Differences | Select-Object -First 1 | Out-String -Width 200) | Should -Match 'Status\s+Type\s+FullName\s+Summary'
    }

    It 'gives a unified diff on request' {
        $code = Compare-OrgMetadata $ProductionSample $UatSample -Type ApexClass -IncludeTextDiff | Where-Object Status -eq Changed
        $code.TextDiff | Should -Match '(?m)^\+\s+// Hotfix PROD-4821'
    }

    It 'finds nothing between an org and itself, and nothing between two formats of the same org' {
        @(Compare-OrgMetadata $ProductionSample $ProductionSample).Count | Should -Be 0
        @(Compare-OrgMetadata $ProductionSample (Join-Path $RepositoryRoot 'tests/fixtures/production-as-source')).Count | Should -Be 0
    }

    It 'applies ignore rules' {
        $ignored = @(Compare-OrgMetadata $ProductionSample $UatSample -IgnoreRule 'Profile:Admin', 'ApexClass:*:content')
        $ignored.FullName | Should -Not -Contain 'Admin'
        $ignored.FullName | Should -Not -Contain 'InvoiceService'
        $ignored.Count | Should -Be 5
    }

    It 'compares a git revision with the work tree' {
        $repo = Join-Path $TestDrive 'repo'
        Copy-Item -Recurse $UatSample $repo
        git -C $repo init -q 2>$null
        git -C $repo -c user.name=Test -c user.email=test@example.com add -A 2>$null
        git -C $repo -c user.name=Test -c user.email=test@example.com -c commit.gpgsign=false commit -q -m uat 2>$null
        Remove-Item (Join-Path $repo 'force-app/main/default/classes/InvoiceDiscountService.cls*')
        $d = @(Compare-OrgMetadata $repo $repo -TargetRevision HEAD)
        "$($d.Status) $($d.Type) $($d.FullName)" | Should -Be 'TargetOnly ApexClass InvoiceDiscountService'
    }

    It 'logs counts and timings to Verbose' {
        $verbose = Compare-OrgMetadata $ProductionSample $UatSample -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match 'Compared in \d+ ms: 3 changed, 1 source only, 3 target only'
    }
}

Describe 'Compare-OrgMetadata errors' {
    It 'stops with a clear error when a side does not exist' {
        { Compare-OrgMetadata $ProductionSample (Join-Path $TestDrive 'missing') -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxOps.Source.PathNotFound*'
    }

    It 'refuses a malformed ignore rule before reading anything' {
        { Compare-OrgMetadata $ProductionSample $UatSample -IgnoreRule 'Profile' -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxOps.Argument.InvalidIgnoreRule*'
    }

    It 'names the side that cannot be opened in TargetObject, with an id of ours, and logs it to $SandboxOpsLogPath' {
        $log = Join-Path $TestDrive 'errors.log'
        $global:SandboxOpsLogPath = $log
        try {
            $missing = Join-Path $TestDrive 'no-such-org'
            $failure = $null
            try { Compare-OrgMetadata $UatSample $missing -ErrorAction Stop } catch { $failure = $_ }
            $failure.FullyQualifiedErrorId | Should -Match '^SandboxOps\.Source\.PathNotFound'
            "$($failure.TargetObject)" | Should -Be $missing
            Get-Content -Raw $log | Should -Match 'SandboxOps\.Source\.PathNotFound: -Target'
        } finally { Remove-Variable -Scope Global SandboxOpsLogPath }
    }

    It 'reports a bad file on one side and compares the rest' {
        $org = Join-Path $TestDrive 'broken'
        Copy-Item -Recurse $ProductionSample $org
        Set-Content (Join-Path $org 'flows/Invoice_Reminder.flow') '<Flow><broken>'
        $out = @(Compare-OrgMetadata $ProductionSample $org -ErrorVariable problems -ErrorAction SilentlyContinue)
        $problems[0].FullyQualifiedErrorId | Should -Match '^SandboxOps\.Read\.MalformedXml'
        $problems[0].Exception.Message | Should -Match 'Invoice_Reminder\.flow'
        # Unknown in the target, not absent from it: never SourceOnly, so nothing downstream would deploy over it.
        "$($out.Status) $($out.FullName)" | Should -Be 'Unreadable Invoice_Reminder'
        $out[0].Reason | Should -Match 'Unreadable in the target'
    }
}
