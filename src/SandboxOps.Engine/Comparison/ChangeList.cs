using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace SandboxOps.Engine.Comparison;

/// <summary>The element changes of one difference; ToString joins them so Export-Csv writes them readably.</summary>
public sealed class ChangeList : ReadOnlyCollection<ElementChange>
{
    public ChangeList(IList<ElementChange> changes)
        : base(changes)
    {
    }

    public override string ToString() => string.Join("; ", this);
}
