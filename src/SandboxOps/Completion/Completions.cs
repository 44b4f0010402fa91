using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace SandboxOps.Completion;

/// <summary>What every completer of ours returns: the candidates that start with the word typed, quotes ignored.</summary>
internal static class Completions
{
    public static IEnumerable<CompletionResult> StartingWith(IEnumerable<string> candidates, string? wordToComplete)
    {
        var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return candidates
            .Where(candidate => candidate.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Select(candidate => new CompletionResult(candidate, candidate, CompletionResultType.ParameterValue, candidate));
    }
}
