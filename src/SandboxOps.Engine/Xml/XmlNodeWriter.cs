using System;
using System.IO;
using System.Text;
using System.Xml;

namespace SandboxOps.Engine.Xml;

/// <summary>Writes an element tree as Salesforce writes metadata: declaration, the metadata namespace on the root, four-space indentation.</summary>
internal static class XmlNodeWriter
{
    public const string MetadataNamespace = "http://soap.sforce.com/2006/04/metadata";

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = true,
        IndentChars = "    ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Entitize,
        OmitXmlDeclaration = true,
    };

    private static readonly byte[] Declaration = Encoding.ASCII.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

    public static byte[] Write(XmlNode root)
    {
        using var output = new MemoryStream();
        output.Write(Declaration, 0, Declaration.Length); // spelled as Salesforce spells it
        using (var writer = XmlWriter.Create(output, Settings))
        {
            WriteElement(writer, root);
        }

        output.WriteByte((byte)'\n');
        return output.ToArray();
    }

    /// <summary>
    /// A child of the root as it is written in a file: from its start tag to its end tag, its own lines indented
    /// one level, for a merge to put between the target's bytes.
    /// </summary>
    public static byte[] WriteRootChild(XmlNode child)
    {
        var root = XmlNode.Create("r");
        root.Add(child);
        var document = Write(root);
        var start = Array.IndexOf(document, (byte)'>', Declaration.Length) + 1 + "\n    ".Length;
        var end = document.Length - "\n</r>\n".Length;
        var bytes = new byte[end - start];
        Buffer.BlockCopy(document, start, bytes, 0, bytes.Length);
        return bytes;
    }

    private static void WriteElement(XmlWriter writer, XmlNode node)
    {
        writer.WriteStartElement(node.Name, MetadataNamespace);
        foreach (var attribute in node.Attributes)
        {
            if (attribute.Key == "nil")
            {
                writer.WriteAttributeString("xsi", "nil", "http://www.w3.org/2001/XMLSchema-instance", attribute.Value);
            }
            else
            {
                writer.WriteAttributeString(attribute.Key, attribute.Value);
            }
        }

        foreach (var child in node.Children)
        {
            WriteElement(writer, child);
        }

        if (node.Children.Count == 0 && node.Text.Length > 0)
        {
            writer.WriteString(node.Text);
        }

        writer.WriteFullEndElement();
    }
}
