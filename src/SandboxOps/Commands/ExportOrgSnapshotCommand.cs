using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.BackPromotion;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Salesforce;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Commands;

/// <summary>Records every component of a source into a verifiable, deduplicated snapshot in a store.</summary>
[Cmdlet(VerbsData.Export, "OrgSnapshot", SupportsShouldProcess = true)]
[OutputType(typeof(OrgSnapshot))]
public sealed class ExportOrgSnapshotCommand : ComponentFilterCmdlet
{
    /// <summary>What to snapshot: a folder, zip, DX project or another snapshot.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ArgumentCompleter(typeof(SourceCompleter))]
    [ValidateNotNull]
    public SourceArgument Source { get; set; } = null!;

    /// <summary>Read -Source as it was at this git revision.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SourceRevision { get; set; }

    /// <summary>The snapshot store folder; created when missing.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Store { get; set; } = string.Empty;

    /// <summary>The new snapshot's name; by default the source's name and the time.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter]
    public string? Description { get; set; }

    /// <summary>
    /// Records the snapshot as the back-promotion baseline of a pair: the environment changes come from, then the
    /// one they go to, named as Invoke-BackPromotion's -Source and -Target name them. Take it of the lower
    /// environment right after its refresh (it is then the higher one as it was), and Invoke-BackPromotion
    /// finds it and merges against it.
    /// </summary>
    [Parameter]
    [ValidateCount(2, 2)]
    [ArgumentCompleter(typeof(SourceCompleter))]
    public SourceArgument[]? BaselineFor { get; set; }

    /// <summary>For an org source: how many retrieve requests run at once.</summary>
    [Parameter]
    [ValidateRange(1, 10)]
    public int Parallelism { get; set; } = 3;

    /// <summary>Commit the new snapshot in the git work tree that holds the store.</summary>
    [Parameter]
    public SwitchParameter Commit { get; set; }

    /// <summary>The newest snapshot of the same org in the store, so that only what changed since is retrieved.</summary>
    private static RetrieveBaseline? RetrieveBaselineFor(string storePath, OrgConnection org)
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

    protected override object? ErrorTarget => Source;

    protected override void ProcessItem()
    {
        var storePath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Store);
        using var source = Source.Open(this, new SourceOpening(nameof(Source), SourceRevision, Filter, Parallelism, org => RetrieveBaselineFor(storePath, org)));
        if (source.FileSystem.Origin.Org is { } org)
        {
            WriteVerbose($"{source.Description}: {org.Counts}.");
        }

        var description = Description;
        if (BaselineFor is { } pair)
        {
            if (Description is not null)
            {
                throw new InvalidArgumentException("DescriptionWithBaseline", "-BaselineFor names the snapshot's description (the pair it is the baseline of); give -Description or -BaselineFor, not both.");
            }

            description = BackPromoter.BaselineDescription(pair[0].Describe(this), pair[1].Describe(this));
        }

        var name = Name ?? SnapshotNames.New(storePath, source, kind: BaselineFor is null ? null : "baseline");
        if (!ShouldProcess(storePath, $"Export snapshot '{name}' of {source.Description}"))
        {
            return;
        }

        var store = SnapshotStore.Open(storePath, create: true);
        var version = MyInvocation.MyCommand.Module?.Version?.ToString() ?? "0.0.0";
        var snapshot = new SnapshotExporter(Context).Export(store, source, name, description, version, Filter);
        if (Commit)
        {
            WriteVerbose($"Committed snapshot '{snapshot.Name}' as {SnapshotCommitter.Commit(store, snapshot)}");
        }

        Emit(snapshot);
    }
}
