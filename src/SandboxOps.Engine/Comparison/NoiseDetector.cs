using System;
using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Xml;

namespace SandboxOps.Engine.Comparison;

/// <summary>
/// Explains why two components with the same canonical hash were not byte-identical: compares what the
/// parser recorded of each spelling (declaration, line endings, prefixes, empty tags, whitespace) and the
/// order of elements before canonical sorting.
/// </summary>
internal static class NoiseDetector
{
    private static readonly IReadOnlyDictionary<string, string[]> NoKeys = new Dictionary<string, string[]>();

    public static NoiseKinds Explain(ComponentContent source, ComponentContent target, IReadOnlyDictionary<string, string[]> rootKeys, bool bytesDiffer)
    {
        var noise = source.Component.Format == target.Component.Format ? NoiseKinds.None : NoiseKinds.Format;
        var targetParts = target.Parts.ToDictionary(p => p.Role, StringComparer.Ordinal);
        var sourceJunk = source.Parts.Where(p => ArchiveJunk.IsPart(p.Role)).Select(p => p.Role + " " + p.Digest.ToHex());
        var targetJunk = target.Parts.Where(p => ArchiveJunk.IsPart(p.Role)).Select(p => p.Role + " " + p.Digest.ToHex());
        if (!sourceJunk.OrderBy(r => r, StringComparer.Ordinal).SequenceEqual(targetJunk.OrderBy(r => r, StringComparer.Ordinal), StringComparer.Ordinal))
        {
            noise |= NoiseKinds.ArchiveJunk;
        }

        foreach (var part in source.Parts)
        {
            if (!targetParts.TryGetValue(part.Role, out var other))
            {
                continue;
            }

            noise |= FromTraits(part.Traits, other.Traits, sameFormat: noise == NoiseKinds.None);
            if (part.Tree is not null && other.Tree is not null)
            {
                noise |= FromTrees(part.Tree, other.Tree, rootKeys, isRoot: true);
            }
        }

        return noise == NoiseKinds.None && bytesDiffer && source.Parts.All(p => p.Traits is not null) ? NoiseKinds.Other : noise;
    }

    private static NoiseKinds FromTraits(FileTraits? source, FileTraits? target, bool sameFormat)
    {
        if (source is null || target is null)
        {
            return NoiseKinds.None;
        }

        var noise = NoiseKinds.None;
        if (source.UsesCrLf != target.UsesCrLf)
        {
            noise |= NoiseKinds.LineEndings;
        }

        if (source.HasByteOrderMark != target.HasByteOrderMark)
        {
            noise |= NoiseKinds.ByteOrderMark;
        }

        if (sameFormat && !string.Equals(source.Declaration, target.Declaration, StringComparison.Ordinal))
        {
            noise |= NoiseKinds.XmlDeclaration;
        }

        return noise;
    }

    private static NoiseKinds FromTrees(XmlNode source, XmlNode target, IReadOnlyDictionary<string, string[]> keys, bool isRoot)
    {
        var noise = NoiseKinds.None;
        if (!string.Equals(source.Prefix, target.Prefix, StringComparison.Ordinal))
        {
            noise |= NoiseKinds.NamespacePrefix;
        }

        if (source.WrittenEmpty != target.WrittenEmpty && source.Children.Count == 0 && source.Text.Length == 0)
        {
            noise |= NoiseKinds.EmptyTagForm;
        }

        var sourceChildren = isRoot ? source.Children.Where(c => c.Name != "fullName").ToList() : source.Children;
        var targetChildren = isRoot ? target.Children.Where(c => c.Name != "fullName").ToList() : target.Children;
        if (source.WhitespaceFingerprint != target.WhitespaceFingerprint && sourceChildren.Count == targetChildren.Count)
        {
            noise |= NoiseKinds.Whitespace;
        }

        if (!Runs(sourceChildren).SequenceEqual(Runs(targetChildren), StringComparer.Ordinal))
        {
            noise |= NoiseKinds.ElementOrder;
        }

        var sourceOrdered = Ordered(sourceChildren, keys);
        var targetOrdered = Ordered(targetChildren, keys);
        if (!KeyOrder(sourceChildren, keys).SequenceEqual(KeyOrder(targetChildren, keys), StringComparer.Ordinal))
        {
            noise |= NoiseKinds.UnorderedListOrder;
        }

        for (var i = 0; i < Math.Min(sourceOrdered.Count, targetOrdered.Count); i++)
        {
            noise |= FromTrees(sourceOrdered[i].Node, targetOrdered[i].Node, NoKeys, isRoot: false);
        }

        return noise;
    }

    /// <summary>The element names with consecutive repeats collapsed: differs only when groups moved.</summary>
    private static IEnumerable<string> Runs(IEnumerable<XmlNode> children)
    {
        string? previous = null;
        foreach (var child in children)
        {
            if (!string.Equals(child.Name, previous, StringComparison.Ordinal))
            {
                yield return child.Name;
                previous = child.Name;
            }
        }
    }

    /// <summary>Keys of keyed entries in document order, grouped by element: differs when entries moved.</summary>
    private static IEnumerable<string> KeyOrder(IEnumerable<XmlNode> children, IReadOnlyDictionary<string, string[]> keys) =>
        children.Where(c => keys.ContainsKey(c.Name)).OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => Key(c, keys));

    private static List<(string Key, XmlNode Node)> Ordered(IEnumerable<XmlNode> children, IReadOnlyDictionary<string, string[]> keys) =>
        children.Select(c => (Key: Key(c, keys), Node: c))
            .OrderBy(p => p.Node.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .ToList();

    private static string Key(XmlNode node, IReadOnlyDictionary<string, string[]> keys) =>
        keys.TryGetValue(node.Name, out var elements)
            ? node.Name + "\u001f" + string.Join("\u001f", elements.Select(e => node.ChildText(e) ?? string.Empty))
            : node.Name;
}
