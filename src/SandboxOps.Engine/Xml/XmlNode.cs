using System;
using System.Collections.Generic;
using System.Text;
using System.Xml;

namespace SandboxOps.Engine.Xml;

/// <summary>
/// The element tree of one component, namespace-free: what the canonical hash and element diffs work
/// on. It also remembers how the element was spelled (prefix, empty-tag form, a fingerprint of the
/// whitespace inside it), which the hash ignores and noise reports explain.
/// </summary>
internal sealed class XmlNode
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    private XmlNode(string name)
    {
        Name = name;
    }

    public string Name { get; }

    // Most elements are leaves without attributes: their lists are not allocated (a profile has 400,000 elements).
    private static readonly List<XmlNode> NoChildren = new();
    private static readonly List<KeyValuePair<string, string>> NoAttributes = new();
    private List<XmlNode>? _children;
    private List<KeyValuePair<string, string>>? _attributes;

    public string Text { get; private set; } = string.Empty;

    public IReadOnlyList<XmlNode> Children => _children ?? NoChildren;

    public IReadOnlyList<KeyValuePair<string, string>> Attributes => _attributes ?? NoAttributes;

    /// <summary>The namespace prefix the element was written with ("" for none).</summary>
    public string Prefix { get; private set; } = string.Empty;

    /// <summary>True when written as <c>&lt;a/&gt;</c> rather than <c>&lt;a&gt;&lt;/a&gt;</c>.</summary>
    public bool WrittenEmpty { get; private set; }

    /// <summary>A fingerprint of the whitespace between this element's children (indentation, line breaks).</summary>
    public ulong WhitespaceFingerprint { get; private set; }

    /// <summary>The text of the first child element with this name, or null.</summary>
    public string? ChildText(string name)
    {
        foreach (var child in Children)
        {
            if (string.Equals(child.Name, name, StringComparison.Ordinal))
            {
                return child.Text;
            }
        }

        return null;
    }

    public static XmlNode Create(string name) => new(name);

    /// <summary>A leaf element with text, as a merge writes a value.</summary>
    public static XmlNode Leaf(string name, string text) => new(name) { Text = text };

    /// <summary>An element spelled as <paramref name="model"/> is (name, prefix, text, attributes) without its children, for a merge to fill.</summary>
    public static XmlNode ShellOf(XmlNode model) =>
        new(model.Name) { Prefix = model.Prefix, Text = model.Text, _attributes = model._attributes, WhitespaceFingerprint = model.WhitespaceFingerprint };

    /// <summary>Whether two elements say the same: name, text, attributes and children in order; spelling aside.</summary>
    public static bool Same(XmlNode? a, XmlNode? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.Children.Count != b.Children.Count || a.Attributes.Count != b.Attributes.Count
            || !string.Equals(a.Name, b.Name, StringComparison.Ordinal) || !string.Equals(a.Text, b.Text, StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = 0; i < a.Attributes.Count; i++)
        {
            if (!string.Equals(a.Attributes[i].Key, b.Attributes[i].Key, StringComparison.Ordinal) || !string.Equals(a.Attributes[i].Value, b.Attributes[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        for (var i = 0; i < a.Children.Count; i++)
        {
            if (!Same(a.Children[i], b.Children[i]))
            {
                return false;
            }
        }

        return true;
    }

    public void Add(XmlNode child) => (_children ??= new List<XmlNode>()).Add(child);

    public void AddRange(IEnumerable<XmlNode> children) => (_children ??= new List<XmlNode>()).AddRange(children);

    /// <summary>Parses one element from a byte range (a root child the fragment scanner found), through <see cref="SafeXml"/>.</summary>
    public static XmlNode Parse(byte[] bytes, int start, int length)
    {
        using var stream = new System.IO.MemoryStream(bytes, start, length, writable: false);
        using var reader = SafeXml.Open(stream);
        SafeXml.MoveToRoot(reader);
        return Read(reader);
    }

    /// <summary>Reads the element the reader is on, with its subtree, and leaves the reader after it.</summary>
    public static XmlNode Read(XmlReader reader) => Read(reader, divert: null, onDiverted: null);

    /// <summary>
    /// Reads the element the reader is on; its direct children for which <paramref name="divert"/> says
    /// yes are handed to <paramref name="onDiverted"/> one at a time instead of being kept, so a file of
    /// many children never holds them all.
    /// </summary>
    public static XmlNode Read(XmlReader reader, Func<string, bool>? divert, Action<string, XmlNode>? onDiverted)
    {
        var node = new XmlNode(reader.LocalName) { Prefix = reader.Prefix };
        if (reader.HasAttributes)
        {
            while (reader.MoveToNextAttribute())
            {
                if (!string.Equals(reader.NamespaceURI, XmlnsNamespace, StringComparison.Ordinal))
                {
                    (node._attributes ??= new List<KeyValuePair<string, string>>()).Add(new KeyValuePair<string, string>(reader.LocalName, reader.Value));
                }
            }

            reader.MoveToElement();
        }

        if (reader.IsEmptyElement)
        {
            node.WrittenEmpty = true;
            reader.Read();
            return node;
        }

        reader.Read();
        string? firstText = null;
        StringBuilder? moreText = null;
        var whitespace = Fnv.Offset;
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var name = reader.LocalName;
                    var child = Read(reader);
                    if (divert is not null && divert(name))
                    {
                        onDiverted!(name, child);
                    }
                    else
                    {
                        node.Add(child);
                    }

                    continue;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.SignificantWhitespace:
                    if (firstText is null)
                    {
                        firstText = reader.Value;
                    }
                    else
                    {
                        (moreText ??= new StringBuilder(firstText)).Append(reader.Value);
                    }

                    break;
                case XmlNodeType.Whitespace:
                    whitespace = Fnv.Add(whitespace, reader.Value);
                    break;
                case XmlNodeType.None:
                    throw new XmlException("Unexpected end of file.");
            }

            reader.Read();
        }

        reader.Read();
        node.Text = moreText?.ToString() ?? firstText ?? string.Empty;
        node.WhitespaceFingerprint = whitespace;
        return node;
    }

    /// <summary>FNV-1a: a cheap fingerprint, enough to tell two layouts apart.</summary>
    private static class Fnv
    {
        public const ulong Offset = 14695981039346656037UL;

        public static ulong Add(ulong hash, string value)
        {
            foreach (var c in value)
            {
                hash = (hash ^ c) * 1099511628211UL;
            }

            return (hash ^ 0xFF) * 1099511628211UL;
        }
    }
}
