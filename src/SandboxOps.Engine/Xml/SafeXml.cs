using System;
using System.IO;
using System.Xml;

namespace SandboxOps.Engine.Xml;

/// <summary>
/// The only way the engine opens XML: no DTD processing, no resolver, so neither external entities nor
/// entity expansion can be abused. A DOCTYPE is reported, never followed.
/// </summary>
internal static class SafeXml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CloseInput = false,
        MaxCharactersFromEntities = 1024,
    };

    // Whitespace between elements is not content (the canonical hash ignores it), so a reader that only
    // hashes skips it rather than allocating a string for each indentation.
    private static readonly XmlReaderSettings HashingSettings = Settings.Clone();

    static SafeXml()
    {
        HashingSettings.IgnoreWhitespace = true;
    }

    public static XmlReader Open(Stream stream) => XmlReader.Create(stream, Settings);

    /// <summary>A reader for hashing only: as <see cref="Open"/>, without the whitespace that only noise reports need.</summary>
    public static XmlReader OpenForHashing(Stream stream) => XmlReader.Create(stream, HashingSettings);

    /// <summary>
    /// Moves to the root element, refusing a document type declaration on the way. Returns the XML
    /// declaration's text (version, encoding) or null when the file has none.
    /// </summary>
    public static string? MoveToRoot(XmlReader reader)
    {
        string? declaration = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.XmlDeclaration:
                        declaration = reader.Value;
                        break;
                    case XmlNodeType.Element:
                        return declaration;
                }
            }
        }
        catch (XmlException ex) when (ex.Message.IndexOf("DTD", StringComparison.Ordinal) >= 0)
        {
            // The reader refuses the DOCTYPE itself (DtdProcessing.Prohibit); say so plainly.
            throw new ForbiddenDtdException(ex.LineNumber > 0 ? ex.LineNumber : LineOf(reader));
        }

        throw new XmlException("The file has no root element.");
    }

    public static int LineOf(XmlReader reader) => reader is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;
}
