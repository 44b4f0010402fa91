BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Get-OrgMetadata parameter contract' {
    BeforeAll { $script:Command = Get-Command Get-OrgMetadata }

    It 'takes -Source (a path, a snapshot or an org) at position 0 from the pipeline, and PSPath from Get-ChildItem' {
        $source = $Command.Parameters['Source'].ParameterSets['__AllParameterSets']
        $source.Position | Should -Be 0
        $source.ValueFromPipeline | Should -BeTrue
        $source.ValueFromPipelineByPropertyName | Should -BeTrue
        $source.IsMandatory | Should -BeTrue
        $Command.Parameters['Source'].Aliases | Should -Contain 'PSPath'
    }

    It 'declares its output type' {
        $Command.OutputType.Name | Should -Contain 'SandboxOps.Engine.Model.MetadataComponent'
    }

    It 'completes -Type with registry type names' {
        $result = TabExpansion2 -inputScript 'Get-OrgMetadata -Type CustomFi' -cursorColumn 'Get-OrgMetadata -Type CustomFi'.Length
        $result.CompletionMatches.CompletionText | Should -Contain 'CustomField'
    }
}

Describe 'Get-OrgMetadata on the sample orgs' {
    BeforeAll {
        $script:Production = @(Get-OrgMetadata -Source $ProductionSample)
        $script:Uat = @(Get-OrgMetadata -Source $UatSample)
    }

    It 'reads the production retrieve in Metadata API format' {
        $Production.Count | Should -Be 33
        $Production | ForEach-Object { $_.Format.ToString() } | Sort-Object -Unique | Should -Be 'MetadataApi'
        ($Production | Where-Object FullName -eq 'Account.Credit_Limit__c').Type | Should -Be 'CustomField'
        ($Production | Where-Object FullName -eq 'Account.Credit_Limit__c').Parent | Should -Be 'Account'
        ($Production | Where-Object Type -eq 'Report').FullName | Should -Be 'SalesReports/Open_Invoices'
    }

    It 'reads the UAT project in source format' {
        $Uat.Count | Should -Be 35
        $Uat | ForEach-Object { $_.Format.ToString() } | Sort-Object -Unique | Should -Be 'Source'
        ($Uat | Where-Object FullName -eq 'InvoiceDiscountService').Files | Should -Contain 'force-app/main/default/classes/InvoiceDiscountService.cls'
    }

    It 'gives the profile that differs only in order the same hash in both orgs' {
        $a = $Production | Where-Object { $_.Type -eq 'Profile' -and $_.FullName -eq 'Sales User' }
        $b = $Uat | Where-Object { $_.Type -eq 'Profile' -and $_.FullName -eq 'Sales User' }
        $b.ContentHash | Should -Be $a.ContentHash
    }

    It 'every record has the same properties and names its source' {
        $names = ($Production[0].PSObject.Properties.Name) -join ','
        foreach ($c in $Production + $Uat) { ($c.PSObject.Properties.Name -join ',') | Should -Be $names }
        $Production[0].Source | Should -Be (Resolve-Path $ProductionSample).Path
    }

    It 'filters by type and name wildcard' {
        $fields = @(Get-OrgMetadata $ProductionSample -Type CustomField -FullName 'Invoice__c.*', '*Tier*')
        @($fields.FullName | Sort-Object) | Should -Be @('Account.Customer_Tier__c', 'Invoice__c.Account__c', 'Invoice__c.Amount__c', 'Invoice__c.Due_Date__c', 'Invoice__c.Status__c')
    }

    It 'takes paths from the pipeline, by value and from Get-Item' {
        @($ProductionSample | Get-OrgMetadata -Type ApexTrigger).Count | Should -Be 1
        @(Get-Item $UatSample | Get-OrgMetadata -Type ApexTrigger).Count | Should -Be 1
        @(Get-OrgMetadata -Source $UatSample -Type ApexTrigger).Count | Should -Be 1
    }

    It 'resolves relative paths against the PowerShell location' {
        Push-Location $RepositoryRoot
        try { @(Get-OrgMetadata ./docs/samples/production -Type Flow).FullName | Should -Be 'Invoice_Reminder' }
        finally { Pop-Location }
    }

    It 'pipes into Export-Csv with one readable row per component' {
        $csv = Join-Path $TestDrive 'inventory.csv'
        $Production | Export-Csv -Path $csv -NoTypeInformation
        $rows = @(Import-Csv $csv)
        $rows.Count | Should -Be 33
        ($rows | Where-Object FullName -eq 'InvoiceService').Files | Should -Be 'classes/InvoiceService.cls; classes/InvoiceService.cls-meta.xml'
        $rows[0].PSObject.Properties.Name | Should -Contain 'ContentHash'
    }

    It 'pipes into ConvertTo-Json with files as an array' {
        $json = $Production | Where-Object FullName -eq 'InvoiceService' | ConvertTo-Json -Depth 3 | ConvertFrom-Json
        $json.Type | Should -Be 'ApexClass'
        @($json.Files).Count | Should -Be 2
        $json.Format | Should -Not -BeNullOrEmpty
    }

    It 'shows a default table of type, name, format, size and hash' {
        $text = $Production | Select-Object -First 1 | Out-String -Width 200
        $text | Should -Match 'Type\s+FullName\s+Format\s+Size\s+Hash'
    }

    It 'reads a retrieve zip' {
        $zip = Join-Path $TestDrive 'retrieve.zip'
        Compress-Archive -Path (Join-Path $ProductionSample '*') -DestinationPath $zip
        @(Get-OrgMetadata $zip).Count | Should -Be 33
    }

    It 'reads a git revision without checking it out' {
        $repo = Join-Path $TestDrive 'repo'
        Copy-Item -Recurse $UatSample $repo
        git -C $repo init -q 2>$null
        git -C $repo -c user.name=Test -c user.email=test@example.com add -A 2>$null
        git -C $repo -c user.name=Test -c user.email=test@example.com -c commit.gpgsign=false commit -q -m uat 2>$null
        Remove-Item (Join-Path $repo 'force-app/main/default/classes/InvoiceDiscountService.cls*')
        @(Get-OrgMetadata $repo -Type ApexClass).FullName | Should -Not -Contain 'InvoiceDiscountService'
        @(Get-OrgMetadata $repo -SourceRevision HEAD -Type ApexClass).FullName | Should -Contain 'InvoiceDiscountService'
    }

    It 'leaves out what the project''s .forceignore names, and Compare-OrgMetadata does too' {
        $project = Join-Path $TestDrive 'ignoring'
        Copy-Item -Recurse $UatSample $project
        Set-Content (Join-Path $project '.forceignore') "# not deployed from here`n**/profiles/**`n**/classes/InvoiceDiscountService.cls*"
        $read = @(Get-OrgMetadata $project)
        $read.Type | Should -Not -Contain 'Profile'
        $read.FullName | Should -Not -Contain 'InvoiceDiscountService'
        @(Compare-OrgMetadata -Source $UatSample -Target $project | Where-Object { $_.Type -eq 'Profile' -or $_.FullName -eq 'InvoiceDiscountService' }).Status | Sort-Object -Unique | Should -Be 'SourceOnly'
    }
}

Describe 'Get-OrgMetadata errors' {
    It 'reports a missing path as a non-terminating error with an id' {
        $out = Get-OrgMetadata -Source (Join-Path $TestDrive 'nope') -ErrorVariable problems -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -Match '^SandboxOps\.Source\.PathNotFound'
    }

    It 'reports malformed XML per file, naming it, and reads the rest' {
        $org = Join-Path $TestDrive 'broken'
        Copy-Item -Recurse $ProductionSample $org
        Set-Content (Join-Path $org 'profiles/Admin.profile') '<Profile><custom>'
        $out = @(Get-OrgMetadata $org -ErrorVariable problems -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 32
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Match '^SandboxOps\.Read\.MalformedXml'
        $problems[0].Exception.Message | Should -Match 'Admin\.profile'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'stops at the first problem with -ErrorAction Stop' {
        $org = Join-Path $TestDrive 'broken2'
        Copy-Item -Recurse $ProductionSample $org
        Set-Content (Join-Path $org 'profiles/Admin.profile') '<Profile><custom>'
        { Get-OrgMetadata $org -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxOps.Read.MalformedXml*'
    }

    It 'warns about a file of an unknown type and lists it' {
        $org = Join-Path $TestDrive 'unknown'
        Copy-Item -Recurse $ProductionSample $org
        New-Item -ItemType Directory (Join-Path $org 'widgets') | Out-Null
        Set-Content (Join-Path $org 'widgets/Thing.widget') '<Widget/>'
        $out = @(Get-OrgMetadata $org -WarningVariable warnings -WarningAction SilentlyContinue)
        ($out | Where-Object Type -eq 'Unknown').FullName | Should -Be 'widgets/Thing.widget'
        $warnings[0].Message | Should -Match 'Thing\.widget'
    }

    It 'refuses an unknown -Type with a suggestion' {
        { Get-OrgMetadata $ProductionSample -Type CustomFeld -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxOps.Argument.UnknownType*'
        { Get-OrgMetadata $ProductionSample -Type Field -ErrorAction Stop } | Should -Throw '*Did you mean*CustomField*'
    }

    It 'refuses a zip with an entry that escapes' {
        $zipPath = Join-Path $TestDrive 'evil.zip'
        Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
        $archive = [System.IO.Compression.ZipFile]::Open($zipPath, 'Create')
        $writer = [System.IO.StreamWriter]::new($archive.CreateEntry('../evil.cls').Open()); $writer.Write('x'); $writer.Dispose()
        $archive.Dispose()
        { Get-OrgMetadata $zipPath -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxOps.Source.UnsafeArchiveEntry*'
    }
}

Describe 'Get-OrgMetadata logging' {
    It 'writes verbose lines with counts and timings' {
        $verbose = Get-OrgMetadata $ProductionSample -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match 'Read 33 components from .* in \d+ ms'
    }

    It 'appends to the file named by $SandboxOpsLogPath' {
        $log = Join-Path $TestDrive 'logs/sandboxops.log'
        $global:SandboxOpsLogPath = $log
        try { $null = Get-OrgMetadata $ProductionSample }
        finally { Remove-Variable -Name SandboxOpsLogPath -Scope Global }
        Get-Content -Raw $log | Should -Match 'Read 33 components'
    }
}
