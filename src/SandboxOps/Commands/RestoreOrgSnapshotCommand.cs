using System;
using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Commands;

/// <summary>Writes a snapshot, or part of it, back out as a deployable Metadata API folder or a DX project.</summary>
[Cmdlet(VerbsData.Restore, "OrgSnapshot", SupportsShouldProcess = true)]
[OutputType(typeof(SnapshotRestoreResult))]
public sealed class RestoreOrgSnapshotCommand : SandboxOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public SnapshotArgument Snapshot { get; set; } = null!;

    /// <summary>A new or empty folder to write to.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = string.Empty;

    /// <summary>The layout to write; the snapshot's own when omitted.</summary>
    /// <remarks>A string, not the engine's enum: an engine value type in a cmdlet's field would load the
    /// engine while PowerShell inspects the cmdlet, before the module's load context exists.</remarks>
    [Parameter]
    [ValidateSet("MetadataApi", "Source")]
    public string? Format { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(MetadataTypeCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Type { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    protected override void ProcessItem()
    {
        var destination = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination);
        if (!ShouldProcess(destination, $"Restore snapshot '{Snapshot.Snapshot.Name}'"))
        {
            return;
        }

        try
        {
            var filter = new ReadOptions(TypeArgument.Canonicalize(this, Type), NameFilter.From(Name));
            var store = SnapshotStore.Open(Snapshot.Snapshot.Store, create: false);
            var format = Format is null ? (MetadataFormat?)null : (MetadataFormat)Enum.Parse(typeof(MetadataFormat), Format, ignoreCase: true);
            Emit(SnapshotRestorer.Restore(store, Snapshot.Snapshot.Name, destination, format, filter, filtered: Type is not null || Name is not null, Reporter, CancellationToken));
        }
        catch (SnapshotStoreException failure)
        {
            ThrowTerminatingError(SnapshotErrors.Record(failure, destination));
        }
    }
}
