namespace SandboxOps.Engine.Pipelines;

/// <summary>A relationship between two environments of a pipeline: a promotion or a back-promotion.</summary>
public sealed class PipelineLink
{
    public PipelineLink(string from, string to, LinkKind kind)
    {
        From = from;
        To = to;
        Kind = kind;
    }

    public string From { get; }

    public string To { get; }

    public LinkKind Kind { get; }

    public override string ToString() => $"{From} -> {To} ({Kind})";
}
