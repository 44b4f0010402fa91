using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Pipelines;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Salesforce;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps;

/// <summary>
/// What -Source and -Target accept: a path (folder, zip, DX project, path@revision), a snapshot from
/// Get-OrgSnapshot, or a connected org (its OrgConnection, "org:alias", or an alias that is not also a path).
/// PowerShell converts each into this through its constructors; every command opens its sources here.
/// </summary>
public sealed class SourceArgument
{
    public SourceArgument(string path)
    {
        Path = path;
    }

    /// <summary>A file or folder from Get-Item or Get-ChildItem.</summary>
    public SourceArgument(System.IO.FileSystemInfo item)
        : this(item.FullName)
    {
    }

    public SourceArgument(OrgSnapshot snapshot)
    {
        Snapshot = snapshot;
    }

    /// <summary>A pipeline environment, where its file says it lives.</summary>
    public SourceArgument(PipelineEnvironment environment)
        : this(environment.Source)
    {
        EnvironmentName = environment.Name;
    }

    public SourceArgument(OrgConnection org)
    {
        Org = new OrgArgument(org);
    }

    public string? Path { get; }

    public OrgSnapshot? Snapshot { get; }

    /// <summary>The pipeline environment this argument came from, whose name labels what is read of it.</summary>
    public string? EnvironmentName { get; }

    internal OrgArgument? Org { get; }

    public override string ToString() => Snapshot?.Name ?? Org?.Name ?? Path ?? string.Empty;

    /// <summary>The org this names: a connection, or a path that names one (see <see cref="OrgArgument.Named"/>).</summary>
    internal OrgArgument? OrgNamed(PSCmdlet cmdlet) => Org ?? (Path is null ? null : OrgArgument.Named(Path, cmdlet));

    /// <summary>
    /// How a source opened from this argument describes itself, without opening it: org:alias for an org, the
    /// snapshot's name, else the full path (what Invoke-BackPromotion names a pair's baseline by).
    /// </summary>
    internal string Describe(PSCmdlet cmdlet) =>
        Snapshot?.Name ?? (OrgNamed(cmdlet) is { } org ? org.Resolve().SourceName : System.IO.Path.GetFullPath(cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path!)));

    /// <summary>A path with wildcards as the sources it matches (Get-OrgMetadata reads each); anything else as itself.</summary>
    internal IEnumerable<SourceArgument> Expand(PSCmdlet cmdlet)
    {
        if (Path is null || !WildcardPattern.ContainsWildcardCharacters(Path) || cmdlet.InvokeProvider.Item.Exists(Path, force: false, literalPath: true))
        {
            return new[] { this };
        }

        try
        {
            return cmdlet.GetResolvedProviderPathFromPSPath(Path, out _).Select(p => new SourceArgument(p)).ToList();
        }
        catch (ItemNotFoundException ex)
        {
            throw NotFound(Path, "Path", ex);
        }
    }

    /// <summary>
    /// Opens the source: a snapshot from its store, an org retrieved into a temporary folder (only what
    /// <see cref="SourceOpening.Filter"/> needs; deleted when the source is disposed), a path through the
    /// PowerShell provider, and a path@revision that is not itself a path at that git revision.
    /// </summary>
    internal MetadataSource Open(SandboxOpsCmdlet cmdlet, SourceOpening opening) => Opener(cmdlet, opening)();

    /// <summary>
    /// Resolves the argument now, on the pipeline thread (connections and paths are the session's), and returns
    /// what opens it, which may run on any thread: a pipeline's environments are opened and read in parallel.
    /// </summary>
    internal Func<MetadataSource> Opener(SandboxOpsCmdlet cmdlet, SourceOpening opening)
    {
        if (Snapshot is { } snapshot)
        {
            return () => SnapshotStore.Open(snapshot.Store, create: false).OpenSource(snapshot.Name);
        }

        if (OrgNamed(cmdlet) is { } org)
        {
            var connection = org.Resolve();
            var context = cmdlet.Context;
            return () => RetrievedOrgFileSystem.OpenAsync(connection, opening.RetrieveOptionsFor(connection), context).GetAwaiter().GetResult();
        }

        var (path, revision) = opening.Revision is { } given ? (Path!, given) : MetadataSource.SplitRevision(Path!, p => cmdlet.InvokeProvider.Item.Exists(p));

        try
        {
            var resolved = cmdlet.GetResolvedProviderPathFromPSPath(path, out _);
            if (resolved.Count != 1)
            {
                throw new MetadataSourceException(FailureKind.InvalidArgument, "AmbiguousPath", $"-{opening.Parameter} '{Path}' matches {resolved.Count} paths; give exactly one folder, zip or DX project.");
            }

            return () => MetadataSource.Open(resolved[0], revision);
        }
        catch (ItemNotFoundException ex)
        {
            throw NotFound(Path!, opening.Parameter, ex);
        }
    }

    private static MetadataSourceException NotFound(string path, string parameter, ItemNotFoundException inner) =>
        new(FailureKind.NotFound, "PathNotFound", $"-{parameter} '{path}' does not exist. Give a retrieved folder, a retrieve zip, a Salesforce DX project, a snapshot or org:<alias>.", inner);
}
