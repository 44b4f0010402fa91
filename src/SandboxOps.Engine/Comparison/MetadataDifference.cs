using System;
using System.Collections.Generic;
using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.Comparison;

/// <summary>
/// How one component differs between a source and a target. Flat enough for Export-Csv: lists have
/// readable ToString forms and <see cref="Summary"/> says it all in one line.
/// </summary>
public sealed class MetadataDifference
{
    private static readonly IList<ElementChange> NoChanges = Array.Empty<ElementChange>();

    public MetadataDifference(
        MetadataComponent? source,
        MetadataComponent? target,
        string sourceDescription,
        string targetDescription,
        DifferenceStatus status,
        IList<ElementChange>? changes = null,
        NoiseKinds noise = NoiseKinds.None,
        TextChangeSummary? text = null,
        int ignoredChangeCount = 0,
        string? reason = null)
    {
        Reason = reason;
        var any = source ?? target ?? throw new ArgumentException("A difference needs at least one side.", nameof(source));
        Type = any.Type;
        FullName = any.FullName;
        Parent = any.Parent;
        Status = status;
        Source = sourceDescription;
        Target = targetDescription;
        SourceFiles = new ComponentFiles(source?.Files ?? (IList<string>)Array.Empty<string>());
        TargetFiles = new ComponentFiles(target?.Files ?? (IList<string>)Array.Empty<string>());
        Changes = new ChangeList(changes ?? NoChanges);
        Noise = noise;
        LinesAdded = text?.LinesAdded ?? 0;
        LinesRemoved = text?.LinesRemoved ?? 0;
        TextDiff = text?.UnifiedDiff;
        IgnoredChangeCount = ignoredChangeCount;
        Summary = Summarize();
    }

    public string Type { get; }

    public string FullName { get; }

    public string? Parent { get; }

    public DifferenceStatus Status { get; }

    /// <summary>Where the source side was read from.</summary>
    public string Source { get; }

    /// <summary>Where the target side was read from.</summary>
    public string Target { get; }

    public ComponentFiles SourceFiles { get; }

    public ComponentFiles TargetFiles { get; }

    /// <summary>Element-level changes (Before is the target's value, After the source's).</summary>
    public ChangeList Changes { get; }

    public int ChangeCount => Changes.Count;

    /// <summary>For Identical components whose files differ: why they differ.</summary>
    public NoiseKinds Noise { get; }

    /// <summary>Lines only in the source's code and text files.</summary>
    public int LinesAdded { get; }

    /// <summary>Lines only in the target's code and text files.</summary>
    public int LinesRemoved { get; }

    /// <summary>A unified diff of code and text files (target to source), when asked for.</summary>
    public string? TextDiff { get; }

    /// <summary>Changes left out by ignore rules.</summary>
    public int IgnoredChangeCount { get; }

    public string Summary { get; }

    /// <summary>For an Unreadable component: which side could not be read, and why.</summary>
    public string? Reason { get; }

    public override string ToString() => $"{Status} {Type} {FullName}";

    private string Summarize()
    {
        switch (Status)
        {
            case DifferenceStatus.SourceOnly:
                return "Only in source: deploying it would create it in the target";
            case DifferenceStatus.TargetOnly:
                return "Only in target";
            case DifferenceStatus.Unreadable:
                return Reason ?? "Unreadable";
            case DifferenceStatus.Identical:
                var identical = Noise == NoiseKinds.None ? "Identical" : $"Identical (files differ only in: {Noise})";
                return IgnoredChangeCount > 0 ? $"{identical}; {IgnoredChangeCount} ignored change(s)" : identical;
        }

        var parts = new List<string>();
        var elementChanges = Changes.Count;
        if (elementChanges > 0)
        {
            var first = Changes[0].ToString();
            parts.Add(elementChanges == 1 ? first : $"{elementChanges} changes, first {first}");
        }

        if (LinesAdded + LinesRemoved > 0)
        {
            parts.Add($"+{LinesAdded} -{LinesRemoved} lines");
        }

        if (IgnoredChangeCount > 0)
        {
            parts.Add($"{IgnoredChangeCount} ignored");
        }

        var text = string.Join("; ", parts);
        return text.Length > 240 ? text.Substring(0, 237) + "..." : text;
    }
}
