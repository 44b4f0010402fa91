# Masking CSV exports (Protect-SandboxData) and proposing rules from field metadata (New-MaskingRule).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Data = Join-Path $RepositoryRoot 'docs/samples/data'
    $script:RulesFile = Join-Path $Data 'masking-rules.json'
    $script:KeyFile = Join-Path $Data 'sample.key'
    $script:Inputs = @((Join-Path $Data 'Contact.csv'), (Join-Path $Data 'Lead.csv'))
    $script:Before = $Inputs | ForEach-Object { (Get-FileHash $_).Hash }
}

Describe 'Protect-SandboxData' {
    It 'masks the named columns of each export, leaves the inputs untouched, and reports every masked column' {
        $out = Join-Path $TestDrive 'masked'
        $reports = @(Protect-SandboxData $Inputs -Rules $RulesFile -Destination $out -KeyFile $KeyFile)

        ($Inputs | ForEach-Object { (Get-FileHash $_).Hash }) | Should -Be $Before
        $contact = Get-Content -Raw (Join-Path $out 'Contact.csv')
        foreach ($secret in 'dana.smith@acme.example', 'Smith', '555-0132', '1984-02-29', 'San Francisco', 'Prefers e-mail') { $contact | Should -Not -Match ([regex]::Escape($secret)) }
        $contact | Should -Match '003000000000001AAA' -Because 'record ids are never masked unless a rule names them'
        $contact | Should -Match '001000000000002AAA' -Because 'lookups are kept, so the data loads back with its relationships'
        @(Import-Csv (Join-Path $out 'Contact.csv')).Count | Should -Be 3
        (Import-Csv (Join-Path $out 'Contact.csv'))[2].Email | Should -Be '#N/A'
        ($reports | Where-Object { $_.Object -eq 'Contact' -and $_.Column -eq 'Email' }).Masked | Should -Be 2
        $reports[0].PSObject.TypeNames[0] | Should -Be 'SandboxOps.Engine.Masking.MaskingReport'
    }

    It 'gives the same masks under the same key in every run, so a join across files still joins' {
        $first = Join-Path $TestDrive 'first'; $second = Join-Path $TestDrive 'second'
        $null = Protect-SandboxData $Inputs -Rules $RulesFile -Destination $first -KeyFile $KeyFile
        $key = ConvertTo-SecureString (Get-Content -Raw $KeyFile) -AsPlainText -Force
        $null = Protect-SandboxData $Inputs -Rules $RulesFile -Destination $second -Key $key -Verbose 4>&1 | Out-String | Should -Not -Match 'a-masking-key'

        (Get-FileHash (Join-Path $first 'Contact.csv')).Hash | Should -Be (Get-FileHash (Join-Path $second 'Contact.csv')).Hash -Because 'the same key, whether from a file or a SecureString'
        $other = Join-Path $TestDrive 'other'
        $null = Protect-SandboxData $Inputs -Rules $RulesFile -Destination $other -Key (ConvertTo-SecureString 'another key of sixteen or more' -AsPlainText -Force)
        (Get-FileHash (Join-Path $first 'Contact.csv')).Hash | Should -Not -Be (Get-FileHash (Join-Path $other 'Contact.csv')).Hash
        $samContact = (Import-Csv (Join-Path $first 'Contact.csv') | Where-Object Id -EQ '003000000000002AAA').Email
        $samLead = (Import-Csv (Join-Path $first 'Lead.csv') | Where-Object Id -EQ '00Q000000000001AAA').Email
        $samLead | Should -Be $samContact
    }

    It 'says when a random key is used, and writes nothing under -WhatIf' {
        $out = Join-Path $TestDrive 'random'
        $null = Protect-SandboxData $Inputs[0] -Rules $RulesFile -Destination $out -WarningVariable warned -WarningAction SilentlyContinue
        "$warned" | Should -Match 'random key'
        Protect-SandboxData $Inputs[0] -Rules $RulesFile -Destination (Join-Path $TestDrive 'never') -KeyFile $KeyFile -WhatIf | Should -BeNullOrEmpty
        Join-Path $TestDrive 'never' | Should -Not -Exist
        { Protect-SandboxData $Inputs[0] -Rules $RulesFile -Destination $out -KeyFile $KeyFile -ErrorAction Stop } | Should -Throw '*already exists*-Force*'
        { Protect-SandboxData $Inputs[0] -Rules $RulesFile -Destination $out -Key (ConvertTo-SecureString 'short' -AsPlainText -Force) -Force } | Should -Throw '*too short*'
    }

    It 'stops a malformed file with its line and column, leaves nothing of it, and masks the others' {
        $bad = Join-Path $TestDrive 'in/Contact.csv'
        New-Item -ItemType Directory -Force (Split-Path $bad) | Out-Null
        Set-Content $bad "Id,Email`n003A,a@b.example`n003B,""unclosed@b.example`n" -NoNewline
        Copy-Item $Inputs[1] (Join-Path $TestDrive 'in/Lead.csv')
        $out = Join-Path $TestDrive 'partly'

        $reports = @(Protect-SandboxData (Join-Path $TestDrive 'in/*.csv') -Rules $RulesFile -Destination $out -KeyFile $KeyFile -ErrorVariable failed -ErrorAction SilentlyContinue)

        "$failed" | Should -Match ([regex]::Escape($bad) + "', line 3, column \d+")
        "$failed" | Should -Not -Match 'unclosed@'
        $failed[0].FullyQualifiedErrorId | Should -Match '^SandboxOps\.Masking\.MalformedCsv'
        @(Get-ChildItem -Force $out).Name | Should -Be @('Lead.csv')
        @($reports.Object | Sort-Object -Unique) | Should -Be @('Lead')
    }

    It 'takes rule records from New-MaskingRule, and refuses a file whose object no rule names' {
        $rules = New-MaskingRule (Join-Path $RepositoryRoot 'docs/samples/production') -Object Lead
        $out = Join-Path $TestDrive 'by-records'
        @(Protect-SandboxData $Inputs[1] -Rules $rules -Destination $out -KeyFile $KeyFile).Column | Sort-Object | Should -Be @('Company', 'Email', 'FirstName', 'LastName', 'Phone')
        $null = Protect-SandboxData $Inputs[0] -Rules $rules -Destination $out -KeyFile $KeyFile -ErrorVariable refused -ErrorAction SilentlyContinue
        "$refused" | Should -Match "no object 'Contact'.*-Object"
    }
}

Describe 'New-MaskingRule' {
    It 'proposes rules from field types, compliance groups, classifications and names, and the standard personal fields' {
        $org = Join-Path $TestDrive 'org'
        New-Item -ItemType Directory -Force (Join-Path $org 'objects') | Out-Null
        Set-Content (Join-Path $org 'package.xml') '<?xml version="1.0" encoding="UTF-8"?><Package xmlns="http://soap.sforce.com/2006/04/metadata"><types><members>*</members><name>CustomObject</name></types><version>62.0</version></Package>'
        Set-Content (Join-Path $org 'objects/Donor__c.object') @'
<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <fields><fullName>Personal_Email__c</fullName><label>Personal Email</label><type>Email</type></fields>
    <fields><fullName>Home_Phone__c</fullName><label>Home Phone</label><type>Phone</type></fields>
    <fields><fullName>Tax_Id__c</fullName><label>Tax Id</label><length>20</length><maskChar>asterisk</maskChar><maskType>all</maskType><type>EncryptedText</type></fields>
    <fields><fullName>Date_Of_Birth__c</fullName><label>Date of birth</label><type>Date</type></fields>
    <fields><fullName>Notes__c</fullName><complianceGroup>PII;GDPR</complianceGroup><label>Notes</label><length>255</length><type>Text</type></fields>
    <fields><fullName>Home_Street__c</fullName><label>Street</label><length>255</length><securityClassification>Confidential</securityClassification><type>Text</type></fields>
    <fields><fullName>Gift_Count__c</fullName><label>Gifts</label><precision>18</precision><scale>0</scale><type>Number</type></fields>
    <label>Donor</label>
    <nameField><label>Name</label><type>Text</type></nameField>
    <pluralLabel>Donors</pluralLabel>
    <sharingModel>ReadWrite</sharingModel>
</CustomObject>
'@
        $rules = @(New-MaskingRule $org)
        $donor = @($rules | Where-Object Object -EQ 'Donor__c' | ForEach-Object { "$($_.Field)=$($_.Method) ($($_.Reason))" } | Sort-Object)

        $donor | Should -Be @(
            'Date_Of_Birth__c=ShiftDate (a date of birth by its name)'
            'Home_Phone__c=Phone (a Phone field)'
            'Home_Street__c=Street (securityClassification Confidential)'
            'Notes__c=Text (complianceGroup PII;GDPR)'
            'Personal_Email__c=Email (an Email field)'
            'Tax_Id__c=Hash (an EncryptedText field)'
        )
        ($rules | Where-Object { $_.Object -eq 'Contact' -and $_.Field -eq 'Email' }).Reason | Should -Be 'a standard personal field'
        $file = Join-Path $TestDrive 'proposed.json'
        $rules | ConvertTo-Json -Depth 3 | Set-Content $file
        $out = Join-Path $TestDrive 'proposed-out'
        @(Protect-SandboxData $Inputs[1] -Rules $file -Destination $out -KeyFile $KeyFile).Count | Should -Be 5 -Because 'the records read back as a rules file'
    }
}

# A sandbox masked in place through Bulk API 2.0, against simulated orgs on 127.0.0.1 holding the fixture's records.
Describe 'Invoke-SandboxDataMask' {
    BeforeAll {
        $records = Join-Path $RepositoryRoot 'tests/fixtures/simulator/production-records.json'
        $script:Sandbox = Start-SimulatorProcess (Join-Path $RepositoryRoot 'docs/samples/production') @('--data', $records)
        $script:Production = Start-SimulatorProcess (Join-Path $RepositoryRoot 'docs/samples/production') @('--production', '--data', $records)
        $null = Connect-SalesforceOrg -Alias maskuat -InstanceUrl $Sandbox.Url -AccessToken (ConvertTo-SecureString $Sandbox.AccessToken -AsPlainText -Force)
        $null = Connect-SalesforceOrg -Alias maskprod -InstanceUrl $Production.Url -AccessToken (ConvertTo-SecureString $Production.AccessToken -AsPlainText -Force)
        $script:Ledgers = Join-Path $TestDrive 'ledgers'
        function script:Get-Contact($Simulator) {
            $soql = [uri]::EscapeDataString('SELECT Id, FirstName, Email, Phone FROM Contact')
            (Invoke-RestMethod "$($Simulator.Url)/services/data/v62.0/query?q=$soql" -Headers @{ Authorization = "Bearer $($Simulator.AccessToken)" }).records
        }
        function script:Invoke-Simulator($Simulator, $Route, $Body) {
            $null = Invoke-RestMethod -Method Post "$($Simulator.Url)$Route" -ContentType 'application/json' -Body ($Body | ConvertTo-Json)
        }
    }

    AfterAll {
        Get-SalesforceOrg | Disconnect-SalesforceOrg
        Stop-SimulatorProcess $script:Sandbox
        Stop-SimulatorProcess $script:Production
    }

    It 'refuses a production org, whatever else is given, and changes nothing' {
        { Invoke-SandboxDataMask -Org maskprod -Rules $RulesFile -KeyFile $KeyFile -LedgerPath $Ledgers -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'SandboxOps.Masking.ProductionRefused,SandboxOps.Commands.InvokeSandboxDataMaskCommand'
        (Get-Contact $Production)[0].Email | Should -Be 'dana.smith@acme.example'
    }

    It '-WhatIf says what each object would get and changes nothing, not even the ledger' {
        # What-if lines go to the host only: a transcript keeps them.
        $transcript = Join-Path $TestDrive 'whatif.txt'
        $null = Start-Transcript $transcript
        try { Get-SalesforceOrg maskuat | Invoke-SandboxDataMask -Rules $RulesFile -KeyFile $KeyFile -LedgerPath $Ledgers -WhatIf } finally { $null = Stop-Transcript }
        $said = Get-Content -Raw $transcript
        $said | Should -Match 'mask 6 Contact records \(Birthdate, Description, Email, FirstName, LastName, MailingCity, Phone\)'
        $said | Should -Match 'mask 3 Lead records'
        (Get-Contact $Sandbox)[0].Email | Should -Be 'dana.smith@acme.example'
        Test-Path $Ledgers | Should -BeFalse
    }

    It 'reports the records Salesforce refuses with its errors, masks the rest as the CSV exports are masked, and a second run masks only what was left' {
        Invoke-Simulator $Sandbox '/simulator/lock' @{ ids = @('003000000000002AAA'); locked = $true }

        $first = @(Invoke-SandboxDataMask -Org maskuat -Object Contact -Rules $RulesFile -KeyFile $KeyFile -LedgerPath $Ledgers -Confirm:$false -ErrorVariable refused -ErrorAction SilentlyContinue)

        $first.Count | Should -Be 1
        $first[0].PSObject.TypeNames[0] | Should -Be 'SandboxOps.Engine.Masking.SandboxMaskResult'
        ($first[0].Masked, $first[0].Failed, $first[0].Complete) | Should -Be @(5, 1, $false)
        $first[0].Failures[0].Id | Should -Be '003000000000002AAA'
        $first[0].Failures[0].Error | Should -Match '^UNABLE_TO_LOCK_ROW'
        $refused[0].FullyQualifiedErrorId | Should -Be 'SandboxOps.Masking.RecordsRefused,SandboxOps.Commands.InvokeSandboxDataMaskCommand'
        $refused[0].Exception.Message | Should -Match 'run Invoke-SandboxDataMask again'
        $contacts = @(Get-Contact $Sandbox)
        $contacts[1].Email | Should -Be 'sam.lee@acme.example' -Because 'the locked record was not updated'
        $exported = Import-Csv ((Protect-SandboxData (Join-Path $Data 'Contact.csv') -Rules $RulesFile -Destination (Join-Path $TestDrive 'export') -KeyFile $KeyFile)[0].Destination)
        $contacts[0].Email | Should -Be $exported[0].Email -Because 'the same key masks a value alike in a file and in an org'
        $contacts[0].Email | Should -Match '\.invalid$'

        Invoke-Simulator $Sandbox '/simulator/lock' @{ ids = @('003000000000002AAA'); locked = $false }
        $second = Invoke-SandboxDataMask -Org maskuat -Object Contact -Rules $RulesFile -KeyFile $KeyFile -LedgerPath $Ledgers -Confirm:$false

        ($second.Masked, $second.AlreadyMasked, $second.Failed, $second.Complete) | Should -Be @(1, 5, 0, $true)
        $again = @(Get-Contact $Sandbox)
        $again[0].Email | Should -Be $contacts[0].Email -Because 'a record masked by the first run is not masked twice'
        $again[1].Email | Should -Be $exported[1].Email
    }

    It 'refuses to finish a masking with another key, and -Restart begins it again' {
        $other = ConvertTo-SecureString 'another key, long enough' -AsPlainText -Force
        { Invoke-SandboxDataMask -Org maskuat -Object Contact -Rules $RulesFile -Key $other -LedgerPath $Ledgers -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'SandboxOps.Masking.LedgerKeyMismatch,SandboxOps.Commands.InvokeSandboxDataMaskCommand'

        $restarted = Invoke-SandboxDataMask -Org maskuat -Object Contact -Rules $RulesFile -Key $other -LedgerPath $Ledgers -Restart -Confirm:$false
        ($restarted.Masked, $restarted.AlreadyMasked) | Should -Be @(6, 0)
    }

    It 'stops an object whose update job Salesforce fails part way, with its reason, and goes on with the next' {
        Invoke-Simulator $Sandbox '/simulator/fail-next-job' @{ after = 1; message = 'InternalServerError : the job was aborted' }

        $results = @(Invoke-SandboxDataMask -Org maskuat -Rules $RulesFile -KeyFile $KeyFile -LedgerPath (Join-Path $TestDrive 'fresh') -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue)

        $failed[0].FullyQualifiedErrorId | Should -Be 'SandboxOps.Masking.UpdateJobFailed,SandboxOps.Commands.InvokeSandboxDataMaskCommand'
        $failed[0].Exception.Message | Should -Match 'ended Failed: InternalServerError : the job was aborted\. 1 Contact record\(s\) were masked and recorded, 5 were not reached'
        $failed[0].TargetObject | Should -Be 'Contact'
        $results.Object | Should -Be @('Contact', 'Lead')
        ($results[0].Masked, $results[0].Unprocessed, $results[0].Complete) | Should -Be @(1, 5, $false)
        $results[1].Complete | Should -BeTrue
        $resumed = Invoke-SandboxDataMask -Org maskuat -Object Contact -Rules $RulesFile -KeyFile $KeyFile -LedgerPath (Join-Path $TestDrive 'fresh') -Confirm:$false
        ($resumed.Masked, $resumed.AlreadyMasked) | Should -Be @(5, 1)
    }
}
