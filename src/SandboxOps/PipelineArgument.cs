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

    /// <summary>The pipeline: as given, or read from its file (relative to the current location).</summary>
    internal SandboxPipeline Read(PSCmdlet cmdlet) =>
        Pipeline ?? PipelineFile.Read(cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path!));
}
