using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using SandboxOps.Engine.Registry;

namespace SandboxOps.Completion;

/// <summary>Tab completion of metadata type names for -Type and -ExcludeType.</summary>
public sealed class MetadataTypeCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName,
        string parameterName,
        string wordToComplete,
        CommandAst commandAst,
        IDictionary fakeBoundParameters)
    {
        return Completions.StartingWith(MetadataTypeRegistry.Default.AllTypeNames, wordToComplete);
    }
}
