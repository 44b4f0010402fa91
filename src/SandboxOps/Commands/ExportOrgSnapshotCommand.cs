using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Salesforce;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Commands;

/// <summary>Records every component of a source into a verifiable, deduplicated snapshot in a store.</summary>
[Cmdlet(VerbsData.Export, "OrgSnapshot", SupportsShouldProcess = true)]
[OutputType(typeof(OrgSnapshot))]
public sealed class ExportOrgSnapshotCommand : SandboxOpsCmdlet
{
    /// <summary>What to snapshot: a folder, zip, DX project or another snapshot.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public SourceArgument Source { get; set; } = null!;

    /// <summary>Read -Source as it was at this git revision.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SourceRevision { get; set; }

    /// <summary>The snapshot store folder; created when missing.</summary>
    [Parameter(Mandatory = true)]
    [Alias("Store")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter]
    public string? Description { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(MetadataTypeCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Type { get; set; }

    /// <summary>For an org source: how many retrieve requests run at once.</summary>
    [Parameter]
    [ValidateRange(1, 10)]
    public int Parallelism { get; set; } = 3;

    /// <summary>Commit the new snapshot in the git work tree that holds the store.</summary>
    [Parameter]
    public SwitchParameter Commit { get; set; }

    /// <summary>The newest snapshot of the same org in the store, so that only what changed since is retrieved.</summary>
    private static RetrieveBaseline? BaselineFor(string storePath, OrgConnection org)
    {
        try
        {
            return RetrieveBaseline.Latest(SnapshotStore.Open(storePath, create: false), org);
        }
        catch (SnapshotStoreException)
        {
            return null; // no store yet: a full retrieve
        }
    }

    protected override void ProcessItem()
    {
        var storePath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        var options = new ReadOptions(TypeArgument.Canonicalize(this, Type));
        try
        {
            using var source = Source.Open(this, nameof(Source), SourceRevision, org => new RetrieveOptions(parallelism: Parallelism, baseline: BaselineFor(storePath, org)));
            if (source.FileSystem is RetrievedOrgFileSystem { Outcome: var outcome })
            {
                WriteVerbose($"Retrieved {outcome.ComponentCount - outcome.ReusedCount} of {outcome.ComponentCount} components of {source.Description} in {outcome.ChunkCount} chunks; {outcome.ReusedCount} unchanged since the last snapshot were taken from it.");
            }

            var name = Name ?? SnapshotNames.New(storePath, source, kind: null);
            if (!ShouldProcess(storePath, $"Export snapshot '{name}' of {source.Description}"))
            {
                return;
            }

            var store = SnapshotStore.Open(storePath, create: true);
            var version = MyInvocation.MyCommand.Module?.Version?.ToString() ?? "0.0.0";
            var snapshot = new SnapshotExporter(Reporter, Logging).Export(store, source, name, Description, version, options, CancellationToken);
            if (Commit)
            {
                WriteVerbose($"Committed snapshot '{snapshot.Name}' as {SnapshotCommitter.Commit(store, snapshot)}");
            }

            Emit(snapshot);
        }
        catch (MetadataSourceException failure)
        {
            Flush();
            ThrowTerminatingError(new ErrorRecord(failure, "SandboxOps.Source." + failure.Reason, ErrorCategory.InvalidArgument, Source.ToString()));
        }
        catch (SnapshotStoreException failure)
        {
            Flush();
            ThrowTerminatingError(SnapshotErrors.Record(failure, storePath));
        }
    }
}
