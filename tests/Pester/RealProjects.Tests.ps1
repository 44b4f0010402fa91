# Real Salesforce projects (../shared/corpus: NPSP and Dreamhouse, each with `prod` and `sandbox` tags) read,
# compared and packaged by SandboxOps, held to Salesforce's own tools pinned from npm: source-deploy-retrieve
# (what `sf project convert` runs) and sfdx-git-delta. Every difference that remains is named and explained here.
BeforeDiscovery {
    $script:CorpusFolder = Join-Path $PSScriptRoot '../../../shared/corpus'
    $script:HasCorpus = (Test-Path (Join-Path $CorpusFolder 'npsp.bundle')) -and [bool](Get-Command node -ErrorAction SilentlyContinue)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Corpus = Join-Path $RepositoryRoot '../shared/corpus'
    $script:Oracles = Join-Path $RepositoryRoot 'out/oracles'

    function script:Get-Keys($Path) { @(Get-OrgMetadata $Path -WarningAction SilentlyContinue | ForEach-Object { "$($_.Type) $($_.FullName)" } | Sort-Object) }
    function script:Get-ManifestMembers([string] $File) {
        if (-not (Test-Path $File)) { return @() }
        $package = [xml](Get-Content -Raw $File)
        @(foreach ($type in $package.Package.types) { foreach ($member in @($type.members)) { "$($type.name) $member" } }) | Sort-Object
    }
    # The oracles installed, and a clone of the corpus project at its `sandbox` tag (the newer state).
    function script:Initialize-RealProject([string] $Project, [string] $Folder) {
        Install-SalesforceOracles $Corpus $Oracles | Out-Null
        git clone -q (Join-Path $Corpus "$Project.bundle") $Folder 2>$null
        git -C $Folder checkout -q sandbox 2>$null
        $Folder
    }
    function script:Invoke-Oracle([string[]] $Arguments) {
        Push-Location $Oracles
        try { $output = node @Arguments 2>&1 | Out-String; if ($LASTEXITCODE -ne 0) { throw "node $Arguments failed: $output" }; $output | ConvertFrom-Json }
        finally { Pop-Location }
    }
}

Describe 'NPSP, a real DX project, against Salesforce''s own conversion of it' -Skip:(-not $HasCorpus) {
    BeforeAll {
        $script:Npsp = Initialize-RealProject 'npsp' (Join-Path $TestDrive 'npsp')
        $script:Mdapi = Join-Path $TestDrive 'npsp-mdapi'
        $script:ToMdapi = Invoke-Oracle @('sdr_convert.mjs', 'to-mdapi', (Join-Path $Npsp 'force-app'), $Mdapi)
        $script:RoundTrip = Join-Path $TestDrive 'npsp-roundtrip'
        $script:ToSource = Invoke-Oracle @('sdr_convert.mjs', 'to-source', $Mdapi, $RoundTrip)
        $script:Read = Measure-Command { $script:Components = @(Get-OrgMetadata $Npsp -WarningVariable readWarnings -ErrorVariable readErrors -WarningAction SilentlyContinue -ErrorAction SilentlyContinue) }
        $script:ReadWarnings = $readWarnings
        $script:ReadErrors = $readErrors

        # What is left when whitespace is set aside, and why (each entry checked below):
        # - The seven Trigger_Handler__c translations are split over main/ and tdtm/: SDR writes the own
        #   elements of one piece only (caseValues, gender, nameFieldLabel... of the other are lost); we merge both.
        # - Opportunity.Acknowledgment_Status__c's description ends in a no-break space (U+00A0), which SDR trims
        #   (JavaScript's trim); XML whitespace is space, tab, CR and LF only, so it is content.
        $script:Explained = @(
            'Changed CustomField Opportunity.Acknowledgment_Status__c'
            foreach ($language in 'de', 'en_GB', 'es', 'fr', 'ja', 'nl_NL', 'pt_BR') { "Changed CustomObjectTranslation Trigger_Handler__c-$language" }
        ) | Sort-Object
    }

    It 'reads every file as a known type, with no error' {
        @($Components | Where-Object Type -eq 'Unknown').Count | Should -Be 0
        @($ReadWarnings).Count | Should -Be 0
        @($ReadErrors).Count | Should -Be 0
    }

    It 'finds every component SDR lists in its package.xml' {
        # SDR names folders as members of their content type (a nested one with a trailing slash), a Document
        # by its meta file (no extension: the Metadata API's fullName has it, and so do ours), and lists a
        # parent (CustomLabels, Workflow, MatchingRules, a translation holding only field translations) that
        # we list only when it has elements of its own: its children are ours.
        $ours = @{}
        foreach ($component in $Components) {
            $type = switch ($component.Type) { 'ReportFolder' { 'Report' } 'DocumentFolder' { 'Document' } 'EmailFolder' { 'EmailTemplate' } default { $component.Type } }
            $name = if ($component.Type -eq 'Document') { $component.FullName -replace '\.[^./]+$', '' } else { $component.FullName }
            $ours["$type $name"] = $true
        }
        foreach ($child in $Components | Where-Object Parent) {
            $parentType = if ($child.Type -like 'Workflow*') { 'Workflow' } else { @{ CustomLabel = 'CustomLabels'; MatchingRule = 'MatchingRules'; CustomFieldTranslation = 'CustomObjectTranslation' }[$child.Type] }
            if ($parentType) { $ours["$parentType $($child.Parent)"] = $true }
        }
        $missing = @(Get-ManifestMembers (Join-Path $Mdapi 'package.xml') | Where-Object { -not $ours[$_.TrimEnd('/')] })
        $missing | Should -BeNullOrEmpty
        @($Components | Where-Object Type -eq 'ApexClass').Count | Should -Be 1035
    }

    It 'reads the same components from SDR''s Metadata API conversion' {
        Get-Keys $Mdapi | Should -Be ($Components | ForEach-Object { "$($_.Type) $($_.FullName)" } | Sort-Object)
    }

    It 'compares identical to the conversion, whitespace aside, but for the differences explained' {
        $differences = @(Compare-OrgMetadata $Npsp $Mdapi -IgnoreWhitespace)
        @($differences | ForEach-Object { "$($_.Status) $($_.Type) $($_.FullName)" } | Sort-Object) | Should -Be $Explained
        $nbsp = $differences | Where-Object FullName -eq 'Opportunity.Acknowledgment_Status__c'
        $nbsp.Changes[0].After | Should -Be "The acknowledgement status of this Opportunity.$([char]0xA0)"
        $split = $differences | Where-Object FullName -eq 'Trigger_Handler__c-de'
        @($split.Changes | Where-Object Kind -ne 'Added').Count | Should -Be 0 -Because 'SDR only lost elements; it changed none'
    }

    It 'reads SDR''s conversion back to source as the same project' {
        Get-Keys $RoundTrip | Should -Be ($Components | ForEach-Object { "$($_.Type) $($_.FullName)" } | Sort-Object)
        @(Compare-OrgMetadata $Npsp $RoundTrip -IgnoreWhitespace | ForEach-Object { "$($_.Status) $($_.Type) $($_.FullName)" } | Sort-Object) | Should -Be $Explained
    }

    It 'restores a snapshot of it in either format to the same metadata, every file accounted for' {
        $store = Join-Path $TestDrive 'store'
        $snapshot = Export-OrgSnapshot $Npsp -Store $store -WarningAction SilentlyContinue
        $projectFiles = @(git -C $Npsp ls-files | Where-Object { $_ -notmatch '^(\.git|LICENSE)' })
        foreach ($format in 'Source', 'MetadataApi') {
            $destination = Join-Path $TestDrive "restored-$format"
            Restore-OrgSnapshot $snapshot -Destination $destination -Format $format -WarningAction SilentlyContinue | Out-Null
            @(Compare-OrgMetadata $Npsp $destination) | Should -BeNullOrEmpty -Because "the $format restore is the project"
        }
        $sourceRestore = Join-Path $TestDrive 'restored-Source'
        $restored = @(Get-ChildItem -Recurse -File $sourceRestore | ForEach-Object { [System.IO.Path]::GetRelativePath($sourceRestore, $_.FullName).Replace('\', '/') })
        @($projectFiles | Where-Object { $_ -like 'force-app/*' -and $_ -notin $restored }) | Should -BeNullOrEmpty
    }

    It 'converts it to Metadata API format as SDR does, whitespace aside, but for the differences explained, and faster' {
        $ours = Join-Path $TestDrive 'npsp-mdapi-ours'
        $convert = Measure-Command { Convert-OrgMetadata $Npsp -Destination $ours -Format MetadataApi -WarningAction SilentlyContinue | Out-Null }
        @(Compare-OrgMetadata $Npsp $ours) | Should -BeNullOrEmpty -Because 'a conversion holds the project''s metadata, hash for hash'
        @(Compare-OrgMetadata $ours $Mdapi -IgnoreWhitespace | ForEach-Object { "$($_.Status) $($_.Type) $($_.FullName)" } | Sort-Object) | Should -Be $Explained
        Write-Host ("NPSP: Convert-OrgMetadata to Metadata API {0:N1} s; SDR to-mdapi {1:N1} s" -f $convert.TotalSeconds, ($ToMdapi.totalMs / 1000))
        $convert.TotalSeconds | Should -BeLessThan ($ToMdapi.totalMs / 1000)
    }

    It 'checks the whole project as one package: everything it names is in it, and it is over the deploy limit of files' {
        $check = Measure-Command { $script:Findings = @(Test-DeploymentPackage $Npsp -ErrorAction SilentlyContinue -WarningAction SilentlyContinue) }

        @($Findings | Where-Object RuleId -EQ PKG001 | ForEach-Object Component) | Should -BeNullOrEmpty -Because 'every field, object, class and record type NPSP''s profiles, layouts, list views, flows and rules name is in NPSP'
        @($Findings | Where-Object Severity -EQ Error | ForEach-Object RuleId) | Should -Be @('PKG006')
        ($Findings | Where-Object RuleId -EQ PKG006).Message | Should -Match '1\d,\d{3} files'
        foreach ($finding in @($Findings | Where-Object { $_.RuleId -eq 'PKG007' -and $_.Component -like 'ApexClass *' })) {
            $class = Get-ChildItem -Recurse $Npsp -Filter "$(($finding.Component -split ' ')[1]).cls" | Select-Object -First 1
            Get-Content -Raw $class.FullName | Should -Not -Match '(?i)@istest' -Because "a test class's ids are made up ($($finding.Component))"
        }
        Write-Host ("NPSP: Test-DeploymentPackage of the whole project {0:N1} s; Get-OrgMetadata {1:N1} s" -f $check.TotalSeconds, $Read.TotalSeconds)
    }

    It 'reads and compares faster than SDR converts' {
        $compare = Measure-Command { Compare-OrgMetadata $Npsp $Mdapi -IgnoreWhitespace | Out-Null }
        Write-Host ("NPSP: read {0:N1} s, compare with its conversion {1:N1} s; SDR to-mdapi {2:N1} s, to-source {3:N1} s" -f $Read.TotalSeconds, $compare.TotalSeconds, ($ToMdapi.totalMs / 1000), ($ToSource.totalMs / 1000))
        $Read.TotalSeconds | Should -BeLessThan ($ToMdapi.totalMs / 1000)
    }
}

Describe 'Packages of real drift (prod..sandbox) against sfdx-git-delta' -Skip:(-not $HasCorpus) -ForEach @(
    @{ Project = 'dreamhouse' }
    @{ Project = 'npsp' }
) {
    BeforeAll {
        $script:Clone = Initialize-RealProject $Project (Join-Path $TestDrive "$Project-git")
        $script:Delta = Join-Path $TestDrive "$Project-sgd"
        Invoke-Oracle @('sgd.mjs', '--repo', $Clone, '--from', 'prod', '--to', 'sandbox', '--source', 'force-app', '--output', $Delta) | Out-Null
        $script:Package = Join-Path $TestDrive "$Project-package"
        $script:Differences = @(Compare-OrgMetadata -Source $Clone -SourceRevision sandbox -Target $Clone -TargetRevision prod -IncludeIdentical -WarningAction SilentlyContinue)
        $Differences | Where-Object Status -ne Identical | New-DeploymentPackage -Destination $Package -IncludeDeletion -WarningAction SilentlyContinue | Out-Null
        $script:Status = @{}
        foreach ($difference in $Differences) { $Status["$($difference.Type) $($difference.FullName)"] = $difference.Status }
    }

    It 'packages everything sfdx-git-delta packages, but for reformatting and whole new objects' {
        # sfdx-git-delta packages a file whose bytes changed (an XML declaration written ' ?>' is a change to it);
        # we package what changed in meaning, so those are Identical here. It lists a new object's fields one by
        # one too: our package holds them inside the object. A parent that holds only children (a translation
        # of field labels alone) is no component of ours: its children say whether it changed.
        $ours = Get-ManifestMembers (Join-Path $Package 'package.xml')
        foreach ($member in Get-ManifestMembers (Join-Path $Delta 'package/package.xml')) {
            if ($member -in $ours) { continue }
            $ourStatus = $Status[$member]
            if ($null -eq $ourStatus) {
                $children = @($Differences | Where-Object Parent -eq ($member -split ' ', 2)[1])
                if ($children.Count -gt 0 -and @($children | Where-Object Status -ne 'Identical').Count -eq 0) { $ourStatus = 'Identical' }
            }
            $parent = $member -replace '^\w+ ([^.]+)\..*$', 'CustomObject $1'
            ($ourStatus -eq 'Identical' -or ($parent -ne $member -and $parent -in $ours)) | Should -BeTrue -Because "$member is in sfdx-git-delta's package (our status: $ourStatus)"
        }
    }

    It 'packages nothing sfdx-git-delta does not, but what changed inside a Metadata API file' {
        $theirs = Get-ManifestMembers (Join-Path $Delta 'package/package.xml')
        foreach ($member in Get-ManifestMembers (Join-Path $Package 'package.xml')) {
            if ($member -in $theirs) { continue }
            $Status[$member] | Should -BeIn @('Changed', 'SourceOnly') -Because "$member is in our package only"
        }
    }

    It 'has nothing the package checks call an error against prod: what the changed components name is in the package or in prod' {
        $findings = @(Test-DeploymentPackage $Package -Target "$Clone@prod" -WarningAction SilentlyContinue -ErrorAction SilentlyContinue)
        @($findings | Where-Object Severity -EQ Error | ForEach-Object { "$($_.RuleId) $($_.Component): $($_.Message)" }) | Should -BeNullOrEmpty
    }

    It 'deletes what sfdx-git-delta deletes' {
        $ours = @(Get-ChildItem $Package -Filter 'destructiveChanges*.xml' | ForEach-Object { Get-ManifestMembers $_.FullName })
        foreach ($member in Get-ManifestMembers (Join-Path $Delta 'destructiveChanges/destructiveChanges.xml')) {
            ($member -in $ours -or $Status[$member] -ne 'TargetOnly') | Should -BeTrue -Because "$member was deleted between prod and sandbox"
        }
    }
}

# Issue 17's real case: production (the `sandbox` tag, the newer state) back-promoted into a sandbox that is a copy
# of `prod` with its own edits, against `prod` as the baseline. Components both changed are merged; the result must
# equal the sandbox tag with the same edits applied by hand, and no conflict may be spurious.
Describe 'A back-promotion of real drift, merged element by element (NPSP)' -Skip:(-not $HasCorpus) {
    BeforeAll {
        $script:Base = Initialize-RealProject 'npsp' (Join-Path $TestDrive 'npsp-base')
        git -C $Base checkout -q prod 2>$null
        $script:Newer = Initialize-RealProject 'npsp' (Join-Path $TestDrive 'npsp-newer')

        # The sandbox's own work: a label production also changed (another element of it), a label production did not
        # touch, a new label, a field production changed (another element), and a profile entry in a Metadata API folder.
        function script:Add-SandboxWork([string] $Project) {
            $labels = Join-Path $Project 'force-app/main/default/labels/CustomLabels.labels-meta.xml'
            $text = Get-Content -Raw $labels
            $text = $text -replace '(?s)(<fullName>ErrorEmailMessage</fullName>\s*<categories>)Error(</categories>)', '$1Error, Email$2'
            $text = $text -replace '(?s)(<fullName>Addr_Id_Error</fullName>.*?<shortDescription>)[^<]*(</shortDescription>)', '$1Address id error (sandbox)$2'
            $text = $text -replace '</CustomLabels>', "    <labels>`n        <fullName>SandboxOps_Work_In_Progress</fullName>`n        <language>en_US</language>`n        <protected>false</protected>`n        <shortDescription>Work in progress</shortDescription>`n        <value>Only in the sandbox.</value>`n    </labels>`n</CustomLabels>"
            Set-Content $labels $text -NoNewline
            $field = Join-Path $Project 'force-app/main/default/objects/Contact/fields/Address_Verification_Status__c.field-meta.xml'
            Set-Content $field ((Get-Content -Raw $field) -replace '<label>Address Verification Status</label>', '<label>Address Verification State</label>') -NoNewline
            $profile = Join-Path $Project 'unpackaged/config/rd2_post_config/profiles/Admin.profile'
            Set-Content $profile ((Get-Content -Raw $profile) -replace '(?s)(CardLast4__c</field>\s*<readable>)true', '$1false') -NoNewline
        }

        $script:Target = Join-Path $TestDrive 'npsp-target'
        Copy-Item $Base $Target -Recurse
        Add-SandboxWork $Target
        $script:Expected = Join-Path $TestDrive 'npsp-expected'
        Copy-Item $Newer $Expected -Recurse
        Add-SandboxWork $Expected

        $script:Store = Join-Path $TestDrive 'npsp-store'
        $script:Results = @(
            foreach ($part in '.', 'unpackaged/config/rd2_post_config') {
                $null = Export-OrgSnapshot (Join-Path $Base $part) -Store $Store -BaselineFor (Join-Path $Newer $part), (Join-Path $Target $part) -WarningAction SilentlyContinue
                Invoke-BackPromotion -Source (Join-Path $Newer $part) -Target (Join-Path $Target $part) -Store $Store -IncludeDeletion -WarningAction SilentlyContinue
            })
    }

    It 'merges what both sides changed, with no conflict' {
        $Results | Where-Object Status -eq 'Conflict' | ForEach-Object { "$($_.Type) $($_.FullName): $($_.Reason)" } | Should -BeNullOrEmpty
        $merged = @($Results | Where-Object { $_.Merged.Count -gt 0 } | ForEach-Object { "$($_.Type) $($_.FullName)" } | Sort-Object)
        $merged | Should -Be @('CustomField Contact.Address_Verification_Status__c', 'CustomLabel ErrorEmailMessage', 'Profile Admin')
        ($Results | Where-Object FullName -eq 'ErrorEmailMessage').Merged.Path | Should -Be @('categories', 'value')
    }

    It 'leaves the sandbox equal to production with the sandbox''s work applied by hand' {
        foreach ($part in '.', 'unpackaged/config/rd2_post_config') {
            $left = @(Compare-OrgMetadata (Join-Path $Expected $part) (Join-Path $Target $part) -WarningAction SilentlyContinue | ForEach-Object { "$($_.Status) $($_.Type) $($_.FullName)" })
            $left | Should -BeNullOrEmpty -Because "$part should hold both sides' changes"
        }
    }
}

# Issue 18 on a real project: a pipeline whose production is Salesforce's own conversion of NPSP's `prod` tag
# (Metadata API format), whose UAT is the `sandbox` tag (DX), and whose repository is the clone at `prod`
# (a git revision). Every link must be exactly what Compare-OrgMetadata reports for the pair.
Describe 'A pipeline of real drift (NPSP), link by link against Compare-OrgMetadata' -Skip:(-not $HasCorpus) {
    BeforeAll {
        $script:Uat = Initialize-RealProject 'npsp' (Join-Path $TestDrive 'npsp-uat')
        $prodSource = Join-Path $TestDrive 'npsp-prod-source'
        git clone -q $Uat $prodSource 2>$null
        git -C $prodSource checkout -q prod 2>$null
        $script:Prod = Join-Path $TestDrive 'npsp-prod-mdapi'
        Invoke-Oracle @('sdr_convert.mjs', 'to-mdapi', (Join-Path $prodSource 'force-app'), $Prod) | Out-Null
        $script:RealPipeline = Join-Path $TestDrive 'npsp.pipeline.json'
        $null = New-SandboxPipeline $RealPipeline -Stage @(
            @{ Name = 'uat'; Type = 'Full'; Role = 'UAT'; Location = $Uat }
            @{ Name = 'prod'; Type = 'Production'; Role = 'Production'; Location = $Prod }
        ) -Repository $Uat -Branch prod
        $script:RealDrift = @(Get-PipelineDrift $RealPipeline -WarningAction SilentlyContinue)
    }

    It '<From> -> <To> is what Compare-OrgMetadata reports' -ForEach @(
        @{ From = 'uat'; To = 'prod' }, @{ From = 'prod'; To = 'uat' }, @{ From = 'uat'; To = 'repository' }, @{ From = 'prod'; To = 'repository' }
    ) {
        $places = @{ uat = $Uat; prod = $Prod; repository = "$Uat@prod" }
        $link = $RealDrift | Where-Object { $_.From -eq $From -and $_.To -eq $To }
        $pairwise = @(Compare-OrgMetadata -Source $places[$From] -Target $places[$To] -WarningAction SilentlyContinue)

        if ($To -ne 'repository') { $link.Total | Should -BeGreaterThan 0 -Because 'prod and sandbox differ' }
        @($link.Differences | ForEach-Object { "$($_.Status) $($_.Type) $($_.FullName) [$($_.Changes)]" } | Sort-Object) |
            Should -Be @($pairwise | ForEach-Object { "$($_.Status) $($_.Type) $($_.FullName) [$($_.Changes)]" } | Sort-Object)
    }
}

Describe 'Post-refresh endpoint rewriting on a real project (NPSP), held to SDR' -Skip:(-not $HasCorpus) {
    BeforeAll {
        $script:Refreshed = Initialize-RealProject 'npsp' (Join-Path $TestDrive 'npsp-refreshed')
        $script:RefreshPipeline = Join-Path $TestDrive 'npsp-refresh.pipeline.json'
        @{
            name = 'NPSP'
            environments = @(
                @{ name = 'prod'; type = 'Production'; role = 'Production'; location = "$Refreshed@prod" }
                @{ name = 'uat'; type = 'Full'; role = 'UAT'; location = $Refreshed
                   postRefresh = @{ endpoints = @(@{ from = 'https://api.smartystreets.com'; to = 'https://smartystreets.uat.example.org' }
                                                  @{ from = 'https://bit.ly'; to = 'https://links.uat.example.org' }) } }
            )
        } | ConvertTo-Json -Depth 6 | Set-Content $RefreshPipeline
        # What the rules name, found by grep, independently of the reader: every file with a value that starts with a from prefix.
        $script:Named = @(Get-ChildItem -Recurse -File (Join-Path $Refreshed 'force-app') | Where-Object { (Get-Content -Raw $_.FullName) -match '>(https://api\.smartystreets\.com|https://bit\.ly)' } | ForEach-Object Name | Sort-Object)
        $script:Tasks = @(Invoke-PostRefreshTask uat -Pipeline $RefreshPipeline -Confirm:$false -WarningAction SilentlyContinue)
    }

    It 'rewrites every file whose values start with a production endpoint, and nothing else' {
        $Named.Count | Should -BeGreaterThan 5
        @($Tasks | Where-Object Status -EQ Done).Count | Should -Be $Named.Count
        $changed = @(git -C $Refreshed diff --name-only | ForEach-Object { Split-Path -Leaf $_ } | Sort-Object)
        $changed | Should -Be $Named
        @(git -C $Refreshed diff --numstat | ForEach-Object { ($_ -split "`t")[0] }) | Should -Not -Contain '0' -Because 'every changed file changes a value'
        (git -C $Refreshed diff | Select-String '^\+\s' | Where-Object { $_ -notmatch 'https://(smartystreets|links)\.uat\.example\.org' }) | Should -BeNullOrEmpty
    }

    It 'leaves a project Salesforce''s own conversion reads, with the new endpoints, and only those components differ' {
        $converted = Join-Path $TestDrive 'npsp-refreshed-mdapi'
        Invoke-Oracle @('sdr_convert.mjs', 'to-mdapi', (Join-Path $Refreshed 'force-app'), $converted) | Out-Null
        (Get-Content -Raw (Join-Path $converted 'remoteSiteSettings/SmartyStreets.remoteSite')) | Should -Match '<url>https://smartystreets.uat.example.org</url>'
        $differences = @(Compare-OrgMetadata -Source "$Refreshed@sandbox" -Target $Refreshed -WarningAction SilentlyContinue)
        @($differences | ForEach-Object { "$($_.Type) $($_.FullName)" } | Sort-Object) | Should -Be @($Tasks | Where-Object Status -EQ Done | ForEach-Object Target | Sort-Object)
        @(Invoke-PostRefreshTask uat -Pipeline $RefreshPipeline -WarningAction SilentlyContinue | Where-Object Status -EQ Done) | Should -BeNullOrEmpty -Because 'a second run has nothing to do'
    }
}
