namespace SandboxOps.Engine.Comparison;

/// <summary>How a comparison went, for its log line and -Verbose.</summary>
internal sealed class ComparisonCounts
{
    public int Changed { get; set; }

    public int SourceOnly { get; set; }

    public int TargetOnly { get; set; }

    public int Unreadable { get; set; }

    public int Identical { get; set; }

    /// <summary>Unit pairs whose files were the same bytes, never parsed.</summary>
    public int IdenticalUnits { get; set; }

    public int Units { get; set; }
}
