using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Reading;

namespace SandboxOps.Engine.Comparison;

/// <summary>What a comparison looks at and reports.</summary>
public sealed class CompareOptions
{
    public CompareOptions(ReadOptions read, IEnumerable<IgnoreRule>? ignoreRules = null, bool includeIdentical = false, bool includeTextDiff = false, bool ignoreWhitespace = false)
    {
        IgnoreWhitespace = ignoreWhitespace;
        Read = read;
        IgnoreRules = ignoreRules?.ToList() ?? new List<IgnoreRule>();
        IncludeIdentical = includeIdentical;
        IncludeTextDiff = includeTextDiff;
    }

    /// <summary>Type and name filters, applied to both sides.</summary>
    public ReadOptions Read { get; }

    public IReadOnlyList<IgnoreRule> IgnoreRules { get; }

    public bool IncludeIdentical { get; }

    public bool IncludeTextDiff { get; }

    /// <summary>
    /// As <c>git diff -w</c>: XML whitespace at the edges of a value and whitespace inside code lines are
    /// noise (<see cref="NoiseKinds.Whitespace"/>), not changes.
    /// </summary>
    public bool IgnoreWhitespace { get; }

    internal bool IgnoresComponent(string type, string fullName) =>
        IgnoreRules.Any(r => r.IgnoresWholeComponents && r.MatchesComponent(type, fullName));
}
