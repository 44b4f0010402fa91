using System;

namespace SandboxOps.Engine.Comparison;

/// <summary>Why two files of the same metadata differ in bytes. Never a reason to call a component Changed.</summary>
[Flags]
public enum NoiseKinds
{
    None = 0,

    /// <summary>Entries of a list whose order means nothing (profile and permission set entries) are in another order.</summary>
    UnorderedListOrder = 1,

    /// <summary>Groups of elements are in another order (the schema fixes their order, tools disagree on it).</summary>
    ElementOrder = 2,

    /// <summary>Indentation and line breaks between elements.</summary>
    Whitespace = 4,

    /// <summary><c>&lt;a/&gt;</c> against <c>&lt;a&gt;&lt;/a&gt;</c>.</summary>
    EmptyTagForm = 8,

    /// <summary>The XML declaration differs or is missing on one side.</summary>
    XmlDeclaration = 16,

    /// <summary>Elements written with another namespace prefix.</summary>
    NamespacePrefix = 32,

    /// <summary>CRLF against LF.</summary>
    LineEndings = 64,

    /// <summary>A UTF-8 byte order mark on one side only.</summary>
    ByteOrderMark = 128,

    /// <summary>One side is in Metadata API format and the other in source format.</summary>
    Format = 256,

    /// <summary>Another spelling of the same XML (entity escaping, attribute quotes).</summary>
    Other = 512,

    /// <summary>Files an operating system leaves in an archive or folder (.DS_Store, __MACOSX/, Thumbs.db).</summary>
    ArchiveJunk = 1024,
}
