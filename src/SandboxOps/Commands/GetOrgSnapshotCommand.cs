using System.Linq;
using System.Management.Automation;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Commands;

/// <summary>Lists the snapshots of a store, newest first.</summary>
[Cmdlet(VerbsCommon.Get, "OrgSnapshot")]
[OutputType(typeof(OrgSnapshot))]
public sealed class GetOrgSnapshotCommand : SandboxOpsCmdlet
{
    /// <summary>The snapshot store folder.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Store { get; set; } = string.Empty;

    [Parameter(Position = 1)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    [Parameter]
    public SwitchParameter Latest { get; set; }

    protected override void ProcessItem()
    {
        var storePath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Store);
        var matches = Completion.NameFilter.From(Name) ?? (_ => true);
        var snapshots = SnapshotStore.Open(storePath, create: false).List().Where(s => matches(s.Name));
        foreach (var snapshot in Latest ? snapshots.Take(1) : snapshots)
        {
            Emit(snapshot);
        }
    }

    protected override object? ErrorTarget => Store;
}
