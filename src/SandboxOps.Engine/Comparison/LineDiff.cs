using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SandboxOps.Engine.Comparison;

/// <summary>
/// Line diff of two texts (Myers' O(ND) algorithm after trimming the common head and tail), counted and,
/// on request, written as a unified diff with three lines of context.
/// </summary>
internal static class LineDiff
{
    private const int Context = 3;
    private const int MaxEditDistance = 20000;

    private enum Op
    {
        Equal,
        Delete,
        Insert,
    }

    public static TextChangeSummary Compare(string before, string after, string beforeName, string afterName, bool unified)
    {
        var a = SplitLines(before);
        var b = SplitLines(after);
        var script = EditScript(a, b);
        var added = 0;
        var removed = 0;
        foreach (var (op, _, _) in script)
        {
            if (op == Op.Insert)
            {
                added++;
            }
            else if (op == Op.Delete)
            {
                removed++;
            }
        }

        return new TextChangeSummary(added, removed, unified ? Unified(script, a, b, beforeName, afterName) : null);
    }

    /// <summary>For each line of <paramref name="a"/>, the line of <paramref name="b"/> it is matched with, or -1.</summary>
    public static int[] Matches(string[] a, string[] b)
    {
        var matches = new int[a.Length];
        for (var i = 0; i < matches.Length; i++)
        {
            matches[i] = -1;
        }

        foreach (var (op, ai, bi) in EditScript(a, b))
        {
            if (op == Op.Equal)
            {
                matches[ai] = bi;
            }
        }

        return matches;
    }

    public static string[] SplitLines(string text) =>
        text.Length == 0 ? Array.Empty<string>() : text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');

    /// <summary>(op, index in a, index in b) for every line, in order.</summary>
    private static List<(Op Op, int A, int B)> EditScript(string[] a, string[] b)
    {
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[a.Length - 1 - tail] == b[b.Length - 1 - tail])
        {
            tail++;
        }

        var script = new List<(Op, int, int)>();
        for (var i = 0; i < head; i++)
        {
            script.Add((Op.Equal, i, i));
        }

        script.AddRange(Middle(a, b, head, a.Length - tail, head, b.Length - tail));
        for (var i = tail; i > 0; i--)
        {
            script.Add((Op.Equal, a.Length - i, b.Length - i));
        }

        return script;
    }

    private static List<(Op, int, int)> Middle(string[] a, string[] b, int aStart, int aEnd, int bStart, int bEnd)
    {
        var n = aEnd - aStart;
        var m = bEnd - bStart;
        var max = n + m;
        var result = new List<(Op, int, int)>();
        if (max == 0)
        {
            return result;
        }

        var offset = max + 1;
        var v = new int[(2 * max) + 3];
        var trace = new List<int[]>();
        var found = false;
        for (var d = 0; d <= max && d <= MaxEditDistance && !found; d++)
        {
            trace.Add((int[])v.Clone());
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[aStart + x] == b[bStart + y])
                {
                    x++;
                    y++;
                }

                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    found = true;
                    break;
                }
            }
        }

        if (!found)
        {
            // Too different to align cheaply: everything removed, then everything added.
            for (var i = 0; i < n; i++)
            {
                result.Add((Op.Delete, aStart + i, bStart));
            }

            for (var j = 0; j < m; j++)
            {
                result.Add((Op.Insert, aStart + n, bStart + j));
            }

            return result;
        }

        // Walk the trace back from (n, m).
        var cx = n;
        var cy = m;
        for (var d = trace.Count - 1; d > 0; d--)
        {
            var prev = trace[d];
            var k = cx - cy;
            var prevK = k == -d || (k != d && prev[offset + k - 1] < prev[offset + k + 1]) ? k + 1 : k - 1;
            var prevX = prev[offset + prevK];
            var prevY = prevX - prevK;
            while (cx > prevX && cy > prevY)
            {
                cx--;
                cy--;
                result.Add((Op.Equal, aStart + cx, bStart + cy));
            }

            if (cx == prevX)
            {
                cy--;
                result.Add((Op.Insert, aStart + cx, bStart + cy));
            }
            else
            {
                cx--;
                result.Add((Op.Delete, aStart + cx, bStart + cy));
            }
        }

        while (cx > 0 && cy > 0)
        {
            cx--;
            cy--;
            result.Add((Op.Equal, aStart + cx, bStart + cy));
        }

        result.Reverse();
        return result;
    }

    private static string Unified(List<(Op Op, int A, int B)> script, string[] a, string[] b, string beforeName, string afterName)
    {
        var text = new StringBuilder();
        text.Append("--- ").Append(beforeName).Append('\n');
        text.Append("+++ ").Append(afterName).Append('\n');
        var i = 0;
        while (i < script.Count)
        {
            if (script[i].Op == Op.Equal)
            {
                i++;
                continue;
            }

            // A hunk: back up to include context, then run until Context*2 equal lines in a row.
            var start = Math.Max(0, i - Context);
            var end = i;
            var equalRun = 0;
            while (end < script.Count && (script[end].Op != Op.Equal || equalRun < Context * 2))
            {
                equalRun = script[end].Op == Op.Equal ? equalRun + 1 : 0;
                end++;
            }

            end -= Math.Max(0, equalRun - Context);
            AppendHunk(text, script, start, end, a, b);
            i = end;
        }

        return text.ToString();
    }

    private static void AppendHunk(StringBuilder text, List<(Op Op, int A, int B)> script, int start, int end, string[] a, string[] b)
    {
        int aCount = 0, bCount = 0;
        for (var j = start; j < end; j++)
        {
            if (script[j].Op != Op.Insert)
            {
                aCount++;
            }

            if (script[j].Op != Op.Delete)
            {
                bCount++;
            }
        }

        var aLine = script[start].A + (aCount == 0 ? 0 : 1);
        var bLine = script[start].B + (bCount == 0 ? 0 : 1);
        text.Append(string.Format(CultureInfo.InvariantCulture, "@@ -{0},{1} +{2},{3} @@\n", aLine, aCount, bLine, bCount));
        for (var j = start; j < end; j++)
        {
            var (op, ai, bi) = script[j];
            text.Append(op switch { Op.Equal => ' ', Op.Delete => '-', _ => '+' })
                .Append(op == Op.Insert ? b[bi] : a[ai])
                .Append('\n');
        }
    }
}
