using System;
using System.Management.Automation;
using SandboxOps.Completion;
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
public sealed class WaitSandboxRefreshCommand : SandboxOpsCmdlet
{
    /// <summary>The environment whose refresh to follow, by its name in the pipeline.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(PipelineEnvironmentCompleter))]
    [ValidateNotNullOrEmpty]
    public string Environment { get; set; } = string.Empty;

    /// <summary>The pipeline file, or the pipeline from Get-SandboxPipeline -Definition.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public PipelineArgument Pipeline { get; set; } = null!;

    /// <summary>The production org that owns the sandbox; by default the pipeline's Production environment when it is an org.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(OrgCompleter))]
    public OrgArgument? Org { get; set; }

    /// <summary>Where the baseline is recorded when the copy completes.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Store { get; set; }

    /// <summary>Activate a copy that waits for activation (the sandbox is replaced), then follow it.</summary>
    [Parameter]
    public SwitchParameter Activate { get; set; }

    /// <summary>How long to follow the copy before returning (default 30 minutes).</summary>
    [Parameter]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often the copy's status is read (default 30 seconds).</summary>
    [Parameter]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    protected override object? ErrorTarget => Environment;

    protected override void ProcessItem()
    {
        var scope = RefreshScope.Resolve(this, Pipeline.Read(this), Environment, Org);
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
