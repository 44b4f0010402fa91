using System.Linq;
using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.Pipelines;

namespace SandboxOps.Commands;

/// <summary>Reads a pipeline file: its environments (by default), its links, or the whole definition.</summary>
[Cmdlet(VerbsCommon.Get, "SandboxPipeline", DefaultParameterSetName = EnvironmentsSet)]
[OutputType(typeof(PipelineEnvironment), ParameterSetName = new[] { EnvironmentsSet })]
[OutputType(typeof(PipelineLink), ParameterSetName = new[] { LinksSet })]
[OutputType(typeof(SandboxPipeline), ParameterSetName = new[] { DefinitionSet })]
public sealed class GetSandboxPipelineCommand : SandboxOpsCmdlet
{
    private const string EnvironmentsSet = "Environments";
    private const string LinksSet = "Links";
    private const string DefinitionSet = "Definition";

    /// <summary>The pipeline file (or a pipeline read before).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public PipelineArgument Pipeline { get; set; } = null!;

    /// <summary>Only these environments (wildcards allowed); links that touch them with -Link.</summary>
    [Parameter(ParameterSetName = EnvironmentsSet, Position = 1)]
    [Parameter(ParameterSetName = LinksSet)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(PipelineEnvironmentCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Environment { get; set; }

    /// <summary>The promotions and back-promotions instead of the environments.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LinksSet)]
    public SwitchParameter Link { get; set; }

    /// <summary>The whole pipeline as one object (what -Pipeline of the other commands takes).</summary>
    [Parameter(Mandatory = true, ParameterSetName = DefinitionSet)]
    public SwitchParameter Definition { get; set; }

    protected override object? ErrorTarget => Pipeline;

    protected override void ProcessItem()
    {
        var pipeline = Pipeline.Read(this);
        var named = NameFilter.From(Environment) ?? (_ => true);
        if (Definition)
        {
            Emit(pipeline);
        }
        else if (Link)
        {
            foreach (var link in pipeline.Links.Where(l => named(l.From) || named(l.To)))
            {
                Emit(link);
            }
        }
        else
        {
            foreach (var environment in pipeline.Environments.Where(e => named(e.Name)))
            {
                Emit(environment);
            }
        }
    }
}
