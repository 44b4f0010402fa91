using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Hashing;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;

namespace SandboxOps.Engine.Snapshots;

/// <summary>
/// A folder of snapshots: <c>blobs/</c> holds every file once, named by its SHA-256; each snapshot is a
/// folder under <c>snapshots/</c> with a manifest and its seal (the manifest's SHA-256). A snapshot is
/// written under <c>.tmp/</c> and renamed into place last, so it appears whole or not at all.
/// </summary>
public sealed class SnapshotStore
{
    // Gzipped: a manifest of 100,000 components is 20 MB of JSON and 2 MB compressed, and a nightly
    // snapshot of an unchanged org should cost little more than its manifest. `gunzip -c` reads it.
    internal const string ManifestFile = "manifest.json.gz";
    internal const string SealFile = "manifest.seal";
    private const string MarkerFile = "sandboxops-store.json";
    private const string BlobExtension = ".gz";
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(2);
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private SnapshotStore(string root)
    {
        Root = root;
    }

    public string Root { get; }

    /// <summary>Where commands keep what they can compute again (a pipeline's link results): not part of any snapshot, safe to delete.</summary>
    public const string CacheFolder = ".cache";

    internal string BlobsDirectory => Path.Combine(Root, "blobs");

    internal const string SnapshotsFolder = "snapshots";

    internal string SnapshotsDirectory => Path.Combine(Root, SnapshotsFolder);

    internal string TempDirectory => Path.Combine(Root, ".tmp");

    private string LockPath => Path.Combine(Root, "store.lock");

    /// <summary>Opens a store; with <paramref name="create"/>, makes one in a missing or empty folder.</summary>
    public static SnapshotStore Open(string path, bool create)
    {
        var root = Path.GetFullPath(path);
        if (File.Exists(root))
        {
            throw new SnapshotStoreException(FailureKind.InvalidArgument, "StoreIsAFile", $"'{root}' is a file. Give a folder for the snapshot store.");
        }

        try
        {
            var marker = Path.Combine(root, MarkerFile);
            if (!File.Exists(marker))
            {
                if (!create)
                {
                    throw new SnapshotStoreException(FailureKind.NotFound, "StoreNotFound", $"'{root}' is not a snapshot store. Give the folder Export-OrgSnapshot wrote to.");
                }

                if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
                {
                    throw new SnapshotStoreException(FailureKind.InvalidArgument, "NotAStore", $"'{root}' is a folder with other content and not a snapshot store. Give an empty or new folder.");
                }

                Directory.CreateDirectory(root);
                File.WriteAllText(marker, "{ \"store\": \"SandboxOps snapshots\", \"layoutVersion\": 2 }\n");

                // For stores kept in git (-Commit): the lock and work in progress are not history.
                File.WriteAllText(Path.Combine(root, ".gitignore"), "store.lock\n.tmp/\n" + CacheFolder + "/\n");
            }

            var store = new SnapshotStore(root);
            Directory.CreateDirectory(store.BlobsDirectory);
            Directory.CreateDirectory(store.SnapshotsDirectory);
            Directory.CreateDirectory(store.TempDirectory);
            return store;
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new SnapshotStoreException(FailureKind.Denied, "AccessDenied", $"Access to the snapshot store '{root}' was denied. Check its permissions.", ex);
        }
        catch (IOException ex) when (ex is not FileNotFoundException)
        {
            throw new SnapshotStoreException(FailureKind.Unreadable, "StoreUnavailable", $"The snapshot store '{root}' cannot be used: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Every snapshot, newest first, from the manifests alone where they carry their summary. A snapshot whose
    /// manifest cannot be read, or (without a summary) whose parts cannot, is left out: Test-OrgSnapshot reports it.
    /// </summary>
    public IReadOnlyList<OrgSnapshot> List() =>
        Headers().Select(m => m.Summary is null ? WithParts(m) : m).OfType<SnapshotManifest>().Select(m => new OrgSnapshot(Root, m)).ToList();

    /// <summary>
    /// The newest readable snapshot whose manifest matches, with its lists loaded. The test sees the manifest
    /// alone (names, source, description, and which parts it has), so only the match's parts are read.
    /// </summary>
    internal SnapshotManifest? Newest(Func<SnapshotManifest, bool> matches) =>
        Headers().Where(matches).Where(m => SealHolds(m.Name)).Select(WithParts).FirstOrDefault(m => m is not null);

    /// <summary>Every readable manifest as written, newest first, its lists still in their parts.</summary>
    private IEnumerable<SnapshotManifest> Headers() =>
        Directory.EnumerateDirectories(SnapshotsDirectory)
            .Select(directory => TryLoadHeader(Path.GetFileName(directory)))
            .OfType<SnapshotManifest>()
            .OrderByDescending(m => m.Created)
            .ThenByDescending(m => m.Name, StringComparer.Ordinal);

    public SnapshotManifest Load(string name) =>
        TryLoad(name) ?? throw (Directory.Exists(SnapshotDirectory(name)) && TryLoadHeader(name) is not null && !SealHolds(name)
            ? new SnapshotStoreException(FailureKind.Corrupt, "SealBroken", $"The manifest of snapshot '{name}' in '{Root}' does not match its seal: it was changed after the snapshot was taken, so what it lists cannot be trusted. Run Test-OrgSnapshot, and use another snapshot.")
            : new SnapshotStoreException(FailureKind.NotFound, "SnapshotNotFound", $"There is no readable snapshot '{name}' in '{Root}'. List the snapshots with Get-OrgSnapshot."));

    public OrgSnapshot Get(string name)
    {
        return new OrgSnapshot(Root, Load(name));
    }

    /// <summary>A snapshot as a source of metadata, for Get-OrgMetadata and Compare-OrgMetadata.</summary>
    public MetadataSource OpenSource(string name) => MetadataSource.FromFileSystem(new SnapshotFileSystem(this, Load(name)));

    /// <summary>Where a blob is written: <c>blobs/ab/ab12...ef.gz</c>, gzipped.</summary>
    internal string BlobPath(string sha256) => LayoutOneBlobPath(sha256) + BlobExtension;

    /// <summary>
    /// The content of a stored file, decompressed as it is read. A blob written uncompressed (no .gz, by a
    /// layout-1 store) is read as it is.
    /// </summary>
    /// <param name="sha256">The blob.</param>
    /// <param name="what">How a mismatch names it (the file and snapshot it was read for); the blob's path is added.</param>
    internal Stream OpenBlob(string sha256, string? what = null)
    {
        var compressed = BlobPath(sha256);
        try
        {
            return new VerifyingStream(new GZipStream(OpenShared(compressed), CompressionMode.Decompress), sha256, Named(what, compressed));
        }
        catch (FileNotFoundException)
        {
            var plain = LayoutOneBlobPath(sha256);
            if (!File.Exists(plain))
            {
                throw;
            }

            return new VerifyingStream(OpenShared(plain), sha256, Named(what, plain));
        }
    }

    private static string Named(string? what, string blobPath) => what is null ? $"The stored blob {blobPath}" : $"{what} (blob {blobPath})";

    internal string SnapshotDirectory(string name) => Path.Combine(SnapshotsDirectory, CheckName(name));

    internal StoreLock LockShared(CancellationToken cancellation) => StoreLock.Shared(LockPath, LockWait, cancellation);

    internal StoreLock LockExclusive(CancellationToken cancellation) => StoreLock.Exclusive(LockPath, LockWait, cancellation);

    /// <summary>
    /// After a failed export: collects the blobs it stored that no snapshot lists, if no other command holds the
    /// store right now (another export may be using the same new blobs); otherwise the next Remove-OrgSnapshot does.
    /// </summary>
    internal void CollectIfIdle()
    {
        try
        {
            using var idle = StoreLock.Exclusive(LockPath, TimeSpan.Zero, CancellationToken.None);
            CollectGarbage();
        }
        catch (SnapshotStoreException ex) when (ex.Reason == "StoreBusy")
        {
            // Busy: the blobs stay until a Remove-OrgSnapshot collects them.
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A store that cannot be cleaned now is cleaned by the next Remove-OrgSnapshot; the export's own error matters more.
        }
    }

    /// <summary>The SHA-256 a blob's file name gives, whichever layout wrote it.</summary>
    internal static string BlobHash(string blobPath) => Path.GetFileName(blobPath).Replace(BlobExtension, string.Empty);

    /// <summary>
    /// Stores a file's content once per store (written under .tmp, then renamed to its hash: a concurrent
    /// writer of the same content wins harmlessly), gzipped: XML shrinks about tenfold, and writing a tenth of
    /// the bytes made a first snapshot faster than copying the folder. Not flushed here: see <see cref="Publish"/>.
    /// </summary>
    internal string PutBlob(byte[] buffer, int length)
    {
        string hash;
        using (var sha = SHA256.Create())
        {
            hash = Hex(sha.ComputeHash(buffer, 0, length));
        }

        var target = BlobPath(hash);
        if (File.Exists(target))
        {
            return hash;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = Path.Combine(TempDirectory, Guid.NewGuid().ToString("N") + ".blob");
        using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(buffer, 0, length);
            }

            output.Flush(flushToDisk: !FileSystemSync.SyncsInBatch); // else Publish flushes all blobs at once
        }

        try
        {
            File.Move(temp, target);
        }
        catch (IOException) when (File.Exists(target))
        {
            File.Delete(temp); // another export stored the same content first
        }

        return hash;
    }

    /// <summary>True when the store holds the content, in either layout.</summary>
    internal bool HasBlob(string sha256) => File.Exists(BlobPath(sha256)) || File.Exists(LayoutOneBlobPath(sha256));

    /// <summary>Where a layout-1 store wrote a blob: uncompressed, without the .gz.</summary>
    private string LayoutOneBlobPath(string sha256) => Path.Combine(BlobsDirectory, sha256.Substring(0, 2), sha256);

    private static FileStream OpenShared(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);

    /// <summary>
    /// Makes the blobs durable, then writes the manifest and its seal under .tmp and renames the folder
    /// into place: the snapshot appears whole or not at all, and never before the content it lists.
    /// </summary>
    internal void Publish(SnapshotManifest manifest)
    {
        var written = new SnapshotManifest
        {
            FormatVersion = SnapshotManifest.CurrentFormatVersion,
            Name = manifest.Name,
            Created = manifest.Created,
            ModuleVersion = manifest.ModuleVersion,
            Description = manifest.Description,
            Source = manifest.Source,
            FileParts = ManifestParts.Store(this, manifest.Files, f => f.Path, Json),
            ComponentParts = ManifestParts.Store(this, manifest.Components, c => c.Type + "/" + c.FullName, Json),
            OrgMemberParts = manifest.OrgMembers is null ? null : ManifestParts.Store(this, manifest.OrgMembers, m => m.Type + "/" + m.FullName, Json),
            OrgTypes = manifest.OrgTypes,
            Summary = SnapshotSummary.Of(manifest),
        };
        FileSystemSync.SyncFileSystemOf(Root);
        var target = SnapshotDirectory(manifest.Name);
        using var staged = StagedOutput.Under(TempDirectory, "snapshot-");
        var staging = staged.Path;
        Directory.CreateDirectory(staging);
        try
        {
            var bytes = Compress(JsonSerializer.SerializeToUtf8Bytes(written, Json));
            WriteDurably(Path.Combine(staging, ManifestFile), bytes);
            WriteDurably(Path.Combine(staging, SealFile), Encoding.ASCII.GetBytes(Sha256(bytes) + "\n"));
            if (Directory.Exists(target))
            {
                throw new SnapshotStoreException(FailureKind.AlreadyExists, "NameExists", $"A snapshot named '{manifest.Name}' already exists in '{Root}'. Choose another -Name.");
            }

            staged.MoveTo(target);
        }
        catch (IOException ex) when (Directory.Exists(target))
        {
            throw new SnapshotStoreException(FailureKind.AlreadyExists, "NameExists", $"A snapshot named '{manifest.Name}' already exists in '{Root}'. Choose another -Name.", ex);
        }
        catch (IOException ex) when (Diagnostics.DiskFull.Is(ex))
        {
            throw new SnapshotStoreException(FailureKind.DiskFull, "DiskFull", $"The disk of the snapshot store '{Root}' filled up while the manifest of '{manifest.Name}' was written. Free space or choose another -Store; no snapshot was added.", ex);
        }
    }

    /// <summary>Removes a snapshot: renamed away first (it disappears at once), then deleted. Its blobs stay until <see cref="CollectGarbage"/>.</summary>
    internal void Remove(string name)
    {
        var directory = SnapshotDirectory(name);
        if (!Directory.Exists(directory))
        {
            throw new SnapshotStoreException(FailureKind.NotFound, "SnapshotNotFound", $"There is no snapshot '{name}' in '{Root}'.");
        }

        var doomed = Path.Combine(TempDirectory, "removed-" + Guid.NewGuid().ToString("N"));
        Directory.Move(directory, doomed);
        Directory.Delete(doomed, recursive: true);
    }

    /// <summary>Deletes blobs no snapshot lists and leftovers of interrupted commands. Call under the exclusive lock.</summary>
    internal (int Blobs, long Bytes) CollectGarbage()
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in Directory.EnumerateDirectories(SnapshotsDirectory))
        {
            var manifest = TryLoad(Path.GetFileName(directory));
            if (manifest is null)
            {
                return (0, 0); // an unreadable manifest might still reference anything: collect nothing
            }

            referenced.UnionWith(manifest.Files.Select(f => f.Sha256));
            referenced.UnionWith(manifest.FileParts ?? new List<string>());
            referenced.UnionWith(manifest.ComponentParts ?? new List<string>());
            referenced.UnionWith(manifest.OrgMemberParts ?? new List<string>());
        }

        var blobs = 0;
        long bytes = 0;
        foreach (var blob in Directory.EnumerateFiles(BlobsDirectory, "*", SearchOption.AllDirectories))
        {
            if (!referenced.Contains(BlobHash(blob)))
            {
                bytes += new FileInfo(blob).Length;
                File.Delete(blob);
                blobs++;
            }
        }

        foreach (var leftover in Directory.EnumerateFileSystemEntries(TempDirectory))
        {
            if (Directory.Exists(leftover))
            {
                Directory.Delete(leftover, recursive: true);
            }
            else
            {
                File.Delete(leftover);
            }
        }

        return (blobs, bytes);
    }

    internal SnapshotManifest? TryLoad(string name) => SealHolds(name) ? TryLoadUnsealed(name) : null;

    /// <summary>The manifest whether or not its seal holds: for Test-OrgSnapshot, which reports the seal itself and still checks the files.</summary>
    internal SnapshotManifest? TryLoadUnsealed(string name) => TryLoadHeader(name) is { } header ? WithParts(header) : null;

    /// <summary>
    /// Whether the manifest is the one its seal was written for: a manifest re-pointed at other blobs after the
    /// snapshot was taken is not loaded for reading, comparing or restoring (it still lists, from its header).
    /// </summary>
    internal bool SealHolds(string name)
    {
        var directory = SnapshotDirectory(name);
        var manifest = Path.Combine(directory, ManifestFile);
        var seal = Path.Combine(directory, SealFile);
        if (!File.Exists(manifest) || !File.Exists(seal))
        {
            return false;
        }

        return string.Equals(File.ReadAllText(seal).Trim(), Sha256(File.ReadAllBytes(manifest)), StringComparison.OrdinalIgnoreCase);
    }

    private SnapshotManifest? TryLoadHeader(string name)
    {
        try
        {
            var path = Path.Combine(SnapshotDirectory(name), ManifestFile);
            if (!File.Exists(path))
            {
                return null;
            }

            SnapshotManifest? manifest;
            using (var input = new GZipStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read), CompressionMode.Decompress))
            {
                manifest = JsonSerializer.Deserialize<SnapshotManifest>(input, Json);
            }

            return manifest;
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>A format-2 manifest with its lists read from their parts; null when a part is missing or damaged.</summary>
    private SnapshotManifest? WithParts(SnapshotManifest manifest)
    {
        if (manifest.FileParts is not null)
        {
            var files = ManifestParts.Load<SnapshotFileEntry>(this, manifest.FileParts, Json);
            if (files is null)
            {
                return null;
            }

            manifest.Files = files;
        }

        if (manifest.OrgMemberParts is not null)
        {
            manifest.OrgMembers = ManifestParts.Load<SnapshotOrgMember>(this, manifest.OrgMemberParts, Json);
            if (manifest.OrgMembers is null)
            {
                return null;
            }
        }

        if (manifest.ComponentParts is not null)
        {
            var components = ManifestParts.Load<SnapshotComponentEntry>(this, manifest.ComponentParts, Json);
            if (components is null)
            {
                return null;
            }

            manifest.Components = components;
        }

        return manifest;
    }

    private static byte[] Compress(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes, 0, bytes.Length);
        }

        return output.ToArray();
    }

    internal static string Sha256(byte[] bytes)
    {
        using var sha = SHA256.Create();
        return Hex(sha.ComputeHash(bytes));
    }

    internal static string Hex(byte[] hash) => new Digest(hash, 0).ToHex();

    private static void WriteDurably(string path, byte[] bytes)
    {
        using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        output.Write(bytes, 0, bytes.Length);
        output.Flush(flushToDisk: true);
    }

    private static string CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains('/') || name.Contains('\\') || name.StartsWith(".", StringComparison.Ordinal))
        {
            throw new SnapshotStoreException(FailureKind.InvalidArgument, "InvalidName", $"'{name}' cannot name a snapshot: use letters, digits, '-', '_' and '.', not starting with '.'.");
        }

        return name;
    }
}
