namespace SandboxOps.Engine.Comparison;

/// <summary>Line counts (and, on request, the unified diff) of a component's code and text files.</summary>
public sealed class TextChangeSummary
{
    public TextChangeSummary(int linesAdded, int linesRemoved, string? unifiedDiff)
    {
        LinesAdded = linesAdded;
        LinesRemoved = linesRemoved;
        UnifiedDiff = unifiedDiff;
    }

    public int LinesAdded { get; }

    public int LinesRemoved { get; }

    public string? UnifiedDiff { get; }
}
