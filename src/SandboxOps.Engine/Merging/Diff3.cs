using System;
using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Comparison;

namespace SandboxOps.Engine.Merging;

/// <summary>One stretch of a three-way merge of sequences: settled (taken from one side) or a conflict.</summary>
internal readonly struct Diff3Hunk
{
    public Diff3Hunk(bool conflict, Range3 ranges, MergeSide takenFrom)
    {
        Conflict = conflict;
        Ranges = ranges;
        TakenFrom = takenFrom;
    }

    public bool Conflict { get; }

    /// <summary>The stretch in base, source and target (start inclusive, end exclusive).</summary>
    public Range3 Ranges { get; }

    /// <summary>For a settled hunk, the side its items come from (Base where nothing changed).</summary>
    public MergeSide TakenFrom { get; }

    /// <summary>The hunk's items as merged: the changing side's, or for a conflict <paramref name="onConflict"/>'s (the target's where none changed).</summary>
    public IEnumerable<T> Resolved<T>(IReadOnlyList<T> source, IReadOnlyList<T> target, MergeSide onConflict) =>
        (Conflict ? onConflict : TakenFrom) == MergeSide.Source ? Ranges.In(source, MergeSide.Source) : Ranges.In(target, MergeSide.Target);
}

internal readonly struct Range3
{
    public Range3(int baseStart, int baseEnd, int sourceStart, int sourceEnd, int targetStart, int targetEnd)
    {
        BaseStart = baseStart;
        BaseEnd = baseEnd;
        SourceStart = sourceStart;
        SourceEnd = sourceEnd;
        TargetStart = targetStart;
        TargetEnd = targetEnd;
    }

    public int BaseStart { get; }

    public int BaseEnd { get; }

    public int SourceStart { get; }

    public int SourceEnd { get; }

    public int TargetStart { get; }

    public int TargetEnd { get; }

    /// <summary>How many items the stretch holds on one side.</summary>
    public int Length(MergeSide side) => side switch
    {
        MergeSide.Source => SourceEnd - SourceStart,
        MergeSide.Target => TargetEnd - TargetStart,
        _ => BaseEnd - BaseStart,
    };

    /// <summary>The stretch's items on one side.</summary>
    public IEnumerable<T> In<T>(IReadOnlyList<T> items, MergeSide side) => items.Skip(side switch
    {
        MergeSide.Source => SourceStart,
        MergeSide.Target => TargetStart,
        _ => BaseStart,
    }).Take(Length(side));
}

/// <summary>
/// Three-way merge of sequences as <c>diff3</c> and <c>git merge-file</c> do it: each side is aligned with the
/// base (the longest common subsequence), the items both keep in place are stable, and each stretch between is
/// taken from the side that changed it; a stretch both changed, differently, is a conflict. Lines of Apex and
/// the entries of an ordered list (picklist values, layout items, as canonical text) are merged the same way.
/// </summary>
internal static class Diff3
{
    public static List<Diff3Hunk> Merge(string[] ancestor, string[] source, string[] target)
    {
        var toSource = LineDiff.Matches(ancestor, source);
        var toTarget = LineDiff.Matches(ancestor, target);
        var hunks = new List<Diff3Hunk>();
        int b = 0, s = 0, t = 0;
        while (b < ancestor.Length || s < source.Length || t < target.Length)
        {
            var stableStart = b;
            while (b < ancestor.Length && toSource[b] == s && toTarget[b] == t)
            {
                b++;
                s++;
                t++;
            }

            if (b > stableStart)
            {
                hunks.Add(new Diff3Hunk(false, new Range3(stableStart, b, s - (b - stableStart), s, t - (b - stableStart), t), MergeSide.Base));
                continue;
            }

            // The next ancestor item both sides kept: the stretch before it changed on one side or both.
            var next = b;
            while (next < ancestor.Length && (toSource[next] < 0 || toTarget[next] < 0))
            {
                next++;
            }

            var sourceEnd = next < ancestor.Length ? toSource[next] : source.Length;
            var targetEnd = next < ancestor.Length ? toTarget[next] : target.Length;
            var range = new Range3(b, next, s, sourceEnd, t, targetEnd);
            hunks.Add(Settle(ancestor, source, target, range));
            b = next;
            s = sourceEnd;
            t = targetEnd;
        }

        return hunks;
    }

    private static Diff3Hunk Settle(string[] ancestor, string[] source, string[] target, Range3 range)
    {
        var baseItems = Slice(ancestor, range.BaseStart, range.BaseEnd);
        var sourceItems = Slice(source, range.SourceStart, range.SourceEnd);
        var targetItems = Slice(target, range.TargetStart, range.TargetEnd);
        if (sourceItems.SequenceEqual(baseItems, StringComparer.Ordinal))
        {
            return new Diff3Hunk(false, range, MergeSide.Target);
        }

        if (targetItems.SequenceEqual(baseItems, StringComparer.Ordinal) || targetItems.SequenceEqual(sourceItems, StringComparer.Ordinal))
        {
            return new Diff3Hunk(false, range, MergeSide.Source);
        }

        return new Diff3Hunk(true, range, MergeSide.Base);
    }

    private static ArraySegment<string> Slice(string[] items, int start, int end) => new(items, start, end - start);
}
