namespace SandboxOps.Engine.Gates;

/// <summary>One gate of a promotion, run on one package: passed or not, and what was seen; the last of a run is Overall.</summary>
public sealed class GateResult
{
    public const string Overall = "Overall";

    public GateResult(string from, string to, string gate, bool passed, string detail, string packageHash)
    {
        From = from;
        To = to;
        Gate = gate;
        Passed = passed;
        Detail = detail;
        PackageHash = packageHash;
    }

    public string From { get; }

    public string To { get; }

    /// <summary>StaticChecks, Validation, Coverage, Approval:&lt;name&gt;, or Overall.</summary>
    public string Gate { get; }

    public bool Passed { get; }

    public string Detail { get; }

    /// <summary>The package's content hash (<see cref="Gates.PackageHash"/>), which the gate record is kept under.</summary>
    public string PackageHash { get; }

    public override string ToString() => $"{From} -> {To} {Gate}: {(Passed ? "passed" : "failed")} ({Detail})";
}
