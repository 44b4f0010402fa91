namespace SandboxOps.Engine.Pipelines;

/// <summary>A relationship between two environments of a pipeline: a promotion or a back-promotion.</summary>
public sealed class PipelineLink
{
    public PipelineLink(string from, string to, LinkKind kind, QualityGates? gates = null)
    {
        From = from;
        To = to;
        Kind = kind;
        Gates = gates;
    }

    public string From { get; }

    public string To { get; }

    public LinkKind Kind { get; }

    /// <summary>What a package must pass before it is deployed along a promotion; null when the link has no gates.</summary>
    public QualityGates? Gates { get; }

    public override string ToString() => $"{From} -> {To} ({Kind})";
}
