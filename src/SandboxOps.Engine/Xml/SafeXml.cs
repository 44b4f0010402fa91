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
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
        MaxCharactersFromEntities = 0,
    };

    public static XmlReader Open(Stream stream) => XmlReader.Create(stream, Settings);

    /// <summary>Moves to the root element, refusing a document type declaration on the way.</summary>
    public static void MoveToRoot(XmlReader reader)
    {
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.DocumentType:
                    throw new ForbiddenDtdException(LineOf(reader));
                case XmlNodeType.Element:
                    return;
            }
        }

        throw new XmlException("The file has no root element.");
    }

    public static int LineOf(XmlReader reader) => reader is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;
}
