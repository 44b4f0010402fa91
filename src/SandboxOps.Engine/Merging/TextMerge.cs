using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Comparison;

namespace SandboxOps.Engine.Merging;

/// <summary>What a three-way merge of a text file gave.</summary>
internal sealed class TextMergeResult
{
    public TextMergeResult(string merged, IReadOnlyList<MergedElement> taken, IReadOnlyList<MergeConflict> conflicts)
    {
        Merged = merged;
        Taken = taken;
        Conflicts = conflicts;
    }

    /// <summary>The merged text; where both sides changed the same lines, the side the caller chose. Never conflict markers.</summary>
    public string Merged { get; }

    public IReadOnlyList<MergedElement> Taken { get; }

    public IReadOnlyList<MergeConflict> Conflicts { get; }
}

/// <summary>
/// Three-way merge of Apex, Visualforce, LWC and Aura sources by lines, as <c>git merge-file</c> does; conflicts
/// are named by the ancestor's line range (<c>lines 12-14</c>) and kept out of the file. The result uses the
/// target's line endings.
/// </summary>
internal static class TextMerge
{
    private const int MaxValueLength = 200;

    public static TextMergeResult Merge(string ancestor, string source, string target, MergeSide onConflict)
    {
        var a = LineDiff.SplitLines(ancestor);
        var s = LineDiff.SplitLines(source);
        var t = LineDiff.SplitLines(target);
        var lines = new List<string>();
        var taken = new List<MergedElement>();
        var conflicts = new List<MergeConflict>();
        foreach (var hunk in Diff3.Merge(a, s, t))
        {
            var r = hunk.Ranges;
            var at = r.BaseEnd - r.BaseStart <= 1 ? $"line {r.BaseStart + 1}" : $"lines {r.BaseStart + 1}-{r.BaseEnd}";
            if (hunk.Conflict)
            {
                conflicts.Add(new MergeConflict(at, Lines(a, r.BaseStart, r.BaseEnd), Lines(s, r.SourceStart, r.SourceEnd), Lines(t, r.TargetStart, r.TargetEnd)));
            }
            else if (hunk.TakenFrom != MergeSide.Base)
            {
                taken.Add(new MergedElement(at, hunk.TakenFrom));
            }

            lines.AddRange((hunk.Conflict ? onConflict : hunk.TakenFrom) == MergeSide.Source
                ? s.Skip(r.SourceStart).Take(r.SourceEnd - r.SourceStart)
                : t.Skip(r.TargetStart).Take(r.TargetEnd - r.TargetStart));
        }

        var newline = target.Contains("\r\n") ? "\r\n" : "\n";
        var ending = (target.Length == 0 ? source : target).EndsWith("\n", System.StringComparison.Ordinal) ? newline : string.Empty;
        return new TextMergeResult(lines.Count == 0 ? string.Empty : string.Join(newline, lines) + ending, taken, conflicts);
    }

    private static string? Lines(string[] lines, int start, int end)
    {
        if (start == end)
        {
            return null;
        }

        var text = string.Join("\n", lines.Skip(start).Take(end - start));
        return text.Length > MaxValueLength ? text.Substring(0, MaxValueLength - 3) + "..." : text;
    }
}
