using System.Collections.Concurrent;
using System.Text;
using System.Xml.Linq;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Registry;
using SandboxOps.Engine.Xml;

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

    private void Reindex()
    {
        var members = new Dictionary<(string Type, string FullName), SortedSet<string>>();
        var counts = new Dictionary<(string Type, string FullName), int>();
        using var source = MetadataSource.Open(Folder);
        var registry = MetadataTypeRegistry.Default;
        foreach (var component in new MetadataReader(new IgnoringObserver()).Read(source, ReadOptions.All))
        {
            var key = component.Parent is null
                ? (component.Type, component.FullName)
                : (registry.FindParentOfChild(component.Type)?.Name ?? component.Type, component.Parent);
            if (!members.TryGetValue(key, out var files))
            {
                members[key] = files = new SortedSet<string>(StringComparer.Ordinal);
            }

            files.UnionWith(component.Files.Where(f => f != "package.xml"));
            counts[key] = counts.TryGetValue(key, out var count) ? count + 1 : 1;
        }

        _members = members;
        _componentCounts = counts;
    }

    /// <summary>
    /// How a deployed file is merged into the org's copy, when Salesforce merges rather than replaces: a file
    /// whose children are components (objects, labels, workflows, sharing rules) by child fullName; a profile
    /// by permission key, since a deployed profile only adds or changes permissions and revokes none.
    /// </summary>
    private static Func<XElement, string?>? KeyRuleOf(string path)
    {
        var type = MetadataTypeRegistry.Default.FindByDirectory(path.Split('/')[0]);
        if (type is { Children.Count: > 0 })
        {
            return element => element.Element(element.Name.Namespace + "fullName")?.Value;
        }

        if (type?.Name != "Profile")
        {
            return null;
        }

        var rules = UnorderedListRules.ForType("Profile");
        return element => rules.TryGetValue(element.Name.LocalName, out var keys)
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

        var folderType = MetadataTypeRegistry.Default.FindByName(type)?.FolderTypeName;
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
        MetadataTypeRegistry.Default.FindByName(type) is { Layout: ComponentLayout.Bundle } bundle
            ? bundle.DirectoryName + "/" + fullName
            : MainFileOf(type, fullName);

    private string MainFileOf(string type, string fullName) => FilesOf(type, fullName)?.FirstOrDefault(f => !f.EndsWith("-meta.xml", StringComparison.Ordinal)) ?? FilesOf(type, fullName)?.First() ?? string.Empty;

    private sealed class IgnoringObserver : IOperationObserver
    {
        public void ReportProblem(MetadataProblem problem)
        {
        }

        public void ReportProgress(OperationProgress progress)
        {
        }
    }
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
