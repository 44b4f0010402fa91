using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SandboxOps.Engine.Pipelines;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps.Engine.Gates;

/// <summary>
/// Says whether a package passes each gate a promotion requires, from what was found: the static checks' findings,
/// the validation deploy's result and coverage, the approvals recorded. A gate that could not run does not pass.
/// </summary>
public sealed class LinkGateJudge
{
    private readonly string _from;
    private readonly string _to;
    private readonly string _hash;

    public LinkGateJudge(string from, string to, string packageHash)
    {
        _from = from;
        _to = to;
        _hash = packageHash;
    }

    public GateResult StaticChecks(IReadOnlyList<PackageFinding> findings, FindingSeverity failOn)
    {
        var failing = findings.Where(f => f.Severity <= failOn).ToList();
        var detail = failing.Count == 0
            ? $"no finding of severity {failOn} or worse ({findings.Count} in all)"
            : $"{failing.Count} finding(s) of severity {failOn} or worse: " + string.Join("; ", failing.Take(3).Select(f => $"{f.RuleId} {f.Component}"));
        return Result("StaticChecks", failing.Count == 0, detail);
    }

    /// <summary>The validation deploy; null when it could not run (the target is no org), with why.</summary>
    public GateResult Validation(DeployResult? result, string testLevel, string? whyNot) =>
        result is null
            ? Result("Validation", false, whyNot ?? "no validation deploy ran")
            : Result("Validation", result.Success, result.Success
                ? $"validation {result.Id} with {testLevel}: {result.ComponentsTotal} component(s), {result.TestsCompleted} test(s) passed"
                : $"validation {result.Id} with {testLevel} failed: {result.FirstFailure}");

    public GateResult Coverage(DeployResult? result, int minimum)
    {
        if (result?.Coverage is not { } coverage)
        {
            return Result("Coverage", result is not null && result.Success, result is null ? "no validation deploy ran, so no coverage was measured" : "no Apex was measured by the validation's tests");
        }

        var text = coverage.ToString("0.#", CultureInfo.InvariantCulture);
        return Result("Coverage", coverage >= minimum, coverage >= minimum ? $"{text}% >= {minimum}%" : $"{text}% < {minimum}%: the validation's tests leave too much of the package's Apex uncovered");
    }

    public IEnumerable<GateResult> Approvals(IReadOnlyList<PackageApproval> approvals, IReadOnlyList<string> required) =>
        required.Select(name => approvals.FirstOrDefault(a => string.Equals(a.Name, name, System.StringComparison.OrdinalIgnoreCase)) is { } approval
            ? Result("Approval:" + name, true, $"approved by {approval.By} at {approval.When:u}" + (approval.Comment is null ? string.Empty : $" ({approval.Comment})"))
            : Result("Approval:" + name, false, $"{name} has not approved this package (Approve-DeploymentPackage -Approver '{name}')"));

    public GateResult Overall(IReadOnlyList<GateResult> gates)
    {
        var failed = gates.Where(g => !g.Passed).Select(g => g.Gate).ToList();
        return Result(GateResult.Overall, failed.Count == 0, failed.Count == 0 ? $"all {gates.Count} gate(s) passed" : $"{failed.Count} of {gates.Count} gate(s) failed: {string.Join(", ", failed)}");
    }

    private GateResult Result(string gate, bool passed, string detail) => new(_from, _to, gate, passed, detail, _hash);
}
