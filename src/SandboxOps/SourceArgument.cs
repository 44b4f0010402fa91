using System;
using System.Management.Automation;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Salesforce;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps;

/// <summary>
/// What -Source and -Target accept: a path (folder, zip, DX project), a snapshot from Get-OrgSnapshot, or a
/// connected org (its OrgConnection, "org:alias", or an alias that is not also a path). PowerShell
/// converts each into this through its constructors.
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

    public SourceArgument(OrgConnection org)
    {
        Org = new OrgArgument(org);
    }

    public string? Path { get; }

    public OrgSnapshot? Snapshot { get; }

    internal OrgArgument? Org { get; }

    public override string ToString() => Snapshot?.Name ?? Org?.Name ?? Path ?? string.Empty;

    /// <summary>The org this names: a connection, or a path that names one (see <see cref="OrgArgument.Named"/>).</summary>
    private OrgArgument? OrgNamed(PSCmdlet cmdlet) => Org ?? OrgArgument.Named(Path!, cmdlet);

    /// <summary>The org retrieved into a temporary folder (deleted when the source is disposed).</summary>
    private static MetadataSource Retrieve(PSCmdlet cmdlet, OrgArgument org, Func<OrgConnection, RetrieveOptions>? orgOptions)
    {
        try
        {
            var ours = (SandboxOpsCmdlet)cmdlet;
            var connection = org.Resolve();
            return RetrievedOrgFileSystem.OpenAsync(connection, orgOptions?.Invoke(connection) ?? new RetrieveOptions(), ours.Reporter, ours.Logging, ours.Cancellation).GetAwaiter().GetResult();
        }
        catch (SalesforceException ex)
        {
            throw new MetadataSourceException("Org" + ex.Code, ex.Message, ex);
        }
    }

    /// <summary>Opens the source; a path is resolved through the PowerShell provider, and a path@revision
    /// that is not itself a path is read at that git revision.</summary>
    /// <param name="cmdlet">The cmdlet opening it (paths resolve through its provider).</param>
    /// <param name="parameter">The parameter's name, for messages.</param>
    /// <param name="revision">A git revision to read a path at.</param>
    /// <param name="orgOptions">How to retrieve an org (a baseline for an incremental retrieve); default: everything.</param>
    internal MetadataSource Open(PSCmdlet cmdlet, string parameter, string? revision, Func<OrgConnection, RetrieveOptions>? orgOptions = null)
    {
        if (Snapshot is not null)
        {
            return SnapshotStore.Open(Snapshot.Store, create: false).OpenSource(Snapshot.Name);
        }

        if (OrgNamed(cmdlet) is { } org)
        {
            return Retrieve(cmdlet, org, orgOptions);
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
