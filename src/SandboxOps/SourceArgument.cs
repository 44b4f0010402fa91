using System.Management.Automation;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps;

/// <summary>
/// What -Source and -Target accept: a path (folder, zip, DX project) or a snapshot from Get-OrgSnapshot.
/// PowerShell converts either into this through its constructors.
/// </summary>
public sealed class SourceArgument
{
    public SourceArgument(string path)
    {
        Path = path;
    }

    public SourceArgument(OrgSnapshot snapshot)
    {
        Snapshot = snapshot;
    }

    public string? Path { get; }

    public OrgSnapshot? Snapshot { get; }

    public override string ToString() => Snapshot?.Name ?? Path ?? string.Empty;

    /// <summary>Opens the source; a path is resolved through the PowerShell provider, and a path@revision
    /// that is not itself a path is read at that git revision.</summary>
    internal MetadataSource Open(PSCmdlet cmdlet, string parameter, string? revision)
    {
        if (Snapshot is not null)
        {
            return SnapshotStore.Open(Snapshot.Store, create: false).OpenSource(Snapshot.Name);
        }

        var path = Path!;
        var at = path.LastIndexOf('@');
        if (revision is null && at > 0 && !cmdlet.InvokeProvider.Item.Exists(path) && cmdlet.InvokeProvider.Item.Exists(path.Substring(0, at)))
        {
            // "<path>@<revision>", as a git-revision source describes itself in the Source of what it emits.
            revision = path.Substring(at + 1);
            path = path.Substring(0, at);
        }

        try
        {
            var resolved = cmdlet.GetResolvedProviderPathFromPSPath(path, out _);
            if (resolved.Count != 1)
            {
                throw new MetadataSourceException("AmbiguousPath", $"-{parameter} '{Path}' matches {resolved.Count} paths; give exactly one folder, zip or DX project.");
            }

            return MetadataSource.Open(resolved[0], revision);
        }
        catch (ItemNotFoundException ex)
        {
            throw new MetadataSourceException("PathNotFound", $"-{parameter} '{Path}' does not exist. Give a retrieved folder, a retrieve zip, a Salesforce DX project or a snapshot.", ex);
        }
    }
}
