using System;
using System.Linq;
using System.Management.Automation;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Refreshes;
using SandboxOps.Engine.Salesforce;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Commands;

/// <summary>
/// Refreshes a sandbox of a pipeline from production through the Tooling API, as sf org refresh sandbox does, and only
/// when nothing is lost by it: a verified snapshot of the sandbox, young enough and taken after its last change, must
/// exist (or -Force), and the licence's interval must have passed (Salesforce refuses it too; this says so first).
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "SandboxRefresh", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(SandboxRefreshResult))]
public sealed class StartSandboxRefreshCommand : SandboxRefreshCmdlet
{
    /// <summary>How old the sandbox's newest verified snapshot may be (default 24 hours).</summary>
    [Parameter]
    public TimeSpan MaxSnapshotAge { get; set; } = RefreshPlanner.DefaultMaxSnapshotAge;

    /// <summary>Refresh without a fresh verified snapshot (the interval and a copy under way still stop it).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Return as soon as Salesforce has queued the copy; follow it later with Wait-SandboxRefresh.</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    /// <summary>Leave the copy waiting for activation instead of replacing the sandbox as soon as it is done.</summary>
    [Parameter]
    public SwitchParameter NoAutoActivate { get; set; }

    protected override void ProcessItem()
    {
        var scope = Scope(Org);
        scope.RequireSandbox();
        var environment = scope.Environment;
        var api = new SandboxApi(scope.RequireProduction());
        var latest = api.LatestAsync(environment.SandboxName, CancellationToken).GetAwaiter().GetResult();
        var store = OpenStore(Store, this);
        var facts = new RefreshFacts(
            DateTimeOffset.UtcNow,
            latest,
            environment.Refresh.LastRefresh,
            store is null ? null : RefreshSnapshots.NewestVerified(store, environment.Source, CancellationToken),
            null,
            RefreshFacts.NoRecordCounts,
            RefreshScope.LastChange(this, environment));
        var blocking = RefreshPlanner.Blocking(environment, facts).ToList();
        if (blocking.Count > 0)
        {
            throw new InvalidArgumentException("RefreshNotAllowed", $"'{environment.Name}' cannot be refreshed now: {string.Join(" ", blocking)}");
        }

        var unsafeBecause = RefreshPlanner.SnapshotProblems(facts, MaxSnapshotAge).ToList();
        if (unsafeBecause.Count > 0 && !Force)
        {
            throw new InvalidArgumentException("RefreshUnguarded", $"Refreshing '{environment.Name}' would wipe work that no snapshot holds: {string.Join(" ", unsafeBecause)} Snapshot it first (Export-OrgSnapshot -Source '{environment.Source}' -Store <store>, then Test-OrgSnapshot), or give -Force to refresh anyway.");
        }

        foreach (var reason in unsafeBecause)
        {
            WriteWarning($"-Force: refreshing '{environment.Name}' although {reason}");
        }

        if (!ShouldProcess($"sandbox {environment.SandboxName} ({environment.Name}) of {api.Production.Name}", "Refresh from production: the sandbox's metadata and data are replaced"))
        {
            return;
        }

        var process = api.RefreshAsync(environment.SandboxName, !NoAutoActivate, CancellationToken).GetAwaiter().GetResult();
        WriteVerbose($"Salesforce queued the copy of {environment.SandboxName}: process {process.Id}, {process.Status}.");
        Emit(NoWait
            ? new SandboxRefreshResult(environment.Name, process, RefreshOutcome.Queued, null)
            : RefreshFollower.Follow(this, scope, api, process, Timeout, PollInterval, store ?? (Store is null ? null : SnapshotStore.Open(SessionState.Path.GetUnresolvedProviderPathFromPSPath(Store), create: true))));
    }

    /// <summary>The store, or null when none is given or it does not exist yet (then no snapshot is in it).</summary>
    private static SnapshotStore? OpenStore(string? store, PSCmdlet cmdlet)
    {
        if (store is null)
        {
            return null;
        }

        try
        {
            return SnapshotStore.Open(cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(store), create: false);
        }
        catch (SnapshotStoreException)
        {
            return null;
        }
    }
}
