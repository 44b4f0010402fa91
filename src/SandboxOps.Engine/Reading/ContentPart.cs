using System;
using SandboxOps.Engine.Hashing;
using SandboxOps.Engine.Xml;

namespace SandboxOps.Engine.Reading;

/// <summary>How a file was written, beyond what it says: facts the canonical hash ignores and noise reports name.</summary>
internal sealed class FileTraits
{
    public FileTraits(string? declaration, bool usesCrLf, bool hasByteOrderMark)
    {
        Declaration = declaration;
        UsesCrLf = usesCrLf;
        HasByteOrderMark = hasByteOrderMark;
    }

    /// <summary>The XML declaration's text, or null when there is none (or the file is not XML).</summary>
    public string? Declaration { get; }

    public bool UsesCrLf { get; }

    public bool HasByteOrderMark { get; }
}

/// <summary>
/// One part of a component as read (the XML, a code file, a file inside a bundle or static resource),
/// with what a diff needs: the element tree for XML, and a way to load text again for code.
/// </summary>
internal sealed class ContentPart
{
    private readonly Func<string>? _loadText;

    public ContentPart(string role, Digest digest, long size, XmlNode? tree, FileTraits? traits, bool isText, Func<string>? loadText)
    {
        Role = role;
        Digest = digest;
        Size = size;
        Tree = tree;
        Traits = traits;
        IsText = isText;
        _loadText = loadText;
    }

    /// <summary>"meta" for a component's XML, "content", or a path inside a bundle or static resource.</summary>
    public string Role { get; }

    public Digest Digest { get; }

    public long Size { get; }

    public XmlNode? Tree { get; }

    public FileTraits? Traits { get; private set; }

    public bool IsText { get; }

    /// <summary>Sets the file's traits on a part read from inside it, once the whole file has been read.</summary>
    public void AttachTraits(FileTraits traits) => Traits ??= traits;

    /// <summary>The text of a text part, read again from the source (only parts that differ are).</summary>
    public string LoadText() => _loadText?.Invoke() ?? string.Empty;
}
