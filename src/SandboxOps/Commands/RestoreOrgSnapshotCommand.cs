using System;
using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Salesforce;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Commands;

/// <summary>
/// Writes a snapshot, or part of it, back out as a deployable Metadata API folder or a DX project, or
/// deploys it to a connected org (-Org).
/// </summary>
[Cmdlet(VerbsData.Restore, "OrgSnapshot", SupportsShouldProcess = true, DefaultParameterSetName = FolderSet)]
[OutputType(typeof(SnapshotRestoreResult), ParameterSetName = new[] { FolderSet })]
[OutputType(typeof(DeployResult), ParameterSetName = new[] { OrgSet })]
public sealed class RestoreOrgSnapshotCommand : OrgChangingCmdlet
{
    private const string FolderSet = "Folder";
    private const string OrgSet = "Org";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public SnapshotArgument Snapshot { get; set; } = null!;

    /// <summary>A new or empty folder to write to.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = FolderSet)]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = string.Empty;

    /// <summary>A connected org to deploy the snapshot (or the selected part) to.</summary>
    [Parameter(Mandatory = true, ParameterSetName = OrgSet)]
    [ValidateNotNull]
    public OrgArgument? Org { get; set; }

    /// <summary>Validate the restore in the org without changing it.</summary>
    [Parameter(ParameterSetName = OrgSet)]
    public SwitchParameter CheckOnly { get; set; }

    /// <summary>Which Apex tests run with -Org (default: none for sandboxes, local tests for production).</summary>
    [Parameter(ParameterSetName = OrgSet)]
    [ValidateSet("NoTestRun", "RunSpecifiedTests", "RunLocalTests", "RunAllTestsInOrg")]
    public string? TestLevel { get; set; }

    /// <summary>The layout to write; the snapshot's own when omitted.</summary>
    /// <remarks>A string, not the engine's enum: an engine value type in a cmdlet's field would load the
    /// engine while PowerShell inspects the cmdlet, before the module's load context exists.</remarks>
    [Parameter(ParameterSetName = FolderSet)]
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
        if (ParameterSetName == OrgSet)
        {
            RestoreToOrg();
            return;
        }

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

    /// <summary>The snapshot written as a Metadata API package in a temporary folder, then deployed.</summary>
    private void RestoreToOrg()
    {
        var package = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sandboxops-restore-" + Guid.NewGuid().ToString("N"));
        try
        {
            var org = Org!.Resolve();
            if (!AllowedToDeploy(org, changes: !CheckOnly, $"snapshot '{Snapshot.Snapshot.Name}'"))
            {
                return;
            }

            var filter = new ReadOptions(TypeArgument.Canonicalize(this, Type), NameFilter.From(Name));
            var store = SnapshotStore.Open(Snapshot.Snapshot.Store, create: false);
            SnapshotRestorer.Restore(store, Snapshot.Snapshot.Name, package, MetadataFormat.MetadataApi, filter, filtered: true, Reporter, CancellationToken);
            Report(new OrgDeployer(Reporter, Logging).DeployAsync(org, package, new DeployOptions(CheckOnly, TestLevelFor(org, TestLevel), cancelOnStop: !NoCancelOnStop), CancellationToken).GetAwaiter().GetResult());
        }
        catch (SalesforceException failure)
        {
            WriteError(OrgErrors.Record(failure, Org!.Name));
        }
        catch (SnapshotStoreException failure)
        {
            ThrowTerminatingError(SnapshotErrors.Record(failure, Org!.Name));
        }
        finally
        {
            if (System.IO.Directory.Exists(package))
            {
                System.IO.Directory.Delete(package, recursive: true);
            }
        }
    }
}
