using System.Linq;
using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.Gates;
using SandboxOps.Engine.Model;

namespace SandboxOps.Commands;

/// <summary>
/// Compares an org's newest recorded test run (or -RunId) with the one before it (or -BaselineRunId): new failures,
/// fixed tests, tests that became much slower, coverage that dropped. Regressions make a non-terminating error, so a
/// nightly runbook fails on them.
/// </summary>
[Cmdlet(VerbsData.Compare, "OrgTestRun")]
[OutputType(typeof(TestRunChange))]
public sealed class CompareOrgTestRunCommand : SandboxOpsCmdlet
{
    /// <summary>The org whose runs are compared: alias, username or a connection.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(OrgCompleter))]
    public OrgArgument Org { get; set; } = null!;

    /// <summary>The snapshot store Invoke-OrgTest -Store recorded the runs in.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Store { get; set; } = string.Empty;

    /// <summary>The run to judge; the newest by default.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RunId { get; set; }

    /// <summary>The run to judge it against; the one before it by default.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BaselineRunId { get; set; }

    /// <summary>How many times slower a test (of 100 ms or more) must be to be reported; 2 by default.</summary>
    [Parameter]
    [ValidateRange(1.0, 1000.0)]
    public double SlowerBy { get; set; } = 2.0;

    /// <summary>How many percentage points of coverage a class or the org must lose to be reported; 1 by default.</summary>
    [Parameter]
    [ValidateRange(0.1, 100.0)]
    public double CoverageDrop { get; set; } = 1.0;

    protected override object? ErrorTarget => Org;

    protected override void ProcessItem()
    {
        var org = Org.Resolve();
        var runs = TestRunStore.Open(GetUnresolvedProviderPathFromPSPath(Store)).Runs(org.OrgId);
        var current = RunId is null ? (runs.Count > 0 ? runs[0] : null) : runs.FirstOrDefault(r => r.RunId == RunId);
        if (current is null)
        {
            throw new InvalidArgumentException("NoTestRun", RunId is null ? $"No test run of {org.Name} ({org.OrgId}) is recorded in '{Store}'. Record one with Invoke-OrgTest -Org {org.Name} -Store '{Store}'." : $"No test run {RunId} of {org.Name} is recorded in '{Store}'.");
        }

        var baseline = BaselineRunId is null ? runs.SkipWhile(r => r != current).Skip(1).FirstOrDefault() : runs.FirstOrDefault(r => r.RunId == BaselineRunId);
        if (baseline is null)
        {
            throw new InvalidArgumentException("NoBaselineRun", BaselineRunId is null ? $"The run {current.RunId} is the first of {org.Name} recorded in '{Store}': nothing to compare it with yet." : $"No test run {BaselineRunId} of {org.Name} is recorded in '{Store}'.");
        }

        var changes = TestRunComparison.Compare(baseline, current, SlowerBy, CoverageDrop);
        foreach (var change in changes)
        {
            Emit(change);
        }

        var regressions = changes.Where(c => c.IsRegression).ToList();
        if (regressions.Count > 0)
        {
            var regressed = new InvalidArgumentException("TestRegression", $"{org.Name}'s run {current.RunId} regressed since {baseline.RunId}: {string.Join("; ", regressions.Take(5).Select(r => $"{r.Change} {r.Test} ({r.Before} -> {r.After})"))}{(regressions.Count > 5 ? $" and {regressions.Count - 5} more" : string.Empty)}.");
            WriteError(EngineErrors.Record(regressed, org.Name)!);
        }
    }
}
