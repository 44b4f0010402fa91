using System;
using System.Collections.Generic;
using System.Text;
using System.Xml;

namespace SandboxOps.Engine.Xml;

/// <summary>
/// A namespace-free element tree of one component: what survives of XML once prefixes, declarations,
/// indentation, comments and the empty-tag spelling are gone.
/// </summary>
internal sealed class XmlNode
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    private XmlNode(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public string Text { get; private set; } = string.Empty;

    public List<XmlNode> Children { get; } = new();

    public List<KeyValuePair<string, string>> Attributes { get; } = new();

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

    /// <summary>Reads the element the reader is on, with its subtree, and leaves the reader after it.</summary>
    public static XmlNode Read(XmlReader reader)
    {
        var node = new XmlNode(reader.LocalName);
        if (reader.HasAttributes)
        {
            while (reader.MoveToNextAttribute())
            {
                if (!string.Equals(reader.NamespaceURI, XmlnsNamespace, StringComparison.Ordinal))
                {
                    node.Attributes.Add(new KeyValuePair<string, string>(reader.LocalName, reader.Value));
                }
            }

            reader.MoveToElement();
        }

        if (reader.IsEmptyElement)
        {
            reader.Read();
            return node;
        }

        reader.Read();
        StringBuilder? text = null;
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    node.Children.Add(Read(reader));
                    continue;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.SignificantWhitespace:
                    (text ??= new StringBuilder()).Append(reader.Value);
                    break;
                case XmlNodeType.None:
                    throw new XmlException("Unexpected end of file.");
            }

            reader.Read();
        }

        reader.Read();
        node.Text = text?.ToString() ?? string.Empty;
        return node;
    }
}
