using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.Snapshots;

/// <summary>
/// A snapshot seen as the folder it was taken from: paths from the manifest, bytes from the blobs. Every
/// reader and the comparer work on it unchanged; two snapshots of one store compare by hash without
/// reading files that are the same.
/// </summary>
internal sealed class SnapshotFileSystem : IMetadataFileSystem
{
    private readonly SnapshotStore _store;
    private readonly Dictionary<string, SnapshotFileEntry> _entries;

    public SnapshotFileSystem(SnapshotStore store, SnapshotManifest manifest)
        : this(store, manifest.Files, $"{manifest.Name} (snapshot in {store.Root})")
    {
        Name = manifest.Name;
    }

    /// <summary>Some files of a snapshot, as the unchanged part of an incremental retrieve.</summary>
    public SnapshotFileSystem(SnapshotStore store, IEnumerable<SnapshotFileEntry> files, string description)
    {
        _store = store;
        _entries = files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        Files = _entries.Values
            .Select(f => new MetadataFile(f.Path, f.Size, null))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        Description = description;
    }

    /// <summary>The snapshot's name when this is a whole snapshot, else null.</summary>
    public string? Name { get; }

    public string Description { get; }

    public SourceOrigin Origin => SourceOrigin.Snapshot;

    public bool SupportsConcurrentReads => true;

    public IReadOnlyList<MetadataFile> Files { get; }

    public string DisplayPath(string relativePath) => $"{Description}: {relativePath}";

    public Stream OpenRead(string relativePath)
    {
        var sha256 = _entries[relativePath].Sha256;
        try
        {
            return _store.OpenBlob(sha256, $"The stored copy of '{relativePath}' in snapshot '{Description}'");
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new IOException($"The stored copy of '{relativePath}' ({_store.BlobPath(sha256)}) is missing from the snapshot store. Run Test-OrgSnapshot.", ex);
        }
    }

    public string? ContentId(string relativePath) => _entries.TryGetValue(relativePath, out var entry) ? entry.Sha256 : null;

    public void Dispose()
    {
    }
}
