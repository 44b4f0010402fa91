using System;
using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.Model;
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
public sealed class RestoreOrgSnapshotCommand : ComponentFilterCmdlet, IDynamicParameters
{
    private const string FolderSet = "Folder";
    private const string OrgSet = "Org";
    private readonly DeployParameters _deploy = new();

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public SnapshotArgument Snapshot { get; set; } = null!;

    /// <summary>A new or empty folder to write to.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = FolderSet)]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = string.Empty;

    /// <summary>A connected org to deploy the snapshot (or the selected part) to.</summary>
    [Parameter(Mandatory = true, ParameterSetName = OrgSet)]
    [ArgumentCompleter(typeof(OrgCompleter))]
    [ValidateNotNull]
    public OrgArgument? Org { get; set; }

    /// <summary>The layout to write; the snapshot's own when omitted.</summary>
    /// <remarks>A string, not the engine's enum: an engine value type in a cmdlet's field would load the
    /// engine while PowerShell inspects the cmdlet, before the module's load context exists.</remarks>
    [Parameter(ParameterSetName = FolderSet)]
    [ValidateSet("MetadataApi", "Source")]
    public string? Format { get; set; }

    public object GetDynamicParameters() => _deploy;

    protected override void ProcessItem()
    {
        if (ParameterSetName == OrgSet)
        {
            RestoreToOrg();
            return;
        }

        if (_deploy.AnyGiven)
        {
            throw new InvalidArgumentException("DeployParameterWithoutOrg", "-CheckOnly, -TestLevel, -RunTests, -AllowProduction and -NoCancelOnStop apply to a restore into an org: give -Org, or leave them out to write -Destination.");
        }

        var destination = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination);
        if (!ShouldProcess(destination, $"Restore snapshot '{Snapshot.Snapshot.Name}'"))
        {
            return;
        }

        var store = SnapshotStore.Open(Snapshot.Snapshot.Store, create: false);
        var format = Format is null ? (MetadataFormat?)null : (MetadataFormat)Enum.Parse(typeof(MetadataFormat), Format, ignoreCase: true);
        Emit(SnapshotRestorer.Restore(store, Snapshot.Snapshot.Name, destination, format, Filter, filtered: !Filter.SelectsEverything, Context));
    }

    protected override object? ErrorTarget => ParameterSetName == OrgSet ? Org?.Name : Destination;

    /// <summary>The snapshot (or the part the filter selects) deployed to the org, behind the production guard.</summary>
    private void RestoreToOrg()
    {
        var org = Org!.Resolve();
        var deployment = new OrgDeployment(this, _deploy);
        if (!deployment.AllowedToDeploy(org, $"snapshot '{Snapshot.Snapshot.Name}'"))
        {
            return;
        }

        var store = SnapshotStore.Open(Snapshot.Snapshot.Store, create: false);
        deployment.Report(new OrgDeployer(Context).DeploySnapshotAsync(org, store, Snapshot.Snapshot.Name, Filter, deployment.OptionsFor(org)).GetAwaiter().GetResult());
    }
}
