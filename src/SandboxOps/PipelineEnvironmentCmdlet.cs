using System.Management.Automation;
using SandboxOps.Completion;

namespace SandboxOps;

/// <summary>The commands that act on one environment of a pipeline: -Environment (its name) and -Pipeline, declared once.</summary>
public abstract class PipelineEnvironmentCmdlet : SandboxOpsCmdlet
{
    /// <summary>The environment, by its name in the pipeline.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(PipelineEnvironmentCompleter))]
    [ValidateNotNullOrEmpty]
    public string Environment { get; set; } = string.Empty;

    /// <summary>The pipeline file, or the pipeline from Get-SandboxPipeline -Definition.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public PipelineArgument Pipeline { get; set; } = null!;

    protected override object? ErrorTarget => Environment;

    /// <summary>The environment in its pipeline, with the production org (<paramref name="org"/>, else the pipeline's org:alias Production environment).</summary>
    internal RefreshScope Scope(OrgArgument? org) => RefreshScope.Resolve(this, Pipeline.Read(this), Environment, org);
}
