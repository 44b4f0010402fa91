using System.Collections.Generic;
using SandboxOps.Engine.Reading;

namespace SandboxOps.Engine.Comparison;

/// <summary>
/// What comparing two files by their root's children decided: the components that may differ on each side
/// (identical ones left out), or that it could not decide, and why, so the caller reads the files whole.
/// </summary>
internal sealed class FragmentVerdict
{
    private FragmentVerdict(IReadOnlyList<ComponentContent> source, IReadOnlyList<ComponentContent> target, string? undecidedBecause)
    {
        Source = source;
        Target = target;
        UndecidedBecause = undecidedBecause;
    }

    public bool Decided => UndecidedBecause is null;

    /// <summary>Why the files must be read whole (for the debug log); null when decided.</summary>
    public string? UndecidedBecause { get; }

    public IReadOnlyList<ComponentContent> Source { get; }

    public IReadOnlyList<ComponentContent> Target { get; }

    public static FragmentVerdict Narrowed(IReadOnlyList<ComponentContent> source, IReadOnlyList<ComponentContent> target) => new(source, target, null);

    public static FragmentVerdict Undecided(string because) => new(System.Array.Empty<ComponentContent>(), System.Array.Empty<ComponentContent>(), because);
}
