using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SandboxOps.Engine.Pipelines;

namespace SandboxOps;

/// <summary>
/// What -Pipeline accepts: a pipeline file's path, the object Get-SandboxPipeline -Definition returns, or one of
/// its environments (which also narrows the command to that environment).
/// </summary>
public sealed class PipelineArgument
{
    public PipelineArgument(string path)
    {
        Path = path;
    }

    public PipelineArgument(System.IO.FileInfo file)
        : this(file.FullName)
    {
    }

    public PipelineArgument(SandboxPipeline pipeline)
    {
        Pipeline = pipeline;
    }

    public PipelineArgument(PipelineEnvironment environment)
    {
        Pipeline = environment.Pipeline;
        Environment = environment.Name;
    }

    public string? Path { get; }

    public SandboxPipeline? Pipeline { get; }

    /// <summary>The environment piped in, when one was.</summary>
    public string? Environment { get; }

    public override string ToString() => Pipeline?.File ?? Pipeline?.Name ?? Path ?? string.Empty;

    /// <summary>
    /// The pipelines the arguments piped into a command name, each read once, with the environments piped in for
    /// it (null when a whole pipeline was given), so a command reports each pipeline once.
    /// </summary>
    internal static IEnumerable<(SandboxPipeline Pipeline, string[]? Environments)> ByPipeline(IEnumerable<PipelineArgument> inputs, PSCmdlet cmdlet)
    {
        foreach (var group in inputs.Select(i => (Input: i, Pipeline: i.Read(cmdlet))).GroupBy(i => i.Pipeline.File ?? i.Pipeline.Name))
        {
            var piped = group.Where(i => i.Input.Environment is not null).Select(i => i.Input.Environment!).ToArray();
            yield return (group.First().Pipeline, piped.Length > 0 ? piped : null);
        }
    }

    /// <summary>The pipeline: as given, or read from its file (relative to the current location).</summary>
    internal SandboxPipeline Read(PSCmdlet cmdlet) =>
        Pipeline ?? PipelineFile.Read(cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path!));
}
