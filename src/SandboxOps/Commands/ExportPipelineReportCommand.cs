using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using SandboxOps.Engine.Access;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Pipelines;
using SandboxOps.Engine.Refreshes;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Commands;

/// <summary>
/// Writes the drift of a pipeline as one self-contained HTML page (diagram, matrix, hand changes, not
/// back-promoted, in flight, expected drift, trend), or the environment strategy document as Markdown.
/// </summary>
[Cmdlet(VerbsData.Export, "PipelineReport", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportPipelineReportCommand : SandboxOpsCmdlet
{
    private readonly List<PipelineDrift> _drift = new();
    private readonly List<SandboxRefreshPlan> _plans = new();
    private readonly List<AccessGrant> _access = new();

    /// <summary>The report file to write.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = string.Empty;

    /// <summary>Drift records from Get-PipelineDrift.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public PipelineDrift[]? Drift { get; set; }

    /// <summary>Refresh plans from Get-SandboxRefreshPlan: the report gains a refresh calendar, the strategy document their readiness.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public SandboxRefreshPlan[]? RefreshPlan { get; set; }

    /// <summary>Grants from Get-OrgAccessAudit of the environments: the report and the strategy document gain a matrix of who holds each capability where.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public AccessGrant[]? Access { get; set; }

    /// <summary>The pipeline; without piped drift, its drift is computed first.</summary>
    [Parameter]
    [ValidateNotNull]
    public PipelineArgument? Pipeline { get; set; }

    /// <summary>Html (the default, or by a .html name) or Markdown (by a .md name): the environment strategy document.</summary>
    [Parameter]
    [ValidateSet("Html", "Markdown")]
    public string? Format { get; set; }

    /// <summary>The snapshot store of earlier Get-PipelineDrift -Store runs: adds the trend, and records this run when the drift is computed here.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Store { get; set; }

    /// <summary>Replace the file when it exists.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override object? ErrorTarget => Destination;

    protected override void ProcessItem()
    {
        _drift.AddRange(Drift ?? Array.Empty<PipelineDrift>());
        _plans.AddRange(RefreshPlan ?? Array.Empty<SandboxRefreshPlan>());
        _access.AddRange(Access ?? Array.Empty<AccessGrant>());
    }

    protected override void Complete()
    {
        var destination = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination);
        if (File.Exists(destination) && !Force)
        {
            throw new PipelineFileException(FailureKind.AlreadyExists, "ReportExists", $"'{destination}' already exists. Give another -Destination, or -Force to replace it.");
        }

        var pipeline = Pipeline?.Read(this) ?? _drift.FirstOrDefault()?.Pipeline
            ?? throw new InvalidArgumentException("NoPipeline", "Pipe in drift from Get-PipelineDrift, or give -Pipeline (refresh plans and access grants alone do not name their pipeline).");
        var markdown = string.Equals(Format, "Markdown", StringComparison.OrdinalIgnoreCase)
            || (Format is null && destination.EndsWith(".md", StringComparison.OrdinalIgnoreCase));
        if (!ShouldProcess(destination, $"Write the {(markdown ? "strategy document" : "drift report")} of '{pipeline.Name}'"))
        {
            return;
        }

        var store = Store is null ? null : SnapshotStore.Open(SessionState.Path.GetUnresolvedProviderPathFromPSPath(Store), create: true);
        var drift = _drift.Count > 0 || markdown ? _drift : PipelineDriftRun.Analyze(this, pipeline, Pipeline?.Environment is { } one ? new[] { one } : null, store, parallelism: 3).ToList();
        var now = DateTime.UtcNow;
        var text = markdown
            ? StrategyDocument.Markdown(pipeline, drift, now, RefreshCalendar.Markdown(pipeline, _plans) + (_access.Count == 0 ? null : AccessMatrix.Markdown(_access)))
            : PipelineReport.Html(pipeline, drift, store is null ? null : DriftTrend.Read(store, pipeline, drift.Select(d => new PipelineLink(d.From, d.To, d.Kind))), now, (_plans.Count == 0 ? null : RefreshCalendar.Html(_plans, now)) + (_access.Count == 0 ? null : AccessMatrix.Html(_access)));
        StagedOutput.WriteFile(destination, new UTF8Encoding(false).GetBytes(text), Force);
        Emit(new FileInfo(destination));
    }
}
