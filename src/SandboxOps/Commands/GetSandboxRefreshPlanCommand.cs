using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.Pipelines;
using SandboxOps.Engine.Refreshes;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps.Commands;

/// <summary>
/// One record per sandbox of a pipeline: its last refresh and the next one its licence allows, the work only it holds,
/// its newest verified snapshot, production's record counts with the time to load them, and whether it is ready.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SandboxRefreshPlan")]
[OutputType(typeof(SandboxRefreshPlan))]
public sealed class GetSandboxRefreshPlanCommand : SandboxOpsCmdlet
{
    private readonly List<PipelineArgument> _inputs = new();

    /// <summary>The pipeline file, a pipeline, or environments piped from Get-SandboxPipeline.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public PipelineArgument Pipeline { get; set; } = null!;

    /// <summary>Only these environments (by default every sandbox of the pipeline).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(PipelineEnvironmentCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Environment { get; set; }

    /// <summary>The production org to ask for sandbox copies and record counts; by default the pipeline's Production environment when it is an org.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(OrgCompleter))]
    public OrgArgument? Org { get; set; }

    /// <summary>The snapshot store to look for the sandboxes' snapshots in (and to record the reads in, as Get-PipelineDrift does).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Store { get; set; }

    /// <summary>How old a sandbox's newest verified snapshot may be for it to be ready (default 24 hours).</summary>
    [Parameter]
    public TimeSpan MaxSnapshotAge { get; set; } = RefreshPlanner.DefaultMaxSnapshotAge;

    /// <summary>For an org environment: how many retrieve requests run at once.</summary>
    [Parameter]
    [ValidateRange(1, 10)]
    public int Parallelism { get; set; } = 3;

    protected override object? ErrorTarget => Pipeline;

    protected override void ProcessItem() => _inputs.Add(Pipeline);

    protected override void Complete()
    {
        foreach (var (pipeline, piped) in PipelineArgument.ByPipeline(_inputs, this))
        {
            var names = Environment ?? piped ?? pipeline.Environments.Where(RefreshScope.IsSandbox).Select(e => e.Name).ToArray();
            Plan(pipeline, names.Select(pipeline.Require).ToList());
        }
    }

    private void Plan(SandboxPipeline pipeline, List<PipelineEnvironment> sandboxes)
    {
        var production = RefreshScope.ProductionOf(this, pipeline, Org);
        if (production is null)
        {
            WriteVerbose("No production org is connected (-Org, or an org:alias Production environment): last refreshes come from the pipeline file, and there are no record counts.");
        }

        var processes = production is null ? new List<SandboxProcess>() : new SandboxApi(production).ProcessesAsync(CancellationToken).GetAwaiter().GetResult().ToList();
        var counts = production is null || pipeline.Refresh.Objects.Count == 0
            ? new Dictionary<string, long>()
            : new OrgData(production).RecordCountsAsync(pipeline.Refresh.Objects, CancellationToken).GetAwaiter().GetResult();
        var storePath = Store is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Store);
        var store = storePath is null ? null : Engine.Snapshots.SnapshotStore.Open(storePath, create: true);
        var unsaved = PipelineDriftRun.Unsaved(this, pipeline, sandboxes.Select(s => s.Name).ToList(), store, Parallelism);
        var now = DateTimeOffset.UtcNow;
        foreach (var sandbox in sandboxes)
        {
            var facts = new RefreshFacts(
                now,
                processes.FirstOrDefault(p => string.Equals(p.SandboxName, sandbox.SandboxName, StringComparison.OrdinalIgnoreCase)),
                sandbox.Refresh.LastRefresh,
                store is null ? null : RefreshSnapshots.NewestVerified(store, sandbox.Source, CancellationToken),
                unsaved.TryGetValue(sandbox.Name, out var keys) ? keys.Select(k => k.ToString()).ToList() : null,
                counts,
                RefreshScope.LastChange(this, sandbox));
            Emit(RefreshPlanner.Plan(sandbox, facts, pipeline.Refresh.RecordsPerMinute, MaxSnapshotAge));
        }
    }
}
