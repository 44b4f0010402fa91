using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Packaging;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Registry;

namespace SandboxOps.Engine.Salesforce;

/// <summary>What to retrieve from an org and how.</summary>
public sealed class RetrieveOptions
{
    public RetrieveOptions(IEnumerable<string>? types = null, int parallelism = 3, int maxFilesPerChunk = 10000, RetrieveBaseline? baseline = null)
    {
        Types = types?.ToList();
        Parallelism = Math.Max(1, parallelism);
        MaxFilesPerChunk = Math.Max(1, maxFilesPerChunk);
        Baseline = baseline;
    }

    /// <summary>
    /// What a read with this filter needs from the org: the filter's types, a child type (CustomField) as its
    /// parent (CustomObject), since the Metadata API retrieves children inside their parent's file.
    /// </summary>
    public static RetrieveOptions For(ReadOptions filter, int parallelism = 3, RetrieveBaseline? baseline = null) => new(
        filter.Types?.Select(t => MetadataTypeRegistry.Default.FindParentOfChild(t)?.Name ?? t).Distinct(StringComparer.OrdinalIgnoreCase),
        parallelism,
        baseline: baseline);

    /// <summary>
    /// An earlier snapshot of the org: unchanged components are taken from it (an incremental retrieve).
    /// The folder receives only what was retrieved; <see cref="RetrieveOutcome.ReusedFiles"/> lists the rest.
    /// </summary>
    public RetrieveBaseline? Baseline { get; }

    /// <summary>Only these types (null for every type the org describes).</summary>
    public IReadOnlyList<string>? Types { get; }

    /// <summary>How many retrieves run at once.</summary>
    public int Parallelism { get; }

    /// <summary>The most files one retrieve may return (Salesforce's limit is 10,000).</summary>
    public int MaxFilesPerChunk { get; }

    /// <summary>A retrieve of fewer files is not split to fill the parallel slots: each chunk costs its own round trips.</summary>
    internal const int SmallestChunk = 50;

    /// <summary>A large org (this many chunks of <see cref="LargeChunk"/> files or more) is spread over at least this many chunks.</summary>
    internal const int SpreadOver = 8;

    /// <summary>Files in a chunk of a large org, below which it is not spread further.</summary>
    internal const int LargeChunk = 500;
}

/// <summary>What a retrieve brought: the folder, and the components and chunks it took.</summary>
public sealed class RetrieveOutcome
{
    public RetrieveOutcome(string folder, int componentCount, int chunkCount, IReadOnlyList<Snapshots.SnapshotFileEntry> reusedFiles, int reusedCount, IReadOnlyList<string> messages, IReadOnlyList<OrgComponentInfo> listing, IReadOnlyList<string> listedTypes, bool permissionsComplete)
    {
        ListedTypes = listedTypes;
        ReusedFiles = reusedFiles;
        PermissionsComplete = permissionsComplete;
        Folder = folder;
        ComponentCount = componentCount;
        ChunkCount = chunkCount;
        ReusedCount = reusedCount;
        Messages = messages;
        Listing = listing;
    }

    /// <summary>
    /// The baseline snapshot's files of the components taken from it. They are not written into
    /// <see cref="Folder"/>: <see cref="RetrievedOrgFileSystem"/> reads them from the store.
    /// </summary>
    public IReadOnlyList<Snapshots.SnapshotFileEntry> ReusedFiles { get; }

    /// <summary>Components taken unchanged from the baseline snapshot instead of being retrieved.</summary>
    public int ReusedCount { get; }

    /// <summary>True when every type was retrieved, so profiles and permission sets came with all the components they refer to.</summary>
    public bool PermissionsComplete { get; }

    /// <summary>Every member as listMetadata gave it (with lastModifiedDate), for the snapshot that records this retrieve.</summary>
    public IReadOnlyList<OrgComponentInfo> Listing { get; }

    /// <summary>The types listed (all the org describes, or those selected), whether or not they had members.</summary>
    public IReadOnlyList<string> ListedTypes { get; }

    public string Folder { get; }

    public int ComponentCount { get; }

    public int ChunkCount { get; }

    /// <summary>Per-file problems Salesforce reported without failing the retrieve.</summary>
    public IReadOnlyList<string> Messages { get; }
}

/// <summary>
/// Retrieves an org into a Metadata API folder: list every type (<see cref="OrgListing"/>), split the members into chunks under the file limit, retrieve several chunks at
/// once, split a chunk again when Salesforce answers LIMIT_EXCEEDED, and unzip each into one folder
/// written aside and moved into place when all succeeded.
/// </summary>
public sealed class OrgRetriever
{
    private readonly EngineContext _context;
    private readonly IOperationObserver _observer;
    private readonly ILogger _logger;

    public OrgRetriever(EngineContext context)
    {
        _context = context;
        _observer = context.Observer;
        _logger = context.Logger("SandboxOps.Retrieve");
    }

    public Task<RetrieveOutcome> RetrieveAsync(OrgConnection org, string destination, RetrieveOptions options) =>
        RetrieveAsync(org, destination, options, memory: null);

    /// <param name="org">The org.</param>
    /// <param name="destination">A new or empty folder.</param>
    /// <param name="options">What to retrieve and how.</param>
    /// <param name="memory">Where retrieved files go instead of the folder while its budget lasts (profiles, permission sets and package.xml always go to the folder).</param>
    internal async Task<RetrieveOutcome> RetrieveAsync(OrgConnection org, string destination, RetrieveOptions options, InMemoryFileSystem? memory)
    {
        var cancellation = _context.Cancellation;
        var target = Path.GetFullPath(destination);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new SalesforceException("DestinationNotEmpty", $"'{target}' is not empty. Give a new or empty folder for the retrieve.");
        }

        var api = org.MetadataApi(_logger);
        var listing = await OrgListing.ListAsync(api, _observer, org.Name, options, cancellation).ConfigureAwait(false);
        var members = listing.Members.Select(c => new ComponentKey(c.Type, c.FullName)).ToList();
        var reused = Reusable(listing.Members, options.Baseline);
        var probed = new HashSet<ComponentKey>(listing.Probed);
        var retrieved = members.Where(m => !reused.ContainsKey(m) && !probed.Contains(m)).ToList();
        var chunks = Chunk(retrieved, listing.Described, options);
        if (probed.Count > 0)
        {
            chunks.Add(probed.ToList()); // small files, and no permissions refer to them: one chunk of their own
        }

        SalesforceLog.Planned(_logger, retrieved.Count, chunks.Count, options.Parallelism);

        using var staged = StagedOutput.Beside(target);
        var staging = new Staging(staged.Path, memory, listing.Probed);
        var done = 0;
        var activity = $"Retrieving {retrieved.Count} components of {org.Name}";
        using var slots = new SemaphoreSlim(options.Parallelism);
        var work = chunks.Select(async chunk =>
        {
            await slots.WaitAsync(cancellation).ConfigureAwait(false);
            try
            {
                await RetrieveChunkAsync(api, chunk, staging, cancellation).ConfigureAwait(false);
                _observer.ReportProgress(new OperationProgress(activity, $"{Interlocked.Increment(ref done)} of {chunks.Count} chunks", done, chunks.Count));
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        await Task.WhenAll(work).ConfigureAwait(false);

        staging.Pieces.WriteMerged(staging.Folder, cancellation);
        var notFound = new HashSet<ComponentKey>(staging.NotFound);
        members.RemoveAll(notFound.Contains);
        listing.Members.RemoveAll(m => notFound.Contains(new ComponentKey(m.Type, m.FullName)));
        File.WriteAllText(Path.Combine(staging.Folder, "package.xml"), PackageManifest.Write(members, org.ApiVersion), new UTF8Encoding(false));
        staged.MoveTo(target);
        var reusedFiles = reused.Values.SelectMany(f => f).GroupBy(f => f.Path, StringComparer.Ordinal).Select(g => g.First()).ToList();
        return new RetrieveOutcome(target, members.Count, chunks.Count, reusedFiles, reused.Count, staging.Messages.OrderBy(m => m, StringComparer.Ordinal).ToList(), listing.Members, listing.ListedTypes, permissionsComplete: options.Types is null);
    }

    /// <summary>
    /// The components an incremental retrieve takes from the baseline: unchanged since it was taken.
    /// When a profile or permission set changed, nothing is taken: a retrieved profile holds only the
    /// permissions about components of the same request, so it must come with all of them.
    /// </summary>
    private static Dictionary<ComponentKey, IReadOnlyList<Snapshots.SnapshotFileEntry>> Reusable(List<OrgComponentInfo> listing, RetrieveBaseline? baseline)
    {
        var reusable = new Dictionary<ComponentKey, IReadOnlyList<Snapshots.SnapshotFileEntry>>();
        if (baseline is null)
        {
            return reusable;
        }

        foreach (var listed in listing)
        {
            var key = new ComponentKey(listed.Type, listed.FullName);
            var files = baseline.Unchanged(listed);
            if (files is null && PermissionPieces.IsPermissions(key))
            {
                return new Dictionary<ComponentKey, IReadOnlyList<Snapshots.SnapshotFileEntry>>();
            }

            if (files is not null)
            {
                reusable[key] = files;
            }
        }

        return reusable;
    }

    /// <summary>
    /// Members in chunks of about equal estimated file count (two for types with a meta file), each with its
    /// share of every type: as few chunks as the file limit allows, but at least one per parallel slot, so a
    /// small incremental retrieve uses every slot at once, and at least <see cref="RetrieveOptions.SpreadOver"/>
    /// for a large org, so that slots stay busy while the server builds zips that take different times.
    /// </summary>
    internal static List<List<ComponentKey>> Chunk(List<ComponentKey> all, IReadOnlyList<MetadataTypeInfo> types, RetrieveOptions options)
    {
        // Profiles and permission sets ride along in every chunk (see PermissionPieces).
        var permissions = all.Where(PermissionPieces.IsPermissions).ToList();
        var members = all.Where(m => !PermissionPieces.IsPermissions(m)).ToList();
        var withMeta = new HashSet<string>(types.Where(t => t.MetaFile || t.InFolder).Select(t => t.XmlName), StringComparer.Ordinal);
        int Cost(ComponentKey member) => withMeta.Contains(member.Type) ? 2 : 1;
        var estimated = members.Sum(Cost);
        var capacity = Math.Max(1, options.MaxFilesPerChunk - permissions.Count);
        var count = Math.Max(
            Divide(estimated, capacity),
            Math.Max(
                Math.Min(options.Parallelism, Divide(estimated, RetrieveOptions.SmallestChunk)),
                estimated >= RetrieveOptions.SpreadOver * RetrieveOptions.LargeChunk ? RetrieveOptions.SpreadOver : 1));
        // Each member goes to the chunk with the fewest files so far: the members come sorted by type, so every
        // chunk takes its share of every type, and one object file can carry hundreds of fields for the server
        // to put in the zip where a class file carries one class.
        var chunks = Enumerable.Range(0, count).Select(_ => new List<ComponentKey>()).ToList();
        var files = new List<int>(new int[count]);
        foreach (var member in members)
        {
            var lightest = files.IndexOf(files.Min());
            if (files[lightest] > 0 && files[lightest] + Cost(member) > capacity)
            {
                chunks.Add(new List<ComponentKey>());
                files.Add(0);
                lightest = chunks.Count - 1;
            }

            chunks[lightest].Add(member);
            files[lightest] += Cost(member);
        }

        chunks.RemoveAll(chunk => chunk.Count == 0);
        if (chunks.Count == 0 && permissions.Count > 0)
        {
            chunks.Add(new List<ComponentKey>());
        }

        chunks.ForEach(chunk => chunk.AddRange(permissions));
        return chunks;
    }

    private static int Divide(int files, int per) => (files + per - 1) / per;

    /// <summary>Retrieves one chunk into the staging folder; on LIMIT_EXCEEDED, its two halves instead.</summary>
    private async Task RetrieveChunkAsync(MetadataApiClient api, List<ComponentKey> chunk, Staging staging, CancellationToken cancellation)
    {
        RetrieveStatus status;
        try
        {
            status = await api.RetrieveAsync(chunk, cancellation).ConfigureAwait(false);
        }
        catch (SalesforceException ex) when (ex.Code == "LIMIT_EXCEEDED" && chunk.Count(m => !PermissionPieces.IsPermissions(m)) > 1)
        {
            var permissions = chunk.Where(PermissionPieces.IsPermissions).ToList();
            var rest = chunk.Where(m => !PermissionPieces.IsPermissions(m)).ToList();
            var half = rest.Count / 2;
            SalesforceLog.Split(_logger, chunk.Count, half);
            await RetrieveChunkAsync(api, rest.Take(half).Concat(permissions).ToList(), staging, cancellation).ConfigureAwait(false);
            await RetrieveChunkAsync(api, rest.Skip(half).Concat(permissions).ToList(), staging, cancellation).ConfigureAwait(false);
            return;
        }

        foreach (var message in status.Messages)
        {
            if (ProbeNotFound(message, staging.Probed) is { } missing)
            {
                staging.NotFound.Add(missing);
            }
            else
            {
                staging.Messages.Add(message);
            }
        }

        Extract(status.ZipFile!, staging);
    }

    /// <summary>The member of "Entity of type 'StandardValueSet' named 'X' cannot be found", when it was asked for by name on the chance the org has it.</summary>
    private static ComponentKey? ProbeNotFound(string message, IReadOnlyCollection<ComponentKey> probed) =>
        probed.FirstOrDefault(p => message.IndexOf($"Entity of type '{p.Type}' named '{p.FullName}' cannot be found", StringComparison.Ordinal) >= 0);

    /// <summary>Unzips a retrieve into the folder, refusing entries that would land outside it.</summary>
    private static void Extract(byte[] zip, Staging staging)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        foreach (var entry in archive.Entries)
        {
            var name = entry.FullName.Replace('\\', '/');
            if (ZipArchiveFileSystem.IsUnsafe(name))
            {
                throw new SalesforceException("UnsafeArchiveEntry", $"The retrieved zip holds the entry '{entry.FullName}', whose path is absolute or climbs out with '..'. Nothing was written.");
            }

            if (name.EndsWith("/", StringComparison.Ordinal) || name == "package.xml")
            {
                continue;
            }

            using var input = entry.Open();
            if (PermissionPieces.IsPermissionsFile(name))
            {
                staging.Pieces.Add(name, input);
                continue;
            }

            if (staging.Memory?.TryAdd(name, input, entry.Length) == true)
            {
                continue;
            }

            var path = Path.Combine(staging.Folder, name.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
            input.CopyTo(output);
        }
    }

    /// <summary>Where a retrieve is written until it is whole: the folder, the pieces of permission files, memory if given, and the per-file messages.</summary>
    private sealed class Staging
    {
        public Staging(string folder, InMemoryFileSystem? memory, IReadOnlyCollection<ComponentKey> probed)
        {
            Probed = probed;
            Memory = memory;
            Folder = folder;
            Directory.CreateDirectory(folder);
            Pieces = new PermissionPieces(Path.Combine(folder, ".pieces"));
        }

        public string Folder { get; }

        /// <summary>Members asked for by name on the chance the org has them: their "cannot be found" is no news.</summary>
        public IReadOnlyCollection<ComponentKey> Probed { get; }

        /// <summary>Probed members the org does not have: not members of the retrieve after all.</summary>
        public ConcurrentBag<ComponentKey> NotFound { get; } = new();

        public PermissionPieces Pieces { get; }

        public InMemoryFileSystem? Memory { get; }

        public ConcurrentBag<string> Messages { get; } = new();
    }
}
