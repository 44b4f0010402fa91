using System;
using System.Text;

namespace SandboxOps.Engine.Comparison;

/// <summary>
/// Equality that ignores whitespace, for <c>-IgnoreWhitespace</c>. Only XML whitespace (space, tab, CR,
/// LF) is whitespace here: a no-break space (U+00A0) is content, as XML says.
/// </summary>
internal static class WhitespaceText
{
    private static readonly char[] XmlWhitespace = { ' ', '\t', '\r', '\n' };

    /// <summary>True when two values differ only in whitespace at their edges (and neither is missing).</summary>
    public static bool EdgesOnly(string? before, string? after) =>
        before is not null && after is not null && !string.Equals(before, after, StringComparison.Ordinal)
        && string.Equals(before.Trim(XmlWhitespace), after.Trim(XmlWhitespace), StringComparison.Ordinal);

    /// <summary>True when two texts are the same once the whitespace inside each line is removed (<c>git diff -w</c>).</summary>
    public static bool LinesEqual(string left, string right) =>
        string.Equals(WithoutWhitespace(left), WithoutWhitespace(right), StringComparison.Ordinal);

    private static string WithoutWhitespace(string text)
    {
        var kept = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is not (' ' or '\t' or '\r'))
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }
}
