using System;
using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Engine.Salesforce;

/// <summary>
/// An earlier snapshot of the same org, for an incremental retrieve: a component whose lastModifiedDate
/// is what the snapshot recorded is taken from the snapshot instead of being retrieved again.
/// </summary>
public sealed class RetrieveBaseline
{
    private readonly SnapshotStore _store;
    private readonly string? _apiVersion;
    private readonly IReadOnlyList<string> _listedTypes;
    private readonly Dictionary<(string Type, string FullName), SnapshotOrgMember> _members;
    private readonly List<SnapshotFileEntry> _files;
    private readonly List<string> _paths;
    private readonly Dictionary<string, SnapshotFileEntry> _byPath;

    private RetrieveBaseline(SnapshotStore store, SnapshotManifest manifest)
    {
        _store = store;
        Name = manifest.Name;
        _apiVersion = manifest.Source.ApiVersion;
        _listedTypes = manifest.OrgTypes ?? manifest.OrgMembers!.Select(m => m.Type).Distinct(StringComparer.Ordinal).ToList();
        _members = manifest.OrgMembers!.GroupBy(m => (m.Type, m.FullName)).ToDictionary(g => g.Key, g => g.First());
        _files = manifest.Files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        _paths = _files.Select(f => f.Path).ToList();
        _byPath = _files.ToDictionary(f => f.Path, StringComparer.Ordinal);
    }

    public string Name { get; }

    /// <summary>The newest snapshot in the store of this org that recorded its members, or null.</summary>
    public static RetrieveBaseline? Latest(SnapshotStore store, OrgConnection org)
    {
        var manifest = store.Newest(m => (m.OrgMembers is not null || m.OrgMemberParts is not null) && m.Source.Kind == "Org" && m.Source.OrgId == org.OrgId);
        return manifest is null ? null : new RetrieveBaseline(store, manifest);
    }

    /// <summary>The snapshot's files of the component, when it has not changed since.</summary>
    internal IReadOnlyList<SnapshotFileEntry>? Unchanged(OrgComponentInfo listed)
    {
        if (!DateCanBeTrusted(listed) || !_members.TryGetValue((listed.Type, listed.FullName), out var recorded) || recorded.LastModifiedDate != listed.LastModifiedDate)
        {
            return null;
        }

        var files = new List<SnapshotFileEntry>();
        foreach (var path in new[] { recorded.FileName, recorded.FileName + "-meta.xml" })
        {
            if (_byPath.TryGetValue(path, out var file))
            {
                files.Add(file);
            }
        }

        // A bundle's fileName is its folder; a report folder's is too, but its reports are members of their own.
        if (!OrgListing.InFolderTypes.Contains(listed.Type))
        {
            files.AddRange(Under(recorded.FileName + "/"));
        }

        return files.Count > 0 ? files : null;
    }

    /// <summary>
    /// Whether a listed lastModifiedDate moves when the component changes. Salesforce answers standard objects
    /// with 1970-01-01 and an empty id whatever was added to them (a new field on Account leaves Account's date
    /// as it was), and some members with no date at all; those are retrieved every time.
    /// </summary>
    internal static bool DateCanBeTrusted(OrgComponentInfo listed) =>
        listed.LastModifiedDate is { } date && date.Year > 1970
        && !string.IsNullOrEmpty(listed.Id)
        && !(listed.Type == "CustomObject" && listed.FullName.IndexOf("__", StringComparison.Ordinal) < 0);

    /// <summary>
    /// What the snapshot listed, for a listing to ask for again while describeMetadata answers: its types, and
    /// its in-folder members' folders (a folder's own name, or a member's up to its last '/'). Null when the
    /// snapshot was listed at another API version, which may know other types.
    /// </summary>
    internal ListingHint? ListingHint(string apiVersion) =>
        _apiVersion != apiVersion ? null : new ListingHint(
            _listedTypes,
            _members.Keys
                .Where(m => OrgListing.InFolderTypes.Contains(m.Type))
                .Select(m => (m.Type, Folder: m.FullName.LastIndexOf('/') is var slash and > 0 ? m.FullName.Substring(0, slash) : m.FullName))
                .Distinct()
                .ToList());

    /// <summary>The given files of the snapshot, read from the store, named after the org they were retrieved from.</summary>
    internal SnapshotFileSystem Open(IEnumerable<SnapshotFileEntry> files, string description) => new(_store, files, description);

    /// <summary>The files under a folder, found by binary search in the sorted paths.</summary>
    private IEnumerable<SnapshotFileEntry> Under(string folder)
    {
        var at = _paths.BinarySearch(folder, StringComparer.Ordinal);
        for (var i = at < 0 ? ~at : at; i < _files.Count && _paths[i].StartsWith(folder, StringComparison.Ordinal); i++)
        {
            yield return _files[i];
        }
    }
}

/// <summary>What an earlier snapshot listed: types, and (type, folder) pairs of in-folder types.</summary>
internal sealed class ListingHint
{
    public ListingHint(IReadOnlyList<string> types, IReadOnlyList<(string Type, string Folder)> folders)
    {
        Types = types;
        Folders = folders;
    }

    public IReadOnlyList<string> Types { get; }

    public IReadOnlyList<(string Type, string Folder)> Folders { get; }
}
