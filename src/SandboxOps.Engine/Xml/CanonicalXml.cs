using System;
using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Hashing;

namespace SandboxOps.Engine.Xml;

/// <summary>
/// The canonical form of a component's XML, hashed. Root element name and <c>fullName</c> are left out
/// (they differ between a child inside its parent's file and the same child in its own file); elements
/// are put in name order (the schema fixes that order, so tools that differ on it differ on nothing);
/// repeated elements keep their order unless the type's rules key them.
/// </summary>
internal static class CanonicalXml
{
    private static readonly IReadOnlyDictionary<string, string[]> NoKeys = new Dictionary<string, string[]>();

    public static Digest Hash(XmlNode component, IReadOnlyDictionary<string, string[]> keyedLists)
    {
        using var writer = new DigestWriter();
        Write(writer, component, keyedLists, isRoot: true);
        return writer.Finish();
    }

    private static void Write(DigestWriter writer, XmlNode node, IReadOnlyDictionary<string, string[]> keyedLists, bool isRoot)
    {
        foreach (var attribute in node.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            writer.Tag('@');
            writer.Text(attribute.Key);
            writer.Text(attribute.Value);
        }

        var ordered = Order(node.Children, keyedLists, isRoot);
        if (ordered.Count == 0)
        {
            writer.Tag('T');
            writer.Text(node.Text);
            return;
        }

        foreach (var child in ordered)
        {
            writer.Tag('<');
            writer.Text(child.Name);
            Write(writer, child, NoKeys, isRoot: false);
            writer.Tag('>');
        }
    }

    /// <summary>
    /// Children in canonical order. Most elements' children are already in it (tools write the schema's
    /// order), so that is checked first and nothing is sorted or allocated.
    /// </summary>
    private static IReadOnlyList<XmlNode> Order(IReadOnlyList<XmlNode> children, IReadOnlyDictionary<string, string[]> keyedLists, bool isRoot)
    {
        var sorted = true;
        for (var i = 0; i < children.Count && sorted; i++)
        {
            var name = children[i].Name;
            sorted = !(isRoot && name == "fullName") && !keyedLists.ContainsKey(name)
                && (i == 0 || string.CompareOrdinal(children[i - 1].Name, name) <= 0);
        }

        if (sorted)
        {
            return children;
        }

        return children
            .Where(c => !isRoot || !string.Equals(c.Name, "fullName", StringComparison.Ordinal))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ThenBy(c => SortKey(c, keyedLists), StringComparer.Ordinal)
            .ToList();
    }

    private static string SortKey(XmlNode entry, IReadOnlyDictionary<string, string[]> keyedLists)
    {
        if (!keyedLists.TryGetValue(entry.Name, out var keyElements))
        {
            return string.Empty; // OrderBy is stable: unkeyed lists keep their order.
        }

        return string.Join("\u001f", keyElements.Select(k => entry.ChildText(k) ?? string.Empty));
    }
}
