using System.Collections.Generic;
using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.Pipelines;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Commands;

/// <summary>
/// Drift along a pipeline: every promotion and back-promotion, and every environment against the repository,
/// each place read once, with the expected drift of the file applied.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PipelineDrift")]
[OutputType(typeof(PipelineDrift))]
[OutputType(typeof(MetadataDifference))]
public sealed class GetPipelineDriftCommand : SandboxOpsCmdlet
{
    private readonly List<PipelineArgument> _inputs = new();

    /// <summary>The pipeline file, a pipeline, or environments piped from Get-SandboxPipeline (only their links are looked at).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public PipelineArgument Pipeline { get; set; } = null!;

    /// <summary>A snapshot store: every read is recorded there (an org's retrieve then only fetches what changed), and back-promotion baselines are looked up there.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Store { get; set; }

    /// <summary>Only the links that touch these environments.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(PipelineEnvironmentCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Environment { get; set; }

    /// <summary>The component differences of every link, each with Link and Kind, instead of one record per link.</summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    /// <summary>For an org environment: how many retrieve requests run at once.</summary>
    [Parameter]
    [ValidateRange(1, 10)]
    public int Parallelism { get; set; } = 3;

    protected override object? ErrorTarget => Pipeline;

    protected override void ProcessItem() => _inputs.Add(Pipeline);

    protected override void Complete()
    {
        var store = Store is null ? null : SnapshotStore.Open(SessionState.Path.GetUnresolvedProviderPathFromPSPath(Store), create: true);
        foreach (var (pipeline, piped) in PipelineArgument.ByPipeline(_inputs, this))
        {
            foreach (var drift in PipelineDriftRun.Analyze(this, pipeline, Environment ?? piped, store, Parallelism))
            {
                EmitDrift(drift);
            }
        }
    }

    private void EmitDrift(PipelineDrift drift)
    {
        if (!Detailed)
        {
            Emit(drift);
            return;
        }

        foreach (var difference in drift.Differences)
        {
            var item = PSObject.AsPSObject(difference);
            item.Properties.Add(new PSNoteProperty("Link", drift.From + " -> " + drift.To));
            item.Properties.Add(new PSNoteProperty("Kind", drift.Kind));
            Emit(item);
        }
    }
}
