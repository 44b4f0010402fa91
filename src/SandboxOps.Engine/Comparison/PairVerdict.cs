using System.Collections.Generic;
using SandboxOps.Engine.Reading;

namespace SandboxOps.Engine.Comparison;

/// <summary>
/// What examining a unit pair found: identical bytes (nothing read, unless identical components were asked
/// for), or the components that may differ on each side, with trees only where a partner will be diffed.
/// </summary>
internal sealed class PairVerdict
{
    public PairVerdict(ReadUnit sourceUnit, ReadUnit? targetUnit, bool identical, IReadOnlyList<ComponentContent> source, IReadOnlyList<ComponentContent> target)
    {
        SourceUnit = sourceUnit;
        TargetUnit = targetUnit;
        Identical = identical;
        Source = source;
        Target = target;
    }

    public ReadUnit SourceUnit { get; }

    public ReadUnit? TargetUnit { get; }

    /// <summary>The pair's files are the same bytes: every component in it is Identical.</summary>
    public bool Identical { get; }

    public IReadOnlyList<ComponentContent> Source { get; }

    public IReadOnlyList<ComponentContent> Target { get; }
}
