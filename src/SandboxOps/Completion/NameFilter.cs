using System;
using System.Linq;
using System.Management.Automation;

namespace SandboxOps.Completion;

/// <summary>-Name wildcard patterns, with PowerShell's own wildcard rules, as a predicate for the engine.</summary>
internal static class NameFilter
{
    public static Func<string, bool>? From(string[]? patterns)
    {
        if (patterns is null)
        {
            return null;
        }

        var compiled = patterns.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        return fullName => compiled.Any(p => p.IsMatch(fullName));
    }
}
