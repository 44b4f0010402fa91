using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Commands;

/// <summary>
/// Removes snapshots by name, age or retention (keep the newest N per source), then the stored files no
/// remaining snapshot uses. Content another snapshot shares is never removed.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "OrgSnapshot", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = StoreSet)]
[OutputType(typeof(OrgSnapshot))]
public sealed class RemoveOrgSnapshotCommand : SandboxOpsCmdlet
{
    private const string StoreSet = "Store";
    private const string SnapshotSet = "Snapshot";
    private readonly List<OrgSnapshot> _piped = new();

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = SnapshotSet)]
    [ValidateNotNull]
    public SnapshotArgument[] Snapshot { get; set; } = Array.Empty<SnapshotArgument>();

    /// <summary>The snapshot store folder.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = StoreSet)]
    [ValidateNotNullOrEmpty]
    public string Store { get; set; } = string.Empty;

    [Parameter(Position = 1, ParameterSetName = StoreSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Keep the newest N snapshots of each source.</summary>
    [Parameter(ParameterSetName = StoreSet)]
    [ValidateRange(0, int.MaxValue)]
    public int? KeepLast { get; set; }

    /// <summary>Only snapshots taken before this time.</summary>
    [Parameter(ParameterSetName = StoreSet)]
    public DateTime? OlderThan { get; set; }

    /// <summary>Do not ask for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Emit the snapshots that were removed.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessItem()
    {
        if (ParameterSetName == SnapshotSet)
        {
            _piped.AddRange(Snapshot.Select(s => s.Snapshot));
            return;
        }

        if (Name is null && KeepLast is null && OlderThan is null)
        {
            throw new InvalidArgumentException("NothingSelected", "Say which snapshots to remove: -Name, -KeepLast or -OlderThan (or pipe them in).");
        }

        var storePath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Store);
        RemoveFrom(storePath, store => SnapshotRetention.Select(store.List(), Completion.NameFilter.From(Name) ?? (_ => true), KeepLast, OlderThan));
    }

    protected override void Complete()
    {
        foreach (var group in _piped.GroupBy(s => s.Store, StringComparer.Ordinal))
        {
            var names = new HashSet<string>(group.Select(s => s.Name), StringComparer.Ordinal);
            RemoveFrom(group.Key, store => store.List().Where(s => names.Contains(s.Name)).ToList());
        }
    }

    /// <summary>One store's share of the removal; a store that fails is reported and the next one goes on.</summary>
    private void RemoveFrom(string storePath, Func<SnapshotStore, IReadOnlyList<OrgSnapshot>> select) => ForInput(storePath, () =>
    {
        var store = SnapshotStore.Open(storePath, create: false);
        var removed = new SnapshotRemover(Context).Remove(store, select, ShouldRemove, collectOrphans: !MyInvocation.BoundParameters.ContainsKey("WhatIf"));
        foreach (var snapshot in removed.Where(_ => PassThru))
        {
            Emit(snapshot);
        }
    });

    /// <summary>ShouldProcess (prompting, as ConfirmImpact is High); -Force answers yes, except that -WhatIf still only reports.</summary>
    private bool ShouldRemove(OrgSnapshot snapshot) =>
        (Force && !MyInvocation.BoundParameters.ContainsKey("WhatIf"))
        || ShouldProcess($"{snapshot.Name} ({snapshot.Source}, {snapshot.Created:u})", "Remove snapshot");
}
