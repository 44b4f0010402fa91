using System.Collections.Generic;

namespace SandboxOps.Engine.Merging;

/// <summary>What a three-way merge gave: the merged content (a tree, a text, a file's bytes, a component's files), what was taken from each side, and what conflicted.</summary>
internal sealed class MergeResult<T>
{
    public MergeResult(T merged, IReadOnlyList<MergedElement> taken, IReadOnlyList<MergeConflict> conflicts)
    {
        Merged = merged;
        Taken = taken;
        Conflicts = conflicts;
    }

    /// <summary>The merged content; where both sides changed something differently, it holds the side the caller chose.</summary>
    public T Merged { get; }

    public IReadOnlyList<MergedElement> Taken { get; }

    public IReadOnlyList<MergeConflict> Conflicts { get; }
}
