using System;
using System.Collections.Generic;
using System.Linq;

namespace SandboxOps.Engine.Pipelines;

/// <summary>
/// The gates a promotion requires before a package may be deployed along it: the static package checks and the
/// severity that fails them, a validation deploy to the target with a test level, a minimum code coverage, and
/// approvals by name.
/// </summary>
public sealed class QualityGates
{
    public QualityGates(bool staticChecks, FindingSeverity failOn, string? testLevel, int? minimumCoverage, IReadOnlyList<string>? approvals)
    {
        StaticChecks = staticChecks;
        FailOn = failOn;
        TestLevel = testLevel;
        MinimumCoverage = minimumCoverage;
        Approvals = approvals ?? Array.Empty<string>();
    }

    /// <summary>The test levels of a validation deploy, as the Metadata API names them.</summary>
    public static readonly IReadOnlyList<string> TestLevels = new[] { "NoTestRun", "RunSpecifiedTests", "RunLocalTests", "RunAllTestsInOrg" };

    /// <summary>Test-DeploymentPackage's checks run against the target.</summary>
    public bool StaticChecks { get; }

    /// <summary>The least severe finding that fails the static checks: Error (the default) or Warning.</summary>
    public FindingSeverity FailOn { get; }

    /// <summary>A validation deploy (check-only) to the target runs with this test level; null for none.</summary>
    public string? TestLevel { get; }

    /// <summary>The code coverage (percent of Apex lines) the validation's tests must reach; null for no minimum.</summary>
    public int? MinimumCoverage { get; }

    /// <summary>Who must approve the package (Approve-DeploymentPackage -Approver).</summary>
    public IReadOnlyList<string> Approvals { get; }

    /// <summary>A validation deploy is needed: for its tests, or for the coverage they give.</summary>
    public bool Validates => TestLevel is not null || MinimumCoverage is not null;

    public override string ToString() =>
        string.Join(", ", new[]
        {
            StaticChecks ? "static checks (fail on " + FailOn + ")" : null,
            TestLevel is null ? null : "validation with " + TestLevel,
            MinimumCoverage is null ? null : $"coverage >= {MinimumCoverage}%",
            Approvals.Count == 0 ? null : "approved by " + string.Join(" and ", Approvals),
        }.Where(p => p is not null));
}
