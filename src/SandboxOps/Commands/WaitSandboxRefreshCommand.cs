using System.Management.Automation;
using SandboxOps.Engine.Refreshes;
using SandboxOps.Engine.Salesforce;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Commands;

/// <summary>
/// Follows a sandbox's newest copy until it ends (after Start-SandboxRefresh -NoWait, a timeout, or a refresh started
/// elsewhere), activates a copy that waits for it with -Activate, and records the baseline when the copy completes.
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "SandboxRefresh", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(SandboxRefreshResult))]
public sealed class WaitSandboxRefreshCommand : SandboxRefreshCmdlet
{

    /// <summary>Activate a copy that waits for activation (the sandbox is replaced), then follow it.</summary>
    [Parameter]
    public SwitchParameter Activate { get; set; }

    protected override void ProcessItem()
    {
        var scope = Scope(Org);
        scope.RequireSandbox();
        var api = new SandboxApi(scope.RequireProduction());
        var sandbox = scope.Environment.SandboxName;
        var process = api.LatestAsync(sandbox, CancellationToken).GetAwaiter().GetResult()
            ?? throw new SalesforceException("SandboxProcessNotFound", $"{api.Production.Name} has no copy of the sandbox '{sandbox}' to follow. Start one with Start-SandboxRefresh.");
        if (process.AwaitsActivation && Activate)
        {
            if (!ShouldProcess($"sandbox {sandbox} ({scope.Environment.Name})", "Activate the copy: the sandbox is replaced"))
            {
                return;
            }

            api.ActivateAsync(process.Id, CancellationToken).GetAwaiter().GetResult();
            process = api.ProcessAsync(process.Id, CancellationToken).GetAwaiter().GetResult();
        }

        var store = Store is null ? null : SnapshotStore.Open(SessionState.Path.GetUnresolvedProviderPathFromPSPath(Store), create: true);
        Emit(RefreshFollower.Follow(this, scope, api, process, Timeout, PollInterval, store));
    }
}
