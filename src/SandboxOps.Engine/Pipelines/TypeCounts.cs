using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;

namespace SandboxOps.Engine.Pipelines;

/// <summary>How many differences of each metadata type, most first; reads as "Profile=3, ApexClass=1" in a CSV.</summary>
public sealed class TypeCounts : ReadOnlyDictionary<string, int>
{
    public TypeCounts(IEnumerable<string> types)
        : base(Tally(types))
    {
    }

    public override string ToString() =>
        string.Join(", ", this.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value.ToString(CultureInfo.InvariantCulture)));

    private static Dictionary<string, int> Tally(IEnumerable<string> types)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            counts[type] = counts.TryGetValue(type, out var count) ? count + 1 : 1;
        }

        return counts;
    }
}
