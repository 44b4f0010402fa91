using System.Collections.Concurrent;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Registry;

namespace SandboxOps.Simulator;

/// <summary>
/// The simulated org's metadata: a Metadata API folder, indexed into the members a retrieve names
/// (top-level types; a child's files belong to its parent, since a retrieved CustomObject carries its fields).
/// </summary>
public sealed class SimulatedOrg
{
    private readonly Dictionary<(string Type, string FullName), SortedSet<string>> _members = new();

    public SimulatedOrg(string folder)
    {
        Folder = Path.GetFullPath(folder);
        using var source = MetadataSource.Open(Folder);
        var registry = MetadataTypeRegistry.Default;
        foreach (var component in new MetadataReader(new IgnoringObserver()).Read(source, ReadOptions.All))
        {
            var key = component.Parent is null
                ? (component.Type, component.FullName)
                : (registry.FindParentOfChild(component.Type)?.Name ?? component.Type, component.Parent);
            if (!_members.TryGetValue(key, out var files))
            {
                _members[key] = files = new SortedSet<string>(StringComparer.Ordinal);
            }

            files.UnionWith(component.Files.Where(f => f != "package.xml"));
        }
    }

    public string Folder { get; }

    public IEnumerable<(string Type, string FullName)> Members => _members.Keys;

    public int ComponentCount => _members.Count;

    /// <summary>The files of a member as package.xml names it (a folder is a member of its content type).</summary>
    public IReadOnlyCollection<string>? FilesOf(string type, string fullName)
    {
        if (_members.TryGetValue((type, fullName), out var files))
        {
            return files;
        }

        var folderType = MetadataTypeRegistry.Default.FindByName(type)?.FolderTypeName;
        return folderType is not null && _members.TryGetValue((folderType, fullName), out files) ? files : null;
    }

    /// <summary>Members of a type; for an in-folder type, those directly in the folder.</summary>
    public IEnumerable<string> List(string type, string? folder) =>
        _members.Keys
            .Where(k => k.Type == type && (folder is null || (k.FullName.StartsWith(folder + "/", StringComparison.Ordinal) && k.FullName.IndexOf('/', folder.Length + 1) < 0)))
            .Select(k => k.FullName)
            .OrderBy(n => n, StringComparer.Ordinal);

    public string FileNameOf(string type, string fullName) => FilesOf(type, fullName)?.FirstOrDefault(f => !f.EndsWith("-meta.xml", StringComparison.Ordinal)) ?? FilesOf(type, fullName)?.First() ?? string.Empty;

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
