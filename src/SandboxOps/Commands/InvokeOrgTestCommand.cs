using System;
using System.Linq;
using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.Gates;
using SandboxOps.Engine.Model;

namespace SandboxOps.Commands;

/// <summary>
/// Runs an org's Apex tests through the Tooling API as the Salesforce CLI does (runTestsAsynchronous, the run followed
/// with progress), emits each test method's outcome, and with -Store records the run and its coverage for
/// Compare-OrgTestRun. Failing tests make a non-terminating error, so $? is false.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "OrgTest")]
[OutputType(typeof(OrgTestResult))]
public sealed class InvokeOrgTestCommand : SandboxOpsCmdlet
{
    /// <summary>The org: alias, username or a connection.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(OrgCompleter))]
    public OrgArgument Org { get; set; } = null!;

    /// <summary>Which tests run: RunLocalTests (the default), RunAllTestsInOrg, or RunSpecifiedTests with -RunTests or -Suite.</summary>
    [Parameter]
    public TestLevel? TestLevel { get; set; }

    /// <summary>The test classes to run (RunSpecifiedTests).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? RunTests { get; set; }

    /// <summary>The test suites to run (RunSpecifiedTests).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Suite { get; set; }

    /// <summary>The snapshot store to record the run in (test-runs/ of the store), for Compare-OrgTestRun.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Store { get; set; }

    /// <summary>How long to follow the run before giving up on it (it goes on in the org); 1 hour by default.</summary>
    [Parameter]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the run's progress is read once it has run a while; 10 seconds by default.</summary>
    [Parameter]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    protected override object? ErrorTarget => Org;

    protected override void ProcessItem()
    {
        var level = TestLevel ?? (RunTests is null && Suite is null ? SandboxOps.TestLevel.RunLocalTests : SandboxOps.TestLevel.RunSpecifiedTests);
        if (level == SandboxOps.TestLevel.NoTestRun || (level == SandboxOps.TestLevel.RunSpecifiedTests) != (RunTests is not null || Suite is not null))
        {
            throw new InvalidArgumentException("TestLevelMismatch", "Give -RunTests or -Suite with -TestLevel RunSpecifiedTests (the default when they are given), and neither with RunLocalTests or RunAllTestsInOrg.");
        }

        var org = Org.Resolve();
        var runner = new OrgTestRunner(org, Context);
        var run = WhileReporting(new[] { org }.Select(_ => runner.RunAsync(level.ToString(), RunTests ?? Array.Empty<string>(), Suite ?? Array.Empty<string>(), Timeout, PollInterval).GetAwaiter().GetResult())).Single();
        if (Store is not null)
        {
            WriteVerbose($"Recorded in {TestRunStore.Open(GetUnresolvedProviderPathFromPSPath(Store)).Save(run)}.");
        }

        foreach (var test in run.Tests)
        {
            Emit(test);
        }

        if (run.Failed > 0 || run.Status != "Completed")
        {
            var first = string.Join("; ", run.Tests.Where(t => t.Failed).Take(3).Select(t => $"{t.FullName}: {t.Message}"));
            var failed = new InvalidArgumentException("TestsFailed", $"The test run {run.RunId} on {org.Name} ended {run.Status} with {run.Failed} failing of {run.Tests.Count} test(s){(first.Length == 0 ? "." : ": " + first)}");
            WriteError(EngineErrors.Record(failed, org.Name)!);
        }
    }
}
