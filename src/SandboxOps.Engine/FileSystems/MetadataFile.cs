using System;

namespace SandboxOps.Engine.FileSystems;

/// <summary>
/// A file of a metadata source: path relative to the source root with '/' separators. On disk, size and
/// time are read when first asked for: a comparison that only opens files need not stat 100,000 of them.
/// </summary>
public sealed class MetadataFile
{
    private readonly Func<string, (long Size, DateTime? LastModified)>? _stat;
    private (long Size, DateTime? LastModified)? _known;

    public MetadataFile(string path, long size, DateTime? lastModified)
    {
        Path = path;
        _known = (size, lastModified);
    }

    /// <param name="path">The path relative to the source root.</param>
    /// <param name="stat">Asked with <paramref name="path"/> when the size or time is first wanted; one delegate
    /// serves every file of a source, so a listing of 100,000 files holds no closure per file.</param>
    public MetadataFile(string path, Func<string, (long Size, DateTime? LastModified)> stat)
    {
        Path = path;
        _stat = stat;
    }

    public string Path { get; }

    public long Size => Known.Size;

    public DateTime? LastModified => Known.LastModified;

    private (long Size, DateTime? LastModified) Known => _known ??= _stat!(Path);

    public override string ToString() => Path;
}
