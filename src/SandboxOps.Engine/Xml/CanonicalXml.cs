using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml;
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
        using var writer = DigestWriter.Rent();
        Write(writer, component, keyedLists, isRoot: true);
        return writer.Finish();
    }

    /// <summary>
    /// The same hash as <see cref="Hash"/> of the element the reader is on, without building its tree:
    /// each root child is read and written out as tokens on its own, and the tokens are hashed in
    /// canonical order at the end. A 13 MB profile then never exists as 400,000 live objects, which
    /// the garbage collector would otherwise copy from generation to generation.
    /// </summary>
    public static Digest HashStreamed(XmlReader reader, IReadOnlyDictionary<string, string[]> keyedLists)
    {
        var tokens = TokenBuffer.Rent();
        try
        {
            return HashStreamed(reader, keyedLists, tokens);
        }
        finally
        {
            tokens.Return();
        }
    }

    private static Digest HashStreamed(XmlReader reader, IReadOnlyDictionary<string, string[]> keyedLists, TokenBuffer tokens)
    {
        var entries = new List<RootEntry>();
        var root = XmlNode.Read(reader, divert: _ => true, onDiverted: (name, child) =>
        {
            if (name == "fullName")
            {
                return;
            }

            var start = tokens.Length;
            WriteChild(tokens, child);
            entries.Add(new RootEntry(name, SortKey(child, keyedLists), entries.Count, start, tokens.Length - start));
        });

        using var writer = DigestWriter.Rent();
        WriteAttributes(writer, root);
        if (entries.Count == 0)
        {
            writer.Tag('T');
            writer.Text(root.Text);
            return writer.Finish();
        }

        entries.Sort(RootEntry.Compare);
        foreach (var entry in entries)
        {
            tokens.CopyTo(writer, entry.Start, entry.Length);
        }

        return writer.Finish();
    }

    private static void Write(TokenEncoder writer, XmlNode node, IReadOnlyDictionary<string, string[]> keyedLists, bool isRoot)
    {
        WriteAttributes(writer, node);
        var ordered = Order(node.Children, keyedLists, isRoot);
        if (ordered.Count == 0)
        {
            writer.Tag('T');
            writer.Text(node.Text);
            return;
        }

        foreach (var child in ordered)
        {
            WriteChild(writer, child);
        }
    }

    private static void WriteChild(TokenEncoder writer, XmlNode child)
    {
        writer.Tag('<');
        writer.Text(child.Name);
        Write(writer, child, NoKeys, isRoot: false);
        writer.Tag('>');
    }

    private static void WriteAttributes(TokenEncoder writer, XmlNode node)
    {
        if (node.Attributes.Count == 0)
        {
            return;
        }

        foreach (var attribute in node.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            writer.Tag('@');
            writer.Text(attribute.Key);
            writer.Text(attribute.Value);
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

        if (keyElements.Length == 1)
        {
            return entry.ChildText(keyElements[0]) ?? string.Empty;
        }

        return string.Join("\u001f", keyElements.Select(k => entry.ChildText(k) ?? string.Empty));
    }

    /// <summary>A root child's place in the token buffer, ordered as <see cref="Order"/> orders children.</summary>
    private readonly struct RootEntry
    {
        public RootEntry(string name, string key, int position, int start, int length)
        {
            Name = name;
            Key = key;
            Position = position;
            Start = start;
            Length = length;
        }

        public string Name { get; }

        public string Key { get; }

        public int Position { get; }

        public int Start { get; }

        public int Length { get; }

        public static int Compare(RootEntry left, RootEntry right)
        {
            var byName = string.CompareOrdinal(left.Name, right.Name);
            if (byName != 0)
            {
                return byName;
            }

            var byKey = string.CompareOrdinal(left.Key, right.Key);
            return byKey != 0 ? byKey : left.Position.CompareTo(right.Position);
        }
    }
}
