using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using SandboxOps.Engine.Comparison;

namespace SandboxOps.Engine.Pipelines;

/// <summary>Component differences, with a one-line form for Export-Csv and Format-Table.</summary>
public sealed class DifferenceList : ReadOnlyCollection<MetadataDifference>
{
    private const int Shown = 5;

    public DifferenceList(IList<MetadataDifference> differences)
        : base(differences)
    {
    }

    public override string ToString()
    {
        var shown = string.Join("; ", this.Take(Shown).Select(d => d.Type + " " + d.FullName));
        return Count > Shown ? $"{shown}; and {Count - Shown} more" : shown;
    }
}
