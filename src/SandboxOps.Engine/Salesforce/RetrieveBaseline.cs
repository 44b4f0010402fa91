using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Engine.Salesforce;

/// <summary>
/// An earlier snapshot of the same org, for an incremental retrieve: a component whose lastModifiedDate
/// is what the snapshot recorded is taken from the snapshot instead of being retrieved again.
/// </summary>
public sealed class RetrieveBaseline
{
    private static readonly HashSet<string> InFolderTypes = new(StringComparer.Ordinal) { "Report", "Dashboard", "Document", "EmailTemplate" };
    private readonly SnapshotStore _store;
    private readonly Dictionary<(string Type, string FullName), SnapshotOrgMember> _members;
    private readonly List<SnapshotFileEntry> _files;

    private RetrieveBaseline(SnapshotStore store, SnapshotManifest manifest)
    {
        _store = store;
        Name = manifest.Name;
        _members = manifest.OrgMembers!.GroupBy(m => (m.Type, m.FullName)).ToDictionary(g => g.Key, g => g.First());
        _files = manifest.Files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }

    public string Name { get; }

    /// <summary>The newest snapshot in the store of this org that recorded its members, or null.</summary>
    public static RetrieveBaseline? Latest(SnapshotStore store, OrgConnection org)
    {
        var manifest = store.Manifests().FirstOrDefault(m => m.OrgMembers is not null && m.Source.Kind == "Org" && m.Source.OrgId == org.OrgId);
        return manifest is null ? null : new RetrieveBaseline(store, manifest);
    }

    /// <summary>The snapshot's files of the component, when it has not changed since.</summary>
    internal IReadOnlyList<SnapshotFileEntry>? Unchanged(OrgComponentInfo listed)
    {
        if (listed.LastModifiedDate is null || !_members.TryGetValue((listed.Type, listed.FullName), out var recorded) || recorded.LastModifiedDate != listed.LastModifiedDate)
        {
            return null;
        }

        // A bundle's fileName is its folder; a report folder's is too, but its reports are members of their own.
        var bundle = !InFolderTypes.Contains(listed.Type);
        var files = _files.Where(f => f.Path == recorded.FileName || f.Path == recorded.FileName + "-meta.xml" || (bundle && f.Path.StartsWith(recorded.FileName + "/", StringComparison.Ordinal))).ToList();
        return files.Count > 0 ? files : null;
    }

    /// <summary>Writes a stored file into the folder being retrieved into.</summary>
    internal void CopyTo(SnapshotFileEntry file, string folder)
    {
        var target = Path.Combine(folder, file.Path.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var input = _store.OpenBlob(file.Sha256);
        using var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None);
        input.CopyTo(output);
    }
}
