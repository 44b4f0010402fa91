using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Pipelines;

namespace SandboxOps.Completion;

/// <summary>Tab completion of -Environment: the environment names of the pipeline file already given to -Pipeline.</summary>
public sealed class PipelineEnvironmentCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName,
        string parameterName,
        string wordToComplete,
        CommandAst commandAst,
        IDictionary fakeBoundParameters)
    {
        var pipeline = fakeBoundParameters["Pipeline"] switch
        {
            SandboxPipeline read => read,
            PipelineArgument { Pipeline: { } read } => read,
            string path => TryRead(path),
            _ => null,
        };
        return Completions.StartingWith(pipeline?.Environments.Select(e => e.Name) ?? Enumerable.Empty<string>(), wordToComplete);
    }

    private static SandboxPipeline? TryRead(string path)
    {
        try
        {
            return PipelineFile.Read(path);
        }
        catch (SandboxOpsException)
        {
            return null; // nothing to offer while the file is missing or being written
        }
        catch (IOException)
        {
            return null;
        }
    }
}
