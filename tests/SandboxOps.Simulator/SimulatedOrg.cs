using System.Collections.Concurrent;
using System.Text;
using System.Xml.Linq;
using SandboxOps.Engine.Model;

namespace SandboxOps.Simulator;

/// <summary>
/// The simulated org's metadata: a private copy of a Metadata API folder (deploys change the copy, never
/// the folder given), indexed into the members a retrieve names (top-level types; a child's files
/// belong to its parent, since a retrieved CustomObject carries its fields).
/// </summary>
public sealed class SimulatedOrg : IDisposable
{
    private readonly object _gate = new();
    private Dictionary<(string Type, string FullName), SortedSet<string>> _members = new();
    private Dictionary<(string Type, string FullName), int> _componentCounts = new();

    public SimulatedOrg(string folder)
    {
        Folder = Path.Combine(Path.GetTempPath(), "sandboxops-simulated-org-" + Guid.NewGuid().ToString("N"));
        CopyFolder(Path.GetFullPath(folder), Folder);
        Reindex();
    }

    public string Folder { get; }

    public IEnumerable<(string Type, string FullName)> Members
    {
        get
        {
            lock (_gate)
            {
                return _members.Keys.ToList();
            }
        }
    }

    public int ComponentCount
    {
        get
        {
            lock (_gate)
            {
                return _members.Count;
            }
        }
    }

    /// <summary>How many components a member holds: itself and its children (an object's fields, ...).</summary>
    public int ComponentsIn(string type, string fullName)
    {
        lock (_gate)
        {
            return _componentCounts.TryGetValue((type, fullName), out var count) ? count : 0;
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    /// <summary>Makes the org a copy of another org's folder, as a sandbox refresh does to its metadata.</summary>
    public void ReplaceWith(string folder)
    {
        lock (_gate)
        {
            Directory.Delete(Folder, recursive: true);
            CopyFolder(Path.GetFullPath(folder), Folder);
            Reindex();
        }
    }

    /// <summary>Writes a deploy's files into the org and deletes the files of deleted members, then reads the org again.</summary>
    public void Apply(IReadOnlyDictionary<string, byte[]> files, IEnumerable<ComponentKey> deletions)
    {
        lock (_gate)
        {
            foreach (var deletion in deletions)
            {
                foreach (var file in FilesOf(deletion.Type, deletion.FullName) ?? Array.Empty<string>())
                {
                    File.Delete(Path.Combine(Folder, file));
                }
            }

            foreach (var (path, bytes) in files)
            {
                var target = Path.Combine(Folder, path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, File.Exists(target) && KeyRuleOf(path) is { } keyOf ? Merge(File.ReadAllBytes(target), bytes, keyOf) : bytes);
            }

            Reindex();
        }
    }

    /// <summary>
    /// Indexes the org's Metadata API folder by the simulator's own catalog (see <see cref="SimulatedCatalog"/>),
    /// never by the engine's reader: a member per top-level component (folders under their folder type), each
    /// with its files and how many components it holds (an object and its fields). Files of types the catalog
    /// does not serve are not in the org.
    /// </summary>
    private void Reindex()
    {
        var members = new Dictionary<(string Type, string FullName), SortedSet<string>>();
        var counts = new Dictionary<(string Type, string FullName), int>();
        foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories))
        {
            var path = Path.GetRelativePath(Folder, file).Replace('\\', '/');
            if (MemberOf(path) is not { } key)
            {
                continue;
            }

            if (!members.TryGetValue(key, out var files))
            {
                members[key] = files = new SortedSet<string>(StringComparer.Ordinal);
                counts[key] = 1 + ChildCount(key.Type, file);
            }

            files.Add(path);
        }

        _members = members;
        _componentCounts = counts;
    }

    /// <summary>The member a file of a Metadata API folder belongs to, or null.</summary>
    private static (string Type, string FullName)? MemberOf(string path)
    {
        var parts = path.Split('/');
        var type = parts.Length < 2 ? null : SimulatedCatalog.ByDirectory(parts[0]);
        if (type is null)
        {
            return null;
        }

        var fileName = parts[^1];
        var bare = fileName.EndsWith("-meta.xml", StringComparison.Ordinal) ? fileName[..^"-meta.xml".Length] : fileName;
        string? WithoutSuffix(string name) => type.Suffix is not null && name.EndsWith("." + type.Suffix, StringComparison.Ordinal) ? name[..^(type.Suffix.Length + 1)] : null;
        switch (type.Layout)
        {
            case SimulatedLayout.Bundle:
                return parts.Length > 2 ? (type.Name, parts[1]) : null;
            case SimulatedLayout.Resource:
                return (type.Name, parts.Length > 2 ? parts[1] : bare.Split('.')[0]);
            case SimulatedLayout.InFolder:
                var folder = string.Join("/", parts[1..^1]);
                if (fileName.EndsWith("-meta.xml", StringComparison.Ordinal) && !bare.Contains('.', StringComparison.Ordinal))
                {
                    return (type.FolderType!, folder.Length == 0 ? bare : folder + "/" + bare); // reports/Sales-meta.xml
                }

                var inFolder = type.Suffix is null ? bare : WithoutSuffix(bare); // a document keeps its extension
                return folder.Length == 0 || inFolder is null ? null : (type.Name, folder + "/" + inFolder);
            default:
                return parts.Length == 2 && WithoutSuffix(bare) is { } name ? (type.Name, name) : null;
        }
    }

    /// <summary>How many children a parent's file holds (an object's fields, list views...).</summary>
    private static int ChildCount(string type, string file)
    {
        var children = SimulatedCatalog.ByName(type)?.Children;
        if (children is null)
        {
            return 0;
        }

        using var reader = System.Xml.XmlReader.Create(file, new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit });
        reader.MoveToContent();
        var count = 0;
        while (reader.Read())
        {
            if (reader.NodeType == System.Xml.XmlNodeType.Element && reader.Depth == 1 && children.ContainsKey(reader.LocalName))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// How a deployed file is merged into the org's copy, when Salesforce merges rather than replaces: a file
    /// whose children are components (objects, labels, workflows, sharing rules) by child fullName; a profile
    /// by permission key, since a deployed profile only adds or changes permissions and revokes none.
    /// </summary>
    private static Func<XElement, string?>? KeyRuleOf(string path)
    {
        var type = SimulatedCatalog.ByDirectory(path.Split('/')[0]);
        if (type?.Children is not null)
        {
            return element => element.Element(element.Name.Namespace + "fullName")?.Value;
        }

        if (type?.Name != "Profile")
        {
            return null;
        }

        return element => SimulatedCatalog.ProfileEntryKeys.TryGetValue(element.Name.LocalName, out var keys)
            ? string.Join("\n", keys.Select(k => element.Element(element.Name.Namespace + k)?.Value ?? string.Empty))
            : null;
    }

    /// <summary>
    /// The deployed elements replace the org's elements of the same name and key; an element without a key
    /// (a profile's custom or loginIpRanges, an object's own settings) replaces all of its name at once.
    /// Everything the deployed file does not name stays.
    /// </summary>
    private static byte[] Merge(byte[] existing, byte[] deployed, Func<XElement, string?> keyOf)
    {
        var org = XDocument.Parse(Encoding.UTF8.GetString(existing));
        var incoming = XDocument.Parse(Encoding.UTF8.GetString(deployed));
        foreach (var group in incoming.Root!.Elements().GroupBy(e => e.Name))
        {
            var keys = group.Select(keyOf).ToList();
            var replaced = org.Root!.Elements(group.Key).Where(e => keys.Contains(null) || keys.Contains(keyOf(e))).ToList();
            replaced.ForEach(e => e.Remove());
            org.Root.Add(group.Select(e => new XElement(e)));
        }

        return Encoding.UTF8.GetBytes(org.Declaration + "\n" + org.Root!.ToString());
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>The files of a member as package.xml names it (a folder is a member of its content type).</summary>
    public IReadOnlyCollection<string>? FilesOf(string type, string fullName)
    {
        var members = _members;
        if (members.TryGetValue((type, fullName), out var files))
        {
            return files;
        }

        var folderType = SimulatedCatalog.ByName(type)?.FolderType;
        return folderType is not null && members.TryGetValue((folderType, fullName), out files) ? files : null;
    }

    /// <summary>Members of a type; for an in-folder type, those directly in the folder.</summary>
    public IEnumerable<string> List(string type, string? folder) =>
        Members
            .Where(k => k.Type == type && (folder is null || (k.FullName.StartsWith(folder + "/", StringComparison.Ordinal) && k.FullName.IndexOf('/', folder.Length + 1) < 0)))
            .Select(k => k.FullName)
            .OrderBy(n => n, StringComparer.Ordinal);

    /// <summary>When a member last changed: the newest write time of its files (a deploy writes them).</summary>
    public DateTime LastModified(string type, string fullName) =>
        (FilesOf(type, fullName) ?? Array.Empty<string>()).Select(f => File.GetLastWriteTimeUtc(Path.Combine(Folder, f))).DefaultIfEmpty(DateTime.UnixEpoch).Max();

    /// <summary>The fileName listMetadata gives: a bundle's folder, else its main file.</summary>
    public string FileNameOf(string type, string fullName) =>
        SimulatedCatalog.ByName(type) is { Layout: SimulatedLayout.Bundle } bundle
            ? bundle.Directory + "/" + fullName
            : MainFileOf(type, fullName);

    private string MainFileOf(string type, string fullName) => FilesOf(type, fullName)?.FirstOrDefault(f => !f.EndsWith("-meta.xml", StringComparison.Ordinal)) ?? FilesOf(type, fullName)?.First() ?? string.Empty;
}

/// <summary>Faults the next calls will meet, for tests of the client's resilience.</summary>
public enum SimulatedFault
{
    /// <summary>HTTP 503 with an HTML page, as a load balancer sends.</summary>
    ServiceUnavailable,

    /// <summary>The connection is closed without an answer.</summary>
    DropConnection,

    /// <summary>A SOAP fault UNKNOWN_EXCEPTION.</summary>
    UnknownException,

    /// <summary>A SOAP fault REQUEST_LIMIT_EXCEEDED.</summary>
    RequestLimitExceeded,

    /// <summary>Every session expires: the next call answers INVALID_SESSION_ID.</summary>
    ExpireSessions,

    /// <summary>The next retrieve fails with LIMIT_EXCEEDED whatever its size.</summary>
    RetrieveLimitExceeded,

    /// <summary>The next answer that carries a retrieve's zip is lost on the way (the connection drops), and the zip is gone.</summary>
    LoseRetrieveAnswer,
}

/// <summary>Queued faults, taken one per call.</summary>
public sealed class FaultPlan
{
    private readonly ConcurrentQueue<SimulatedFault> _faults = new();

    public void Add(SimulatedFault fault, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _faults.Enqueue(fault);
        }
    }

    public bool TryTake(Func<SimulatedFault, bool> applies, out SimulatedFault fault)
    {
        if (_faults.TryPeek(out fault) && applies(fault) && _faults.TryDequeue(out fault))
        {
            return true;
        }

        fault = default;
        return false;
    }
}
