using System;
using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Gates;

namespace SandboxOps.Engine.Tests.Gates;

/// <summary>Two test runs of an org compared: each kind of change, and what is too small to say.</summary>
public sealed class TestRunComparisonTests
{
    [Fact]
    public void Each_kind_of_change_is_told_and_small_differences_are_not()
    {
        var before = Run(new[] { ("A.a", "Pass", 40L), ("A.b", "Fail", 40L), ("A.c", "Pass", 200L), ("A.quick", "Pass", 10L), ("A.gone", "Pass", 40L) }, new() { ["Tax"] = 90, ["Rate"] = 80 }, 85);
        var after = Run(new[] { ("A.a", "Fail", 40L), ("A.b", "Pass", 40L), ("A.c", "Pass", 500L), ("A.quick", "Pass", 90L), ("A.new", "Pass", 40L) }, new() { ["Tax"] = 60, ["Rate"] = 79.5 }, 70);

        var changes = TestRunComparison.Compare(before, after, slowerBy: 2, coverageDrop: 1).Select(c => $"{c.Change} {c.Test}").ToList();

        Assert.Equal(new[] { "NewFailure A.a", "Fixed A.b", "Slower A.c", "Added A.new", "Removed A.gone", "CoverageDropped Tax", "CoverageDropped (org-wide)" }, changes);
        var orgWide = TestRunComparison.Compare(before, after, 2, 1).Single(c => c.Test == "(org-wide)");
        Assert.Contains("below the 75%", orgWide.Detail, StringComparison.Ordinal);
        Assert.True(orgWide.IsRegression);
    }

    private static OrgTestRun Run(IEnumerable<(string Test, string Outcome, long Ms)> tests, Dictionary<string, double> coverage, double orgWide) =>
        new("uat", "00D000000000001EAA", "707000000000001AAA", "RunLocalTests", "Completed", DateTimeOffset.UtcNow, tests.Select(t => new OrgTestResult("uat", "707000000000001AAA", t.Test.Split('.')[0], t.Test.Split('.')[1], t.Outcome, t.Outcome == "Fail" ? "boom" : null, null, t.Ms)).ToList(), coverage, orgWide);
}
