using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.Extensions.Logging;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;

namespace SandboxOps.Engine.Snapshots;

/// <summary>
/// Takes a snapshot: stores every file of the source once (by content) and records every component with
/// its canonical hash. Components whose files are byte-identical to the latest snapshot of the same source
/// take their hashes from it instead of being parsed again, so a nightly snapshot of an org that barely
/// changed costs little time and little disk.
/// </summary>
public sealed class SnapshotExporter
{
    private readonly EngineContext _context;
    private readonly IOperationObserver _observer;
    private readonly ILogger _logger;
    private readonly MetadataReader _reader;

    public SnapshotExporter(EngineContext context)
    {
        _context = context;
        _observer = context.Observer;
        _logger = context.Logger("SandboxOps.Snapshot");
        _reader = new MetadataReader(context);
    }

    public OrgSnapshot Export(SnapshotStore store, MetadataSource source, string name, string? description, string moduleVersion, ReadOptions options) =>
        Export(store, source, name, description, moduleVersion, options, _reader.Index(source)).Snapshot;

    /// <summary>
    /// Exports a source listed before, and says what it could not read: a pipeline's drift reads each environment
    /// once, as a snapshot, and compares what differs from the same listing.
    /// </summary>
    internal ExportedSource Export(SnapshotStore store, MetadataSource source, string name, string? description, string moduleVersion, ReadOptions options, SourceIndex index)
    {
        var cancellationToken = _context.Cancellation;
        var clock = Stopwatch.StartNew();
        if (PathContainment.SourceFolderHolding(store.Root, source.FileSystem) is { } sourceFolder)
        {
            throw new SnapshotStoreException(FailureKind.InvalidArgument, "StoreInsideSource", $"The store '{store.Root}' is inside the source '{sourceFolder}': every snapshot would hold the store's own files. Keep the store outside the folder it snapshots; nothing was written.");
        }

        var storeLock = store.LockShared(cancellationToken);
        try
        {
            if (Directory.Exists(store.SnapshotDirectory(name)))
            {
                throw new SnapshotStoreException(FailureKind.AlreadyExists, "NameExists", $"A snapshot named '{name}' already exists in '{store.Root}'. Choose another -Name.");
            }

            return ExportLocked(store, index, name, description, moduleVersion, options, clock, cancellationToken);
        }
        catch
        {
            // A failed or stopped export leaves the store as it was: the blobs it added and no snapshot lists go.
            storeLock.Dispose();
            store.CollectIfIdle();
            throw;
        }
        finally
        {
            storeLock.Dispose();
        }
    }

    private ExportedSource ExportLocked(SnapshotStore store, SourceIndex index, string name, string? description, string moduleVersion, ReadOptions options, Stopwatch clock, CancellationToken cancellationToken)
    {
        var source = index.Source;
        var previous = Previous(store, source);
        var folder = source.FileSystem.Origin.Folder is not null; // only a folder's file times mean anything
        var files = StoreFiles(store, source, folder, folder ? UnchangedSince(previous) : _ => null, cancellationToken);
        var reader = _reader.ReaderFor(index, hashesOnly: true);
        var components = Components(index, reader, files, previous, options, cancellationToken, out var reused);
        var org = source.FileSystem.Origin.Org;
        var manifest = new SnapshotManifest
        {
            Name = name,
            Created = DateTime.UtcNow,
            ModuleVersion = moduleVersion,
            Description = description,
            Source = SourceInfo(source),
            Files = files.Values.OrderBy(f => f.Path, StringComparer.Ordinal).ToList(),
            Components = components,
            OrgMembers = org?.Members
                .Select(c => new SnapshotOrgMember { Type = c.Type, FullName = c.FullName, FileName = c.FileName, LastModifiedDate = c.LastModifiedDate })
                .ToList(),
            OrgTypes = org?.ListedTypes.ToList(),
        };
        store.Publish(manifest);
        SnapshotLog.Exported(_logger, name, manifest.Files.Count, components.Count, reused, clock.ElapsedMilliseconds);
        return new ExportedSource(new OrgSnapshot(store.Root, manifest), manifest.Components, reader.Unreadable.All);
    }

    /// <summary>Every file of the source into the blob store, on all cores where the source allows.</summary>
    private Dictionary<string, SnapshotFileEntry> StoreFiles(SnapshotStore store, MetadataSource source, bool recordTimes, Func<MetadataFile, SnapshotFileEntry?> unchanged, CancellationToken cancellationToken)
    {
        var files = source.FileSystem.Files;
        var degree = source.FileSystem.SupportsConcurrentReads ? Environment.ProcessorCount : 1;
        var activity = "Storing the files of " + source.Description;
        var stored = new Dictionary<string, SnapshotFileEntry>(StringComparer.Ordinal);
        var done = 0;
        foreach (var entry in OrderedParallel.Map(files, file => unchanged(file) ?? StoreFile(store, source.FileSystem, file, recordTimes), degree, cancellationToken))
        {
            _observer.ReportProgress(new OperationProgress(activity, entry?.Path ?? string.Empty, done++, files.Count));
            if (entry is not null)
            {
                stored[entry.Path] = entry;
            }
        }

        return stored;
    }

    /// <summary>
    /// A folder's files that the previous snapshot of it recorded with the same size and last write time, as
    /// that snapshot recorded them (git's index makes the same bet). A time within two seconds of that snapshot
    /// is not trusted: the file may have been written again in the same tick.
    /// </summary>
    private static Func<MetadataFile, SnapshotFileEntry?> UnchangedSince(SnapshotManifest? previous)
    {
        if (previous is null)
        {
            return _ => null;
        }

        var trustedBefore = previous.Created.AddSeconds(-2);
        var earlier = previous.Files.Where(f => f.Modified is { } modified && modified < trustedBefore).ToDictionary(f => f.Path, StringComparer.Ordinal);
        return file => earlier.TryGetValue(file.Path, out var entry) && entry.Size == file.Size && file.LastModified is { } modified && modified.ToUniversalTime() == entry.Modified
            ? entry
            : null;
    }

    private SnapshotFileEntry? StoreFile(SnapshotStore store, IMetadataFileSystem files, MetadataFile file, bool recordTime)
    {
        // A file the source took from this store (the unchanged part of an incremental retrieve) is there already.
        if (files.ContentId(file.Path) is { } id && IsSha256(id) && store.HasBlob(id))
        {
            return new SnapshotFileEntry { Path = file.Path, Sha256 = id, Size = file.Size };
        }

        var buffer = WholeFile.RentBuffer();
        try
        {
            int length;
            try
            {
                length = WholeFile.Read(files, file, ref buffer);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                var display = files.DisplayPath(file.Path);
                _observer.ReportProblem(new MetadataProblem(ProblemSeverity.Error, ProblemCode.UnreadableFile, display, $"Cannot read {display}: {ex.Message} It is not in the snapshot."));
                return null;
            }

            try
            {
                return new SnapshotFileEntry { Path = file.Path, Sha256 = store.PutBlob(buffer, length), Size = length, Modified = recordTime ? file.LastModified?.ToUniversalTime() : null };
            }
            catch (IOException ex) when (DiskFull.Is(ex))
            {
                throw new SnapshotStoreException(FailureKind.DiskFull, "DiskFull", $"The disk of the snapshot store '{store.Root}' is full. Free space or choose another -Store; no snapshot was added.", ex);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new SnapshotStoreException(FailureKind.Denied, "StoreNotWritable", $"Cannot write to the snapshot store '{store.Root}': {ex.Message} Check its permissions and free space; no snapshot was added.", ex);
            }
        }
        finally
        {
            WholeFile.ReturnBuffer(buffer);
        }
    }

    private static bool IsSha256(string contentId) => contentId.Length == 64 && contentId.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));


    /// <summary>The newest snapshot of the same source and format, whose component hashes can be reused.</summary>
    private static SnapshotManifest? Previous(SnapshotStore store, MetadataSource source) =>
        store.Newest(m => m.Source.Description == source.Description && m.Source.Format == source.Format.ToString());

    private List<SnapshotComponentEntry> Components(SourceIndex index, SourceReader reader, Dictionary<string, SnapshotFileEntry> files, SnapshotManifest? previous, ReadOptions options, CancellationToken cancellationToken, out int reused)
    {
        var source = index.Source;
        var earlier = Reusable(previous);
        var units = index.Units.Where(u => options.Selects(u) && u.Files.All(f => files.ContainsKey(f.Path))).ToList();
        var degree = source.FileSystem.SupportsConcurrentReads ? Environment.ProcessorCount : 1;
        var activity = "Recording the components of " + source.Description;
        var components = new List<SnapshotComponentEntry>();
        var done = 0;
        reused = 0;
        foreach (var (contents, fromEarlier) in OrderedParallel.Map(units, unit => Read(reader, unit, files, earlier, options), degree, cancellationToken))
        {
            _observer.ReportProgress(new OperationProgress(activity, units[done].TypeName + " " + units[done].FullName, done++, units.Count));
            reused += fromEarlier ? contents.Count : 0;
            components.AddRange(reader.SelectedAndUnique(contents, options).Select(c => Entry(c.Component)));
        }

        return components;
    }

    /// <summary>A unit's components: from the earlier snapshot when its files are the same bytes, else parsed.</summary>
    private static (IReadOnlyList<ComponentContent> Contents, bool Reused) Read(SourceReader reader, ReadUnit unit, Dictionary<string, SnapshotFileEntry> files, Dictionary<string, List<SnapshotComponentEntry>> earlier, ReadOptions options)
    {
        if (earlier.TryGetValue(FileSetKey(unit.Files.Select(f => files[f.Path])), out var entries))
        {
            var contents = entries.Select(e => new ComponentContent(
                new MetadataComponent(new ComponentKey(e.Type, e.FullName), e.Parent, string.Empty, MetadataFormat.MetadataApi, e.Files, e.Size, e.ContentHash, null),
                Array.Empty<ContentPart>())).ToList();
            return (contents, true);
        }

        return (reader.ReadUnit(unit, options).Select(c => new ComponentContent(c.Component, Array.Empty<ContentPart>())).ToList(), false);
    }

    /// <summary>The earlier snapshot's components, grouped by the exact set of files (paths and hashes) they came from.</summary>
    private static Dictionary<string, List<SnapshotComponentEntry>> Reusable(SnapshotManifest? previous)
    {
        var byKey = new Dictionary<string, List<SnapshotComponentEntry>>(StringComparer.Ordinal);
        if (previous is null)
        {
            return byKey;
        }

        var hashes = previous.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        foreach (var component in previous.Components)
        {
            if (!component.Files.All(hashes.ContainsKey))
            {
                continue;
            }

            var key = FileSetKey(component.Files.Select(p => hashes[p]));
            if (!byKey.TryGetValue(key, out var list))
            {
                byKey[key] = list = new List<SnapshotComponentEntry>();
            }

            list.Add(component);
        }

        return byKey;
    }

    private static string FileSetKey(IEnumerable<SnapshotFileEntry> files) =>
        string.Join("\n", files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => f.Path + "\t" + f.Sha256));

    private static SnapshotComponentEntry Entry(MetadataComponent component) => new()
    {
        Type = component.Type,
        FullName = component.FullName,
        Parent = component.Parent,
        Files = component.Files.ToList(),
        ContentHash = component.ContentHash,
        Size = component.Size,
    };

    /// <summary>What the manifest says about the source; for an org, which org it was.</summary>
    private static SnapshotSourceInfo SourceInfo(MetadataSource source)
    {
        var origin = source.FileSystem.Origin;
        var info = new SnapshotSourceInfo { Description = source.Description, Format = source.Format.ToString(), Kind = origin.Kind };
        if (origin.Org is { } org)
        {
            info.PermissionsComplete = org.PermissionsComplete;
            info.OrgId = org.OrgId;
            info.Alias = org.Alias;
            info.InstanceUrl = org.InstanceUrl;
            info.OrgType = org.OrgType;
            info.ApiVersion = org.ApiVersion;
        }

        return info;
    }
}

/// <summary>What an export of a listed source gives back: the snapshot, its components (hashes included) and what it could not read.</summary>
internal sealed class ExportedSource
{
    public ExportedSource(OrgSnapshot snapshot, IReadOnlyList<SnapshotComponentEntry> components, IReadOnlyList<UnreadableComponent> unreadable)
    {
        Snapshot = snapshot;
        Components = components;
        Unreadable = unreadable;
    }

    public OrgSnapshot Snapshot { get; }

    public IReadOnlyList<SnapshotComponentEntry> Components { get; }

    public IReadOnlyList<UnreadableComponent> Unreadable { get; }
}
