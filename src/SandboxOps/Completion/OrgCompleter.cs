using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace SandboxOps.Completion;

/// <summary>Tab completion of -Org: the aliases of the orgs connected in this session.</summary>
public sealed class OrgCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName,
        string parameterName,
        string wordToComplete,
        CommandAst commandAst,
        IDictionary fakeBoundParameters)
    {
        return Completions.StartingWith(OrgConnections.All.Select(c => c.Name), wordToComplete);
    }
}
