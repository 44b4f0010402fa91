# Apex test runs through the Tooling API against a simulated org on 127.0.0.1 (its sample test class), recorded and
# compared night after night; the simulator's own route changes what fails, how long tests take and their coverage.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Sim = Start-SimulatorProcess (Join-Path $RepositoryRoot 'docs/samples/production') @()
    $null = Connect-SalesforceOrg -Alias testorg -InstanceUrl $Sim.Url -AccessToken (ConvertTo-SecureString $Sim.AccessToken -AsPlainText -Force)
    $script:Store = Join-Path $TestDrive 'tests-store'
    $script:Runbook = Join-Path $RepositoryRoot 'docs/examples/nightly-regression.ps1'
    function script:Set-SimulatedTests([hashtable] $Settings) {
        $null = Invoke-RestMethod -Method Post "$($Sim.Url)/simulator/tests" -ContentType 'application/json' -Body ($Settings | ConvertTo-Json -Depth 4)
    }
}

AfterAll {
    Get-SalesforceOrg | Disconnect-SalesforceOrg
    Stop-SimulatorProcess $script:Sim
}

Describe 'Invoke-OrgTest' {
    It 'runs the local tests, emits each method''s outcome, and records the run with its coverage' {
        $results = @(Invoke-OrgTest -Org testorg -Store $Store -PollInterval '00:00:00.2')

        $results[0].PSObject.TypeNames[0] | Should -Be 'SandboxOps.Engine.Gates.OrgTestResult'
        @($results | ForEach-Object { "$($_.Class).$($_.Method) $($_.Outcome)" }) | Should -Be @('InvoiceServiceTest.createsDraftInvoice Pass', 'InvoiceServiceTest.refusesAmountAboveCreditLimit Pass')
        $record = Get-ChildItem -Recurse (Join-Path $Store 'test-runs') -Filter '*.json' | Select-Object -First 1
        $run = Get-Content -Raw $record.FullName | ConvertFrom-Json
        $run.runId | Should -Be $results[0].RunId
        $run.classCoverage.InvoiceService | Should -Be 85
    }

    It 'says a failing test as an error after the results, and refuses tests without RunSpecifiedTests' {
        Set-SimulatedTests @{ failing = @{ 'InvoiceServiceTest.createsDraftInvoice' = 'System.AssertException: Assertion Failed: Expected: Draft, Actual: null' } }
        try {
            $results = @(Invoke-OrgTest -Org testorg -RunTests InvoiceServiceTest -PollInterval '00:00:00.2' -ErrorVariable failed -ErrorAction SilentlyContinue)
        } finally { Set-SimulatedTests @{ failing = @{} } }

        ($results | Where-Object Outcome -EQ Fail).StackTrace | Should -Match '^Class.InvoiceServiceTest.createsDraftInvoice'
        $failed[0].FullyQualifiedErrorId | Should -Be 'SandboxOps.Argument.TestsFailed,SandboxOps.Commands.InvokeOrgTestCommand'
        $failed[0].Exception.Message | Should -Match '1 failing of 2 test\(s\): InvoiceServiceTest.createsDraftInvoice: System.AssertException'
        { Invoke-OrgTest -Org testorg -TestLevel RunLocalTests -RunTests InvoiceServiceTest -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxOps.Argument.TestLevelMismatch,SandboxOps.Commands.InvokeOrgTestCommand'
    }
}

Describe 'Compare-OrgTestRun and the nightly regression runbook (docs/examples/nightly-regression.ps1)' {
    It 'records the first night without judging it, then fails the night a test breaks, slows down or loses coverage' {
        $store = Join-Path $TestDrive 'nightly'
        $first = & $Runbook -Org testorg -Store $store 6>$null
        $first.Changes | Should -BeNullOrEmpty

        Set-SimulatedTests @{ failing = @{ 'InvoiceServiceTest.createsDraftInvoice' = 'System.AssertException: Assertion Failed' }; runTimes = @{ 'InvoiceServiceTest.refusesAmountAboveCreditLimit' = 900 }; coverage = @{ InvoiceService = 50 } }
        { & $Runbook -Org testorg -Store $store 6>$null } | Should -Throw -ExpectedMessage '*NewFailure InvoiceServiceTest.createsDraftInvoice*Slower InvoiceServiceTest.refusesAmountAboveCreditLimit (40 ms -> 900 ms)*CoverageDropped InvoiceService (85% -> 50%)*'

        $changes = @(Compare-OrgTestRun -Org testorg -Store $store -ErrorVariable regressed -ErrorAction SilentlyContinue)
        @($changes | ForEach-Object { "$($_.Change) $($_.Test)" }) | Should -Be @('NewFailure InvoiceServiceTest.createsDraftInvoice', 'Slower InvoiceServiceTest.refusesAmountAboveCreditLimit', 'CoverageDropped InvoiceService', 'CoverageDropped (org-wide)')
        $regressed[0].FullyQualifiedErrorId | Should -Be 'SandboxOps.Argument.TestRegression,SandboxOps.Commands.CompareOrgTestRunCommand'
        $changes[0].PSObject.TypeNames[0] | Should -Be 'SandboxOps.Engine.Gates.TestRunChange'

        Set-SimulatedTests @{ failing = @{}; runTimes = @{ 'InvoiceServiceTest.refusesAmountAboveCreditLimit' = 40 }; coverage = @{ InvoiceService = 85 } }
        $fixed = & $Runbook -Org testorg -Store $store 6>$null
        @($fixed.Changes | ForEach-Object { "$($_.Change) $($_.Test)" }) | Should -Be @('Fixed InvoiceServiceTest.createsDraftInvoice')
    }

    It 'says when there is nothing to compare' {
        { Compare-OrgTestRun -Org testorg -Store (Join-Path $TestDrive 'empty') -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxOps.Argument.NoTestRun,SandboxOps.Commands.CompareOrgTestRunCommand'
    }
}
