using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.FileSystems;

/// <summary>
/// Files kept in memory up to a budget of bytes, for what a retrieve brings: creating a file costs more
/// than reading it back (0.7 ms a file on our machines), and a retrieved file is read once and dropped.
/// Files are added from several threads, then read once all are in.
/// </summary>
public sealed class InMemoryFileSystem : IMetadataFileSystem
{
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly Lazy<IReadOnlyList<MetadataFile>> _listing;
    private long _free;

    public InMemoryFileSystem(string description, long budgetBytes)
    {
        Description = description;
        _free = budgetBytes;
        _listing = new Lazy<IReadOnlyList<MetadataFile>>(() => _files.Select(f => new MetadataFile(f.Key, f.Value.Length, null)).OrderBy(f => f.Path, StringComparer.Ordinal).ToList());
    }

    public string Description { get; }

    public SourceOrigin Origin { get; } = new("Memory");

    public bool SupportsConcurrentReads => true;

    public IReadOnlyList<MetadataFile> Files => _listing.Value;

    /// <summary>Keeps the content when the budget has room for <paramref name="length"/> more bytes; false (nothing read) when not.</summary>
    public bool TryAdd(string relativePath, Stream content, long length)
    {
        if (Interlocked.Add(ref _free, -length) < 0)
        {
            Interlocked.Add(ref _free, length);
            return false;
        }

        using var buffer = new MemoryStream((int)length);
        content.CopyTo(buffer);
        _files[relativePath] = buffer.ToArray();
        return true;
    }

    public string DisplayPath(string relativePath) => Description + ":" + relativePath;

    public Stream OpenRead(string relativePath) => new MemoryStream(_files[relativePath], writable: false);

    public string? ContentId(string relativePath) => null;

    public void Dispose() => _files.Clear();
}
