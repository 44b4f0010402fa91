using System;

namespace SandboxOps.Engine.FileSystems;

/// <summary>
/// A file of a metadata source: path relative to the source root with '/' separators. On disk, size and
/// time are read when first asked for: a comparison that only opens files need not stat 100,000 of them.
/// </summary>
public sealed class MetadataFile
{
    private readonly Func<(long Size, DateTime? LastModified)>? _stat;
    private (long Size, DateTime? LastModified)? _known;

    public MetadataFile(string path, long size, DateTime? lastModified)
    {
        Path = path;
        _known = (size, lastModified);
    }

    public MetadataFile(string path, Func<(long Size, DateTime? LastModified)> stat)
    {
        Path = path;
        _stat = stat;
    }

    public string Path { get; }

    public long Size => Known.Size;

    public DateTime? LastModified => Known.LastModified;

    private (long Size, DateTime? LastModified) Known => _known ??= _stat!();

    public override string ToString() => Path;
}
