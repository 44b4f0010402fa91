BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:SamplePipeline = Join-Path $RepositoryRoot 'docs/samples/pipeline/acme.pipeline.json'
    $script:Samples = Join-Path $RepositoryRoot 'docs/samples'

    # The five sample environments as New-SandboxPipeline stages.
    function Get-SampleStage {
        @(
            @{ Name = 'dev-invoicing'; Type = 'Developer'; Role = 'Development'; Location = "$Samples/pipeline/dev"; Owner = 'Invoicing team' }
            @{ Name = 'int'; Type = 'Partial'; Role = 'Integration'; Location = "$Samples/pipeline/int"
               ExpectedDrift = @{ Rule = 'RemoteSiteSetting:Billing_API:url'; Reason = 'Integration calls the billing sandbox.' } }
            @{ Name = 'uat'; Type = 'Full'; Role = 'UAT'; Location = "$Samples/uat" }
            @{ Name = 'hotfix'; Type = 'Full'; Role = 'Hotfix'; Location = "$Samples/pipeline/hotfix" }
            @{ Name = 'prod'; Type = 'Production'; Role = 'Production'; Location = "$Samples/production" }
        )
    }

    function Get-DifferenceLine($Differences) {
        @($Differences | ForEach-Object { "$($_.Status) $($_.Type) $($_.FullName) [$($_.Changes)]" } | Sort-Object)
    }
}

Describe 'Get-SandboxPipeline' {
    It 'emits the environments with their locations resolved against the file' {
        $environments = @(Get-SandboxPipeline $SamplePipeline)

        $environments.Name | Should -Be @('dev-invoicing', 'int', 'uat', 'hotfix', 'prod')
        ($environments | Where-Object Name -EQ uat).Source | Should -Be (Join-Path $Samples 'uat')
        ($environments | Where-Object Name -EQ uat).Location | Should -Be '../uat'
        ($environments | Where-Object Role -EQ Production).Type | Should -Be 'Production'
    }

    It 'emits the links with -Link and the whole pipeline with -Definition' {
        @(Get-SandboxPipeline $SamplePipeline -Link).Count | Should -Be 8
        @(Get-SandboxPipeline $SamplePipeline -Link -Environment hotfix | ForEach-Object { "$($_.From)->$($_.To) $($_.Kind)" }) | Should -Be @('hotfix->prod Promotion', 'prod->hotfix BackPromotion')
        $definition = Get-SandboxPipeline $SamplePipeline -Definition
        $definition.Name | Should -Be 'Acme billing'
        $definition.Repository.Source | Should -Be (Join-Path $Samples 'pipeline/repository')
    }

    It 'pipes environments into the other commands: a UAT snapshot where the file says UAT lives' {
        $store = Join-Path $TestDrive 'uat-store'

        $snapshot = Get-SandboxPipeline $SamplePipeline | Where-Object Role -EQ UAT | Export-OrgSnapshot -Store $store

        $snapshot.Source | Should -Be (Join-Path $Samples 'uat')
        @(Get-SandboxPipeline $SamplePipeline -Environment uat | Get-OrgMetadata).Count | Should -Be $snapshot.ComponentCount
    }

    It 'refuses a bad file with its line and JSON path, as a terminating error of ours' {
        $file = Join-Path $TestDrive 'bad.pipeline.json'
        Set-Content $file "{ `"name`": `"A`",`n  `"environments`": [ { `"name`": `"p`", `"type`": `"Sandbox`", `"role`": `"Production`", `"location`": `"org:p`" } ] }"

        $failure = { Get-SandboxPipeline $file } | Should -Throw -PassThru

        $failure.FullyQualifiedErrorId | Should -BeLike 'SandboxOps.Pipeline.InvalidPipeline*'
        $failure.CategoryInfo.Category | Should -Be 'InvalidData'
        $failure.Exception.Message | Should -Match ([regex]::Escape("bad.pipeline.json, line 2, `$.environments[0].type: 'Sandbox' is not a type"))
    }
}

Describe 'New-SandboxPipeline' {
    It 'writes a pipeline of the five sample environments that round-trips through the file' {
        $file = Join-Path $TestDrive 'five.pipeline.json'

        $written = New-SandboxPipeline $file -Name Acme -Stage (Get-SampleStage) -Repository "$Samples/pipeline/repository"
        $read = Get-SandboxPipeline $file -Definition

        $read.Environments.Name | Should -Be @('dev-invoicing', 'int', 'uat', 'hotfix', 'prod')
        @($read.Promotions | ForEach-Object { "$($_.From)->$($_.To)" }) | Should -Be @('dev-invoicing->int', 'int->uat', 'uat->prod', 'hotfix->prod')
        @($read.BackPromotions | ForEach-Object { "$($_.From)->$($_.To)" }) | Should -Be @('prod->dev-invoicing', 'prod->int', 'prod->uat', 'prod->hotfix')
        $read.Environment('int').ExpectedDrift[0].Rule.Text | Should -Be 'RemoteSiteSetting:Billing_API:url'
        $written.Environments.Count | Should -Be 5
        @(Test-SandboxPipeline $file | Where-Object Severity -EQ Error) | Should -BeNullOrEmpty
        # Written again from what was read, the file is the same.
        $again = Join-Path $TestDrive 'again.pipeline.json'
        $null = New-SandboxPipeline $again -Name Acme -Stage (Get-SampleStage) -Repository "$Samples/pipeline/repository"
        (Get-Content -Raw $again) | Should -Be (Get-Content -Raw $file)
    }

    It 'names the module schema in $schema, and the schema exists' {
        $file = Join-Path $TestDrive 'schema.pipeline.json'
        $null = New-SandboxPipeline $file -Stage (Get-SampleStage)

        $schema = (Get-Content -Raw $file | ConvertFrom-Json).'$schema'

        $schema | Should -BeLike '*SandboxOps.pipeline.schema.json'
        Join-Path $TestDrive $schema | Resolve-Path | Should -Exist
    }

    It 'writes nothing with -WhatIf and will not replace a file without -Force' {
        $file = Join-Path $TestDrive 'whatif.pipeline.json'
        New-SandboxPipeline $file -Stage (Get-SampleStage) -WhatIf
        $file | Should -Not -Exist

        $null = New-SandboxPipeline $file -Stage (Get-SampleStage)
        { New-SandboxPipeline $file -Stage (Get-SampleStage) } | Should -Throw -ErrorId 'SandboxOps.Pipeline.FileExists*'
        $null = New-SandboxPipeline $file -Stage (Get-SampleStage) -Force
        @(Get-ChildItem $TestDrive -Filter '.whatif*' -Force) | Should -BeNullOrEmpty
    }

    It 'refuses a stage it cannot use, naming the stage' {
        { New-SandboxPipeline (Join-Path $TestDrive 'x.json') -Stage @{ Name = 'uat'; Type = 'Huge'; Role = 'UAT'; Location = 'org:uat' } } |
            Should -Throw -ExpectedMessage "*-Stage 1: 'Huge' is not a Type*"
        { New-SandboxPipeline (Join-Path $TestDrive 'x.json') -Stage @{ Name = 'uat'; Type = 'Full'; Role = 'UAT'; Location = 'org:uat' } -Promotion 'uat->prod' } |
            Should -Throw -ExpectedMessage "*'prod' is not an environment*"
        Join-Path $TestDrive 'x.json' | Should -Not -Exist
    }
}

Describe 'Test-SandboxPipeline' {
    It 'finds nothing wrong with the sample pipeline' {
        @(Test-SandboxPipeline $SamplePipeline) | Should -BeNullOrEmpty
        Test-SandboxPipeline $SamplePipeline -Quiet | Should -BeTrue
    }

    It 'finds <Breach>' -ForEach @(
        @{ Breach = 'a Developer sandbox as UAT'; Stages = { $s = Get-SampleStage; $s[2].Type = 'Developer'; $s }; Rule = 'SOP010'; Environment = 'uat'; Severity = 'Warning' }
        @{ Breach = 'a name off the convention'; Stages = { $s = Get-SampleStage; $s[3].Name = 'emergency'; $s }; Rule = 'SOP009'; Environment = 'emergency'; Severity = 'Warning' }
        @{ Breach = 'an environment that cannot be reached'; Stages = { $s = Get-SampleStage; $s[1].Location = 'org:not-connected'; $s }; Rule = 'SOP011'; Environment = 'int'; Severity = 'Error' }
        @{ Breach = 'no production'; Stages = { Get-SampleStage | Select-Object -First 4 }; Rule = 'SOP001'; Environment = $null; Severity = 'Error' }
        @{ Breach = 'a missing folder'; Stages = { $s = Get-SampleStage; $s[0].Location = './nowhere'; $s }; Rule = 'SOP011'; Environment = 'dev-invoicing'; Severity = 'Error' }
    ) {
        $file = Join-Path $TestDrive "breach-$([guid]::NewGuid().ToString('N')).json"
        $null = New-SandboxPipeline $file -Stage (& $Stages)

        $findings = @(Test-SandboxPipeline $file)

        $finding = @($findings | Where-Object { $_.RuleId -eq $Rule -and $_.Environment -eq $Environment })
        $finding.Count | Should -Be 1
        $finding[0].Severity | Should -Be $Severity
        $finding[0].Remedy | Should -Not -BeNullOrEmpty
        Test-SandboxPipeline $file -Quiet | Should -Be ($Severity -ne 'Error' -and -not ($findings | Where-Object Severity -EQ Error))
    }
}

Describe 'Test-SandboxPipeline on revisions' {
    It 'finds a repository branch that names no commit, and passes one that does' {
        $bad = Join-Path $TestDrive 'bad-branch.pipeline.json'
        $good = Join-Path $TestDrive 'good-branch.pipeline.json'
        $null = New-SandboxPipeline $bad -Stage (Get-SampleStage) -Repository "$Samples/uat" -Branch 'no-such-branch'
        $null = New-SandboxPipeline $good -Stage (Get-SampleStage) -Repository "$Samples/uat" -Branch 'HEAD'

        $finding = @(Test-SandboxPipeline $bad | Where-Object { $_.RuleId -eq 'SOP011' -and $null -eq $_.Environment })

        $finding.Count | Should -Be 1
        $finding[0].Message | Should -Match "no-such-branch' does not name a commit"
        @(Test-SandboxPipeline $good | Where-Object RuleId -EQ 'SOP011') | Should -BeNullOrEmpty
    }
}

Describe 'Get-PipelineDrift on the sample pipeline' {
    BeforeAll {
        $script:Drift = @(Get-PipelineDrift $SamplePipeline)
        $script:Definition = Get-SandboxPipeline $SamplePipeline -Definition
    }

    It 'reports every promotion, back-promotion and environment against the repository' {
        $Drift.Count | Should -Be (4 + 4 + 5)
        @($Drift | Where-Object Kind -EQ Repository).Count | Should -Be 5
    }

    It '<From> -> <To> agrees exactly with Compare-OrgMetadata run pairwise with the same rules' -ForEach @(
        @{ From = 'dev-invoicing'; To = 'int' }, @{ From = 'int'; To = 'uat' }, @{ From = 'uat'; To = 'prod' }, @{ From = 'hotfix'; To = 'prod' },
        @{ From = 'prod'; To = 'uat' }, @{ From = 'prod'; To = 'int' }, @{ From = 'prod'; To = 'dev-invoicing' }, @{ From = 'prod'; To = 'hotfix' },
        @{ From = 'dev-invoicing'; To = 'repository' }, @{ From = 'int'; To = 'repository' }, @{ From = 'uat'; To = 'repository' }, @{ From = 'hotfix'; To = 'repository' }, @{ From = 'prod'; To = 'repository' }
    ) {
        $link = $Drift | Where-Object { $_.From -eq $From -and $_.To -eq $To } | Select-Object -First 1
        $source = $Definition.Environment($From).Source
        $target = if ($To -eq 'repository') { $Definition.Repository.Source } else { $Definition.Environment($To).Source }
        $rules = @(@($Definition.Environment($From), $Definition.Environment($To)) | Where-Object { $_ } | ForEach-Object { $_.ExpectedDrift } | ForEach-Object { $_.Rule.Text })
        $options = @{}
        if ($rules) { $options.IgnoreRule = $rules }

        $pairwise = @(Compare-OrgMetadata -Source $source -Target $target @options)

        Get-DifferenceLine $link.Differences | Should -Be (Get-DifferenceLine $pairwise)
    }

    It 'counts the expected drift it suppressed' {
        ($Drift | Where-Object { $_.From -eq 'int' -and $_.To -eq 'uat' }).Suppressed | Should -Be 1
        ($Drift | Where-Object { $_.From -eq 'int' -and $_.To -eq 'repository' }).Suppressed | Should -Be 1
        ($Drift | Where-Object { $_.From -eq 'uat' -and $_.To -eq 'prod' }).Suppressed | Should -Be 0
    }

    It 'tells hand changes, hotfixes not back-promoted and work in flight apart' {
        $uat = $Drift | Where-Object { $_.From -eq 'uat' -and $_.To -eq 'repository' }
        $prodToUat = $Drift | Where-Object { $_.From -eq 'prod' -and $_.To -eq 'uat' }
        $int = $Drift | Where-Object { $_.From -eq 'int' -and $_.To -eq 'repository' }
        $prod = $Drift | Where-Object { $_.From -eq 'prod' -and $_.To -eq 'repository' }

        @($uat.HandChanges | ForEach-Object { "$($_.Type) $($_.FullName)" }) | Should -Be @('ValidationRule Account.Region_Required_For_Enterprise')
        @($prod.HandChanges | ForEach-Object { "$($_.Type) $($_.FullName)" }) | Should -Be @('Profile Admin')
        @($int.InFlight | ForEach-Object { "$($_.Type) $($_.FullName)" }) | Should -Be @('ApexClass InvoiceExporter')
        @($prodToUat.NotBackPromoted | ForEach-Object { "$($_.Type) $($_.FullName)" } | Sort-Object) |
            Should -Be @('ApexClass InvoiceService', 'CustomField Account.Credit_Limit__c', 'PermissionSet Invoice_Manager', 'Profile Admin')
    }

    It 'narrows to the links of the environments named or piped in' {
        $named = @(Get-PipelineDrift $SamplePipeline -Environment hotfix | ForEach-Object { "$($_.From)->$($_.To)" })
        $piped = @(Get-SandboxPipeline $SamplePipeline -Environment hotfix | Get-PipelineDrift | ForEach-Object { "$($_.From)->$($_.To)" })

        $named | Should -Be @('hotfix->prod', 'prod->hotfix', 'hotfix->repository')
        $piped | Should -Be $named
        { Get-PipelineDrift $SamplePipeline -Environment nowhere } | Should -Throw -ErrorId 'SandboxOps.Argument.UnknownEnvironment*'
    }

    It 'emits the component differences with their link with -Detailed' {
        $detailed = @(Get-PipelineDrift $SamplePipeline -Environment uat -Detailed)

        $detailed.Count | Should -Be (@(Get-PipelineDrift $SamplePipeline -Environment uat).Differences.Count)
        $detailed[0].Link | Should -Match '->'
        $detailed[0].PSObject.TypeNames[0] | Should -Be 'SandboxOps.Engine.Comparison.MetadataDifference'
    }

    It 'reports an environment it cannot read as an error about it, and the other links still' {
        $copy = Join-Path $TestDrive 'broken'
        Copy-Item (Split-Path $SamplePipeline) $copy -Recurse
        $file = Join-Path $copy 'acme.pipeline.json'
        (Get-Content -Raw $file).Replace('"location": "./hotfix"', '"location": "./gone"').Replace('../uat', "$Samples/uat").Replace('../production', "$Samples/production") | Set-Content $file

        $drift = @(Get-PipelineDrift $file -ErrorVariable failures -ErrorAction SilentlyContinue)

        $failures.Count | Should -Be 1
        $failures[0].TargetObject | Should -Be 'hotfix'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'SandboxOps.Source.PathNotFound*'
        $drift.Count | Should -Be (13 - 3)
        @($drift | Where-Object { $_.From -eq 'hotfix' -or $_.To -eq 'hotfix' }) | Should -BeNullOrEmpty
    }

    It 'records every place as a snapshot with -Store, and a second run finds the same drift' {
        $store = Join-Path $TestDrive 'drift-store'

        $first = @(Get-PipelineDrift $SamplePipeline -Store $store)
        $second = @(Get-PipelineDrift $SamplePipeline -Store $store)

        @(Get-OrgSnapshot $store).Count | Should -Be 12
        @(Get-OrgSnapshot $store | Where-Object Description -Like 'Pipeline drift *: Acme billing/prod').Count | Should -Be 2
        @($second | ForEach-Object { "$($_.From)->$($_.To) $($_.Total)" }) | Should -Be @($first | ForEach-Object { "$($_.From)->$($_.To) $($_.Total)" })
        Get-DifferenceLine $second.Differences | Should -Be (Get-DifferenceLine $Drift.Differences)
    }
}

Describe 'The nightly drift runbook' {
    It 'exits 1 on the sample pipeline (hand changes, hotfixes not back-promoted) and writes the CSV and the report' {
        $out = Join-Path $TestDrive 'nightly'
        $output = dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $RepositoryRoot 'docs/examples/nightly-drift.ps1') -Pipeline $SamplePipeline -Store (Join-Path $TestDrive 'nightly-store') -Destination $out -Module $ModuleManifest 2>&1

        $LASTEXITCODE | Should -Be 1 -Because ($output | Out-String)
        ($output | Out-String) | Should -Match 'UNEXPECTED uat -> repository: Changed ValidationRule Account.Region_Required_For_Enterprise'
        $csv = @(Import-Csv (Join-Path $out 'drift.csv'))
        $csv.Count | Should -Be ($Drift = @(Get-PipelineDrift $SamplePipeline)).Differences.Count
        @($csv | Where-Object HandChange -EQ 'True').Count | Should -BeGreaterThan 0
        Join-Path $out 'drift.html' | Should -Exist
    }

    It 'exits 0 when nothing drifted unexpectedly' {
        $file = Join-Path $TestDrive 'calm.pipeline.json'
        $null = New-SandboxPipeline $file -Stage @(
            @{ Name = 'uat'; Type = 'Full'; Role = 'UAT'; Location = "$Samples/uat" }
            @{ Name = 'prod'; Type = 'Production'; Role = 'Production'; Location = "$Samples/uat" }
        ) -Repository "$Samples/uat"

        $output = dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $RepositoryRoot 'docs/examples/nightly-drift.ps1') -Pipeline $file -Store (Join-Path $TestDrive 'calm-store') -Destination (Join-Path $TestDrive 'calm') -Module $ModuleManifest 2>&1

        $LASTEXITCODE | Should -Be 0 -Because ($output | Out-String)
    }

    It 'exits 2, with the error, when the pipeline cannot be read' {
        $output = dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $RepositoryRoot 'docs/examples/nightly-drift.ps1') -Pipeline (Join-Path $TestDrive 'none.json') -Store (Join-Path $TestDrive 's') -Destination (Join-Path $TestDrive 'r') -Module $ModuleManifest 2>&1

        $LASTEXITCODE | Should -Be 2
        ($output | Out-String) | Should -Match 'does not exist'
    }
}

Describe 'Export-PipelineReport' {
    BeforeAll {
        $script:Drift = @(Get-PipelineDrift $SamplePipeline)
        $script:Report = Join-Path $TestDrive 'drift.html'
        $null = $Drift | Export-PipelineReport $Report
    }

    It 'is one file with nothing outside it and no script' {
        $html = Get-Content -Raw $Report
        $html | Should -Not -Match '<script'
        $html | Should -Not -Match '(src|href)\s*='
        ([regex]::Matches($html, 'https?://[^"\s<]+').Value | Where-Object { $_ -ne 'http://www.w3.org/2000/svg' }) | Should -BeNullOrEmpty
    }

    It 'renders in Chromium with every environment, link and count, and no console message' {
        $rendered = Invoke-Chromium -Html $Report
        $dom = $rendered.Dom

        foreach ($environment in (Get-SandboxPipeline $SamplePipeline).Name) {
            $dom | Should -Match "data-environment=`"$environment`""
        }
        foreach ($link in $Drift) {
            $dom | Should -Match ([regex]::Escape("data-link=`"$($link.From)-&gt;$($link.To)`" data-kind=`"$($link.Kind)`" data-total=`"$($link.Total)`" data-suppressed=`"$($link.Suppressed)`""))
        }
        foreach ($link in (Get-SandboxPipeline $SamplePipeline -Link)) {
            $dom | Should -Match ([regex]::Escape("class=`"link $($link.Kind.ToString().ToLowerInvariant())`" data-from=`"$($link.From)`" data-to=`"$($link.To)`""))
        }
        $dom | Should -Match ([regex]::Escape("data-metric=`"differences`" data-value=`"$(($Drift | Measure-Object Total -Sum).Sum)`""))
        $dom | Should -Match 'data-component="ValidationRule:Account.Region_Required_For_Enterprise"'
        $dom | Should -Match 'data-rule="RemoteSiteSetting:Billing_API:url"'
        $rendered.Log | Should -Not -Match 'CONSOLE'
    }

    It 'renders a screenshot that is not blank' {
        $shot = Join-Path $TestDrive 'report.png'
        $blankPage = Join-Path $TestDrive 'blank.html'
        $blankShot = Join-Path $TestDrive 'blank.png'
        Set-Content $blankPage '<!DOCTYPE html><html><body></body></html>'

        $null = Invoke-Chromium -Html $Report -Screenshot $shot
        $null = Invoke-Chromium -Html $blankPage -Screenshot $blankShot

        $shot | Should -Exist
        # A PNG compresses a blank page to almost nothing; a rendered report is many times larger.
        (Get-Item $shot).Length | Should -BeGreaterThan (10 * (Get-Item $blankShot).Length)
        [System.IO.File]::ReadAllBytes($shot)[1..3] | Should -Be ([byte[]][char[]]'PNG')
    }

    It 'adds the trend from the store' {
        $store = Join-Path $TestDrive 'trend-store'
        $null = Get-PipelineDrift $SamplePipeline -Store $store
        $report = Export-PipelineReport (Join-Path $TestDrive 'trend.html') -Pipeline $SamplePipeline -Store $store

        $html = Get-Content -Raw $report.FullName
        $html | Should -Match 'id="trend"'
        $html | Should -Match 'data-trend="uat-&gt;prod"'
    }

    It 'writes the environment strategy document as Markdown' {
        $document = Export-PipelineReport (Join-Path $TestDrive 'strategy.md') -Pipeline $SamplePipeline

        $text = Get-Content -Raw $document.FullName
        $text | Should -Match '(?m)^# Environment strategy: Acme billing'
        $text | Should -Match '\| uat \| Full \| UAT \| QA lead \|'
        $text | Should -Match 'dev-invoicing → int → uat → prod'
        $text | Should -Match 'RemoteSiteSetting:Billing_API:url'
        $text | Should -Match '(?m)^- uat → prod: static checks \(fail on Error\), approved by release-manager$'
        $text | Should -Not -Match 'Drift today'
    }

    It 'will not replace a report without -Force, and writes nothing with -WhatIf' {
        { $Drift | Export-PipelineReport $Report } | Should -Throw -ErrorId 'SandboxOps.Pipeline.ReportExists*'
        $Drift | Export-PipelineReport (Join-Path $TestDrive 'never.html') -WhatIf
        Join-Path $TestDrive 'never.html' | Should -Not -Exist
    }
}

Describe 'A pipeline with a live org (the Metadata API simulator on 127.0.0.1)' {
    BeforeAll {
        $script:Org = Start-SimulatedOrg -OrgFolder $ProductionSample -WorkFolder $TestDrive
        $null = Connect-SalesforceOrg -Alias simprod
        $script:OrgPipeline = Join-Path $TestDrive 'org.pipeline.json'
        $null = New-SandboxPipeline $OrgPipeline -Stage @(
            @{ Name = 'uat'; Type = 'Full'; Role = 'UAT'; Location = $UatSample }
            @{ Name = 'prod'; Type = 'Production'; Role = 'Production'; Location = 'org:simprod' }
        ) -Repository $UatSample
    }

    AfterAll { Stop-SimulatedOrg $Org }

    It 'reaches the connected org and reads it once, agreeing with Compare-OrgMetadata against the org' {
        @(Test-SandboxPipeline $OrgPipeline | Where-Object RuleId -EQ SOP011) | Should -BeNullOrEmpty

        $drift = @(Get-PipelineDrift $OrgPipeline)
        $promotion = $drift | Where-Object { $_.From -eq 'uat' -and $_.To -eq 'prod' }

        Get-DifferenceLine $promotion.Differences | Should -Be (Get-DifferenceLine @(Compare-OrgMetadata -Source $UatSample -Target org:simprod))
        $promotion.Total | Should -BeGreaterThan 0
    }

    It 'records the org as a snapshot with -Store, and the next run retrieves against it' {
        $store = Join-Path $TestDrive 'org-store'

        $first = @(Get-PipelineDrift $OrgPipeline -Store $store)
        $second = @(Get-PipelineDrift $OrgPipeline -Store $store -Verbose 4>&1 | Where-Object { $_.PSObject.TypeNames[0] -eq 'SandboxOps.Engine.Pipelines.PipelineDrift' })

        @(Get-OrgSnapshot $store | Where-Object Source -EQ 'org:simprod').Count | Should -Be 2
        Get-DifferenceLine $second.Differences | Should -Be (Get-DifferenceLine $first.Differences)
    }
}
