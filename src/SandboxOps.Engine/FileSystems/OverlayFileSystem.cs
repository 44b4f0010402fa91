using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.FileSystems;

/// <summary>
/// Two sources seen as one: every file of the upper one, and the files of the lower one the upper does
/// not have. An incremental retrieve is read this way (what was retrieved over what the last snapshot
/// already held), so the unchanged part of an org is never copied out of the snapshot store.
/// </summary>
public sealed class OverlayFileSystem : IMetadataFileSystem
{
    private readonly IMetadataFileSystem _upper;
    private readonly IMetadataFileSystem _lower;
    private readonly Lazy<(IReadOnlyList<MetadataFile> Files, HashSet<string> Upper)> _listing;

    /// <summary>Reads from both; disposing disposes both.</summary>
    public OverlayFileSystem(IMetadataFileSystem upper, IMetadataFileSystem lower)
    {
        _upper = upper;
        _lower = lower;
        _listing = new Lazy<(IReadOnlyList<MetadataFile>, HashSet<string>)>(List);
    }

    public string Description => _upper.Description;

    public SourceOrigin Origin => _upper.Origin;

    public bool SupportsConcurrentReads => _upper.SupportsConcurrentReads && _lower.SupportsConcurrentReads;

    public IReadOnlyList<MetadataFile> Files => _listing.Value.Files;

    public string DisplayPath(string relativePath) => Owner(relativePath).DisplayPath(relativePath);

    public Stream OpenRead(string relativePath) => Owner(relativePath).OpenRead(relativePath);

    public string? ContentId(string relativePath) => Owner(relativePath).ContentId(relativePath);

    public void Dispose()
    {
        _upper.Dispose();
        _lower.Dispose();
    }

    private IMetadataFileSystem Owner(string relativePath) => _listing.Value.Upper.Contains(relativePath) ? _upper : _lower;

    private (IReadOnlyList<MetadataFile>, HashSet<string>) List()
    {
        var upper = new HashSet<string>(_upper.Files.Select(f => f.Path), StringComparer.Ordinal);
        var files = _upper.Files.Concat(_lower.Files.Where(f => !upper.Contains(f.Path))).ToList();
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return (files, upper);
    }
}
