using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Comparison;

namespace SandboxOps.Engine.Merging;

/// <summary>
/// Three-way merge of Apex, Visualforce, LWC and Aura sources by lines, as <c>git merge-file</c> does; conflicts
/// are named by the ancestor's line range (<c>lines 12-14</c>) and kept out of the file. The result uses the
/// target's line endings.
/// </summary>
internal static class TextMerge
{
    private const int MaxValueLength = 200;

    public static MergeResult<string> Merge(string ancestor, string source, string target, MergeSide onConflict)
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
                conflicts.Add(new MergeConflict(at, Lines(r.In(a, MergeSide.Base)), Lines(r.In(s, MergeSide.Source)), Lines(r.In(t, MergeSide.Target))));
            }
            else if (hunk.TakenFrom != MergeSide.Base)
            {
                taken.Add(new MergedElement(at, hunk.TakenFrom));
            }

            lines.AddRange(hunk.Resolved(s, t, onConflict));
        }

        var newline = target.Contains("\r\n") ? "\r\n" : "\n";
        var ending = (target.Length == 0 ? source : target).EndsWith("\n", System.StringComparison.Ordinal) ? newline : string.Empty;
        return new MergeResult<string>(lines.Count == 0 ? string.Empty : string.Join(newline, lines) + ending, taken, conflicts);
    }

    private static string? Lines(IEnumerable<string> lines)
    {
        if (!lines.Any())
        {
            return null;
        }

        var text = string.Join("\n", lines);
        return text.Length > MaxValueLength ? text.Substring(0, MaxValueLength - 3) + "..." : text;
    }
}
