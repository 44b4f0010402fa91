using SandboxOps.Engine.Comparison;

namespace SandboxOps.Engine.Pipelines;

/// <summary>A difference an environment is meant to have (an ignore rule), and why.</summary>
public sealed class ExpectedDrift
{
    public ExpectedDrift(IgnoreRule rule, string reason)
    {
        Rule = rule;
        Reason = reason;
    }

    public IgnoreRule Rule { get; }

    public string Reason { get; }

    public override string ToString() => $"{Rule} ({Reason})";
}
