using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Xml;

namespace SandboxOps.Engine.Comparison;

/// <summary>
/// What changed inside a component, part by part: element changes for XML, line counts (and a unified
/// diff) for code and text, size and hash for binaries. Paths of XML outside the component's own XML
/// ("meta") are prefixed with the part: <c>invoiceSummary.js-meta.xml:targets/target</c>.
/// </summary>
internal static class ComponentDiffer
{
    private static readonly IReadOnlyDictionary<string, string[]> NoKeys = new Dictionary<string, string[]>();

    /// <summary>The changes from target to source; with ignoreWhitespace, values that differ only in XML whitespace at their edges and text whose lines differ only in whitespace are left out.</summary>
    public static (List<ElementChange> Changes, TextChangeSummary? Text) Diff(ComponentContent source, ComponentContent target, bool unifiedDiff, bool ignoreWhitespace = false)
    {
        var keys = UnorderedListRules.ForType(source.Component.Type);
        var sourceParts = source.Parts.ToDictionary(p => p.Role, StringComparer.Ordinal);
        var targetParts = target.Parts.ToDictionary(p => p.Role, StringComparer.Ordinal);
        var changes = new List<ElementChange>();
        int added = 0, removed = 0;
        var diffs = new List<string>();
        foreach (var role in sourceParts.Keys.Union(targetParts.Keys).Where(r => !ArchiveJunk.IsPart(r)).OrderBy(r => r, StringComparer.Ordinal))
        {
            sourceParts.TryGetValue(role, out var s);
            targetParts.TryGetValue(role, out var t);
            if (s is null || t is null)
            {
                changes.Add(s is null
                    ? new ElementChange(role, ChangeKind.Removed, Describe(t!), null)
                    : new ElementChange(role, ChangeKind.Added, null, Describe(s)));
                continue;
            }

            if (s.Digest.SameAs(t.Digest))
            {
                continue;
            }

            if (s.Tree is not null && t.Tree is not null)
            {
                var isOwnXml = role == ResolvedFile.MetaRole;
                var treeChanges = XmlTreeDiff.Compare(s.Tree, t.Tree, isOwnXml ? keys : NoKeys, isOwnXml ? string.Empty : role + ":");
                changes.AddRange(ignoreWhitespace ? treeChanges.Where(c => !WhitespaceText.EdgesOnly(c.Before, c.After)) : treeChanges);
            }
            else if (s.IsText && t.IsText)
            {
                var (targetText, sourceText) = (t.LoadText(), s.LoadText());
                if (ignoreWhitespace && WhitespaceText.LinesEqual(targetText, sourceText))
                {
                    continue;
                }

                var text = LineDiff.Compare(targetText, sourceText, "target/" + role, "source/" + role, unifiedDiff);
                added += text.LinesAdded;
                removed += text.LinesRemoved;
                if (text.UnifiedDiff is not null)
                {
                    diffs.Add(text.UnifiedDiff);
                }

                changes.Add(new ElementChange(role, ChangeKind.Modified, null, null));
            }
            else
            {
                changes.Add(new ElementChange(role, ChangeKind.Modified, Describe(t), Describe(s)));
            }
        }

        var summary = added + removed > 0 || diffs.Count > 0
            ? new TextChangeSummary(added, removed, unifiedDiff ? string.Join(string.Empty, diffs) : null)
            : null;
        return (changes, summary);
    }

    private static string Describe(ContentPart part) =>
        string.Format(CultureInfo.InvariantCulture, "{0:N0} bytes, sha256 {1}", part.Size, part.Digest.ToHex().Substring(0, 12));
}
