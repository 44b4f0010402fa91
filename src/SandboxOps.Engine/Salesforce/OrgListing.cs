using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Registry;

namespace SandboxOps.Engine.Salesforce;

/// <summary>What a listing found: the types the org describes, those it listed, and their members.</summary>
internal sealed class OrgListingResult
{
    public OrgListingResult(IReadOnlyList<MetadataTypeInfo> described, IReadOnlyList<string> listedTypes, List<OrgComponentInfo> members, IReadOnlyCollection<ComponentKey> probed)
    {
        Described = described;
        ListedTypes = listedTypes;
        Members = members;
        Probed = probed;
    }

    /// <summary>
    /// Members asked for by name because no listing names them (the standard value sets): an org that does not
    /// have one says so in the retrieve's messages, which is no news.
    /// </summary>
    public IReadOnlyCollection<ComponentKey> Probed { get; }

    public IReadOnlyList<MetadataTypeInfo> Described { get; }

    public IReadOnlyList<string> ListedTypes { get; }

    /// <summary>Sorted by type and name; a folder is a member of its content type (Report "Sales"), as package.xml names it.</summary>
    public List<OrgComponentInfo> Members { get; }
}

/// <summary>
/// Lists an org's members: listMetadata three queries a call, in-folder types through their folders and then
/// the folders' contents. Given an earlier snapshot of the org, it asks for what that snapshot listed (its
/// types, its folders' contents) while describeMetadata answers: an incremental retrieve spends most of its
/// time listing, and this saves the describe and folder round trips. Only what the org describes and lists
/// now is kept, so a stale hint costs one call and changes nothing.
/// </summary>
internal sealed class OrgListing : IDisposable
{
    /// <summary>
    /// listMetadata calls at once. They are short reads, outside the org's limit of concurrent long-running
    /// requests; the Salesforce CLI sends all of its calls at once (one type a call, hundreds of them). This
    /// lists a large org's few hundred types in a few rounds without opening hundreds of connections.
    /// </summary>
    private const int CallsAtOnce = 50;

    /// <summary>The Metadata API's in-folder types, whose members are listed folder by folder.</summary>
    internal static readonly IReadOnlyCollection<string> InFolderTypes = new HashSet<string>(StringComparer.Ordinal) { "Report", "Dashboard", "Document", "EmailTemplate" };

    /// <summary>
    /// The folder every org has for public reports and Classic email templates that sit in no folder of their
    /// own. listMetadata of ReportFolder or EmailFolder never returns it, so its contents are asked for by
    /// name, as the Salesforce CLI and Workbench do; it is never a member itself.
    /// </summary>
    internal const string UnfiledPublic = "unfiled$public";

    private static readonly IReadOnlyCollection<string> TypesWithUnfiledPublic = new HashSet<string>(StringComparer.Ordinal) { "Report", "EmailTemplate" };

    private readonly MetadataApiClient _api;
    private readonly IOperationObserver _observer;
    private readonly string _activity;
    private readonly CancellationToken _cancellation;
    private readonly SemaphoreSlim _slots = new(CallsAtOnce);
    private readonly object _gate = new();
    private readonly HashSet<(string Type, string? Folder)> _asked = new();
    private readonly HashSet<string> _folderTypes = new(StringComparer.Ordinal);
    private readonly List<Task<IReadOnlyList<OrgComponentInfo>>> _calls = new();
    private int _done;

    private OrgListing(MetadataApiClient api, IOperationObserver observer, string activity, CancellationToken cancellation)
    {
        _api = api;
        _observer = observer;
        _activity = activity;
        _cancellation = cancellation;
    }

    /// <summary>Describes the org and lists every member of the selected types.</summary>
    public static async Task<OrgListingResult> ListAsync(MetadataApiClient api, IOperationObserver observer, string orgName, RetrieveOptions options, CancellationToken cancellation)
    {
        var wanted = options.Types is null ? null : new HashSet<string>(options.Types, StringComparer.OrdinalIgnoreCase);
        bool Wanted(string type) => wanted is null || wanted.Contains(type);
        using var listing = new OrgListing(api, observer, "Listing the metadata of " + orgName, cancellation);
        try
        {
            observer.ReportProgress(new OperationProgress(listing._activity, "describeMetadata", 0, 1));
            var describe = api.DescribeAsync(cancellation);
            if (options.Baseline?.ListingHint(api.ApiVersion) is { } hint)
            {
                listing.AskTypes(hint.Types.Where(Wanted).Select(t => (t, InFolderTypes.Contains(t))));
                listing.Ask(hint.Folders.Where(f => Wanted(f.Type)).Select(f => new ListMetadataQuery(f.Type, f.Folder)));
            }

            var described = await describe.ConfigureAwait(false);
            var selected = described.Where(t => Wanted(t.XmlName)).ToList();
            listing.AskTypes(selected.Select(t => (t.XmlName, t.InFolder)));
            var listed = await listing.AllAsync().ConfigureAwait(false);
            var members = Confirmed(listed, selected);
            var probed = StandardValueSetProbes(selected, members);
            members.AddRange(probed);
            return new OrgListingResult(described, selected.Select(t => t.XmlName).ToList(), members, probed.Select(p => new ComponentKey(p.Type, p.FullName)).ToList());
        }
        finally
        {
            await listing.SettledAsync().ConfigureAwait(false); // no call outlives the listing
        }
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>The folder types whose listings name an in-folder type's folders: EmailTemplate has EmailFolder and, for Lightning templates, EmailTemplateFolder.</summary>
    private static IEnumerable<string> FolderTypesOf(string contentType) =>
        MetadataTypeRegistry.Default.FindByName(contentType) is { } type ? MetadataTypeRegistry.Default.FolderTypesOf(type).Select(f => f.Name) : Array.Empty<string>();

    private static string? ContentTypeOf(string folderType) => MetadataTypeRegistry.Default.FindByName(folderType)?.ContentTypeName;

    /// <summary>
    /// listMetadata of StandardValueSet answers nothing on Salesforce, so the standard value sets are retrieved
    /// by their known names (those Salesforce documents, as source-deploy-retrieve keeps them); an org that
    /// lacks one says so in the retrieve's messages.
    /// </summary>
    private static List<OrgComponentInfo> StandardValueSetProbes(List<MetadataTypeInfo> selected, List<OrgComponentInfo> members)
    {
        var type = MetadataTypeRegistry.Default.FindByName("StandardValueSet")!;
        if (!selected.Any(t => t.XmlName == type.Name) || members.Any(m => m.Type == type.Name))
        {
            return new List<OrgComponentInfo>();
        }

        return StandardValueSets.Names
            .Select(name => new OrgComponentInfo(type.Name, name, $"{type.DirectoryName}/{name}.{type.Suffix}", id: null, lastModifiedDate: null, lastModifiedByName: null, manageableState: null, namespacePrefix: null))
            .ToList();
    }

    /// <summary>
    /// The members of the selected types, in-folder members only in a folder the org listed now, and the folders
    /// themselves as members of their content type.
    /// </summary>
    private static List<OrgComponentInfo> Confirmed(List<OrgComponentInfo> listed, List<MetadataTypeInfo> selected)
    {
        var plainTypes = new HashSet<string>(selected.Where(t => !t.InFolder).Select(t => t.XmlName), StringComparer.Ordinal);
        var contentOfFolder = selected.Where(t => t.InFolder)
            .SelectMany(t => FolderTypesOf(t.XmlName).Select(folderType => (FolderType: folderType, Content: t.XmlName)))
            .ToDictionary(p => p.FolderType, p => p.Content, StringComparer.Ordinal);
        var folders = listed.Where(c => contentOfFolder.ContainsKey(c.Type))
            .Select(f => new OrgComponentInfo(contentOfFolder[f.Type], f.FullName, f.FileName, f.Id, f.LastModifiedDate, f.LastModifiedByName, f.ManageableState, f.NamespacePrefix))
            .ToList();
        var folderNames = new HashSet<(string Type, string FullName)>(folders.Select(f => (f.Type, f.FullName)));
        folderNames.UnionWith(selected.Where(t => TypesWithUnfiledPublic.Contains(t.XmlName)).Select(t => (t.XmlName, UnfiledPublic)));
        bool InListedFolder(OrgComponentInfo c) => c.FullName.LastIndexOf('/') is var slash and > 0 && folderNames.Contains((c.Type, c.FullName.Substring(0, slash)));
        return listed
            .Where(c => plainTypes.Contains(c.Type) || InListedFolder(c))
            .Concat(folders)
            .GroupBy(c => (c.Type, c.FullName))
            .Select(g => g.First())
            .OrderBy(c => c.Type, StringComparer.Ordinal)
            .ThenBy(c => c.FullName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Asks for each type's members: a plain type directly, an in-folder type through its folders.</summary>
    private void AskTypes(IEnumerable<(string Type, bool InFolder)> types)
    {
        var all = types.ToList();
        lock (_gate)
        {
            _folderTypes.UnionWith(all.Where(t => t.InFolder).SelectMany(t => FolderTypesOf(t.Type)));
        }

        Ask(all.SelectMany(t => t.InFolder ? FolderTypesOf(t.Type).Select(f => new ListMetadataQuery(f)) : new[] { new ListMetadataQuery(t.Type) }));
        Ask(all.Where(t => TypesWithUnfiledPublic.Contains(t.Type)).Select(t => new ListMetadataQuery(t.Type, UnfiledPublic)));
    }

    /// <summary>Starts calls for the queries not asked before, three a call, as slots free up.</summary>
    private void Ask(IEnumerable<ListMetadataQuery> queries)
    {
        lock (_gate)
        {
            var fresh = queries.Where(q => _asked.Add((q.Type, q.Folder))).ToList();
            for (var i = 0; i < fresh.Count; i += MetadataApiClient.MaxQueriesPerList)
            {
                // Started off this thread: a call never runs inside the lock, before it is in the count.
                var batch = fresh.Skip(i).Take(MetadataApiClient.MaxQueriesPerList).ToList();
                _calls.Add(Task.Run(() => CallAsync(batch), _cancellation));
            }
        }
    }

    /// <summary>One listMetadata call; the folders it lists have their contents asked for before it ends.</summary>
    private async Task<IReadOnlyList<OrgComponentInfo>> CallAsync(List<ListMetadataQuery> batch)
    {
        await _slots.WaitAsync(_cancellation).ConfigureAwait(false);
        IReadOnlyList<OrgComponentInfo> listed;
        try
        {
            listed = await _api.ListAsync(batch, _cancellation).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }

        int done, planned;
        lock (_gate) // Ask takes the same lock again; counting under it keeps the calls done within the calls planned
        {
            Ask(listed.Where(c => _folderTypes.Contains(c.Type)).Select(f => new ListMetadataQuery(ContentTypeOf(f.Type)!, f.FullName)));
            done = ++_done;
            planned = _calls.Count;
        }

        _observer.ReportProgress(new OperationProgress(_activity, string.Join(", ", batch), done, planned));
        return listed;
    }

    /// <summary>Every member listed, once no call is left; the first failure if a call failed.</summary>
    private async Task<List<OrgComponentInfo>> AllAsync()
    {
        await SettledAsync().ConfigureAwait(false);
        Task<IReadOnlyList<OrgComponentInfo>>[] calls;
        lock (_gate)
        {
            calls = _calls.ToArray();
        }

        return (await Task.WhenAll(calls).ConfigureAwait(false)).SelectMany(c => c).ToList();
    }

    /// <summary>Waits until every call has ended, whether or not it failed (calls start calls for folder contents).</summary>
    private async Task SettledAsync()
    {
        while (true)
        {
            Task[] pending;
            lock (_gate)
            {
                pending = _calls.ToArray();
            }

            await Task.WhenAll(pending).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            lock (_gate)
            {
                if (_calls.Count == pending.Length)
                {
                    return;
                }
            }
        }
    }
}
