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

    /// <summary>Opens the source; a path is resolved through the PowerShell provider.</summary>
    internal MetadataSource Open(PSCmdlet cmdlet, string parameter, string? revision)
    {
        if (Snapshot is not null)
        {
            return SnapshotStore.Open(Snapshot.Store, create: false).OpenSource(Snapshot.Name);
        }

        try
        {
            var resolved = cmdlet.GetResolvedProviderPathFromPSPath(Path!, out _);
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
