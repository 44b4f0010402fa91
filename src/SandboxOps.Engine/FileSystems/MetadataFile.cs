using System;

namespace SandboxOps.Engine.FileSystems;

/// <summary>A file of a metadata source: path relative to the source root with '/' separators.</summary>
public sealed class MetadataFile
{
    public MetadataFile(string path, long size, DateTime? lastModified)
    {
        Path = path;
        Size = size;
        LastModified = lastModified;
    }

    public string Path { get; }

    public long Size { get; }

    public DateTime? LastModified { get; }

    public override string ToString() => Path;
}
