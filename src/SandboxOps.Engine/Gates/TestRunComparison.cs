using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SandboxOps.Engine.Gates;

/// <summary>What changed between two test runs of an org, for a nightly regression check.</summary>
public sealed class TestRunChange
{
    public TestRunChange(string change, string test, string before, string after, string detail)
    {
        Change = change;
        Test = test;
        Before = before;
        After = after;
        Detail = detail;
    }

    /// <summary>NewFailure, Fixed, Slower, CoverageDropped, Added or Removed.</summary>
    public string Change { get; }

    /// <summary>Class.method, a class (coverage), or "(org-wide)".</summary>
    public string Test { get; }

    public string Before { get; }

    public string After { get; }

    public string Detail { get; }

    /// <summary>A change a nightly run should fail on.</summary>
    public bool IsRegression => Change is "NewFailure" or "Slower" or "CoverageDropped";

    public override string ToString() => $"{Change} {Test}: {Before} -> {After}";
}

/// <summary>Compares a run with an earlier one: new failures, fixed tests, tests much slower, coverage that dropped.</summary>
public static class TestRunComparison
{
    /// <summary>Below this a test is too quick for its time to say anything.</summary>
    private const long NoticeableMs = 100;

    public static IReadOnlyList<TestRunChange> Compare(OrgTestRun baseline, OrgTestRun current, double slowerBy, double coverageDrop)
    {
        string Time(long ms) => ms.ToString(CultureInfo.InvariantCulture) + " ms";
        string Percent(double p) => p.ToString("0.#", CultureInfo.InvariantCulture) + "%";
        var changes = new List<TestRunChange>();
        var before = baseline.Tests.ToDictionary(t => t.FullName, StringComparer.OrdinalIgnoreCase);
        foreach (var test in current.Tests)
        {
            if (!before.TryGetValue(test.FullName, out var was))
            {
                changes.Add(new TestRunChange(test.Failed ? "NewFailure" : "Added", test.FullName, "-", test.Outcome, test.Failed ? test.Message ?? "failed" : "a new test"));
            }
            else if (test.Failed && !was.Failed)
            {
                changes.Add(new TestRunChange("NewFailure", test.FullName, was.Outcome, test.Outcome, test.Message ?? "failed"));
            }
            else if (!test.Failed && was.Failed)
            {
                changes.Add(new TestRunChange("Fixed", test.FullName, was.Outcome, test.Outcome, "passes again"));
            }
            else if (test.RunTimeMs >= NoticeableMs && test.RunTimeMs > was.RunTimeMs * slowerBy)
            {
                changes.Add(new TestRunChange("Slower", test.FullName, Time(was.RunTimeMs), Time(test.RunTimeMs), $"{(double)test.RunTimeMs / Math.Max(1, was.RunTimeMs):0.#}x slower"));
            }
        }

        var now = new HashSet<string>(current.Tests.Select(t => t.FullName), StringComparer.OrdinalIgnoreCase);
        changes.AddRange(baseline.Tests.Where(t => !now.Contains(t.FullName)).Select(t => new TestRunChange("Removed", t.FullName, t.Outcome, "-", "no longer run")));
        foreach (var covered in current.ClassCoverage)
        {
            if (baseline.ClassCoverage.TryGetValue(covered.Key, out var was) && was - covered.Value >= coverageDrop)
            {
                changes.Add(new TestRunChange("CoverageDropped", covered.Key, Percent(was), Percent(covered.Value), $"{Percent(was - covered.Value)} fewer of its lines covered"));
            }
        }

        if (baseline.OrgWideCoverage is { } orgBefore && current.OrgWideCoverage is { } orgNow && orgBefore - orgNow >= coverageDrop)
        {
            changes.Add(new TestRunChange("CoverageDropped", "(org-wide)", Percent(orgBefore), Percent(orgNow), "the org's coverage fell" + (orgNow < 75 ? ", below the 75% production deploys need" : string.Empty)));
        }

        return changes;
    }
}
