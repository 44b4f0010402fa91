using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace SandboxOps.Engine.Merging;

/// <summary>
/// One element (or stretch of lines) changed on both sides since the baseline, differently: its path as
/// Compare-OrgMetadata reports it (<c>fieldPermissions[Account.Rating__c]/editable</c>, <c>lines 12-14</c>)
/// and the three values, null where the element is absent.
/// </summary>
public sealed class MergeConflict
{
    public MergeConflict(string path, string? baseValue, string? source, string? target)
    {
        Path = path;
        Base = baseValue;
        Source = source;
        Target = target;
    }

    public string Path { get; }

    public string? Base { get; }

    public string? Source { get; }

    public string? Target { get; }

    public override string ToString() => $"{Path}: base {Base ?? "(absent)"}, source {Source ?? "(absent)"}, target {Target ?? "(absent)"}";
}

/// <summary>One element a merge took from one side: production's change, or the sandbox's kept.</summary>
public sealed class MergedElement
{
    public MergedElement(string path, MergeSide takenFrom, bool removed = false)
    {
        Path = path;
        TakenFrom = takenFrom;
        Removed = removed;
    }

    public string Path { get; }

    public MergeSide TakenFrom { get; }

    /// <summary>The side taken had removed the element: the merge leaves it out.</summary>
    public bool Removed { get; }

    public override string ToString() => $"{TakenFrom}: {Path}{(Removed ? " (removed)" : string.Empty)}";
}

/// <summary>A merge's conflicts; ToString lists their paths so that Export-Csv writes a readable cell.</summary>
public sealed class MergeConflicts : ReadOnlyCollection<MergeConflict>
{
    public MergeConflicts(IList<MergeConflict> conflicts)
        : base(conflicts)
    {
    }

    public override string ToString() => string.Join("; ", this);
}

/// <summary>What a merge took from each side; ToString lists them so that Export-Csv writes a readable cell.</summary>
public sealed class MergedElements : ReadOnlyCollection<MergedElement>
{
    public MergedElements(IList<MergedElement> merged)
        : base(merged)
    {
    }

    public override string ToString() => string.Join("; ", this);
}
