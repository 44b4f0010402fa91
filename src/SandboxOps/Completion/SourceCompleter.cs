using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps.Completion;

/// <summary>
/// Tab completion of -Source and -Target: after "org:", the connected orgs; otherwise file and folder paths,
/// as PowerShell completes them (it does not for a parameter of a type of ours on its own).
/// </summary>
public sealed class SourceCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName,
        string parameterName,
        string wordToComplete,
        CommandAst commandAst,
        IDictionary fakeBoundParameters)
    {
        var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return typed.StartsWith(OrgConnection.SourcePrefix, StringComparison.OrdinalIgnoreCase)
            ? Completions.StartingWith(OrgConnections.All.Select(c => OrgConnection.SourcePrefix + c.Name), typed)
            : CompletionCompleters.CompleteFilename(wordToComplete);
    }
}
