using System;
using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Reading;

namespace SandboxOps.Engine.Comparison;

/// <summary>A source unit and the target unit that holds the same file group, if there is one.</summary>
internal readonly struct UnitPair
{
    public UnitPair(ReadUnit source, ReadUnit? target)
    {
        Source = source;
        Target = target;
    }

    public ReadUnit Source { get; }

    public ReadUnit? Target { get; }
}

/// <summary>
/// The first stage of a comparison: the two sides' units paired by (kind, type, fullName). Across formats only
/// a whole-file unit with the same parts pairs (a profile, an Apex class and its meta file are the same file
/// group in both formats); a container does not, because a DX project keeps its children in files of their own
/// (an object file's fields are matched by key with the field files later). A
/// unit whose key is held twice on its side (two package directories) pairs with nothing, so both are read
/// and the duplicate reported.
/// </summary>
internal sealed class UnitPairs
{
    private UnitPairs(List<UnitPair> pairs, List<ReadUnit> targetOnly)
    {
        Pairs = pairs;
        TargetOnly = targetOnly;
    }

    /// <summary>Every selected source unit, with its target partner or none, in path order.</summary>
    public List<UnitPair> Pairs { get; }

    /// <summary>Selected target units no source unit paired with.</summary>
    public List<ReadUnit> TargetOnly { get; }

    public int Count => Pairs.Count + TargetOnly.Count;

    public static UnitPairs Of(ComparisonSide source, ComparisonSide target, ReadOptions filter)
    {
        var sourceUnits = source.SelectedUnits(filter);
        var targetUnits = target.SelectedUnits(filter);
        var sameFormat = source.Source.Format == target.Source.Format;
        var targetByKey = UniqueByKey(targetUnits);
        var sourceByKey = UniqueByKey(sourceUnits);
        var pairs = new List<UnitPair>(sourceUnits.Count);
        var paired = new HashSet<ReadUnit>();
        foreach (var unit in sourceUnits)
        {
            var key = Key(unit);
            ReadUnit? partner = null;
            if (sourceByKey.ContainsKey(key) && targetByKey.TryGetValue(key, out var candidate) && (sameFormat || SameParts(unit, candidate)))
            {
                partner = candidate;
                paired.Add(candidate);
            }

            pairs.Add(new UnitPair(unit, partner));
        }

        return new UnitPairs(pairs, targetUnits.Where(u => !paired.Contains(u)).ToList());
    }

    private static bool SameParts(ReadUnit source, ReadUnit target) =>
        source.Kind is UnitKind.XmlFile or UnitKind.Files
        && source.Parts.Count == target.Parts.Count && source.Parts.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal)
            .SequenceEqual(target.Parts.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal), StringComparer.Ordinal);

    private static string Key(ReadUnit unit) => SourceIndex.UnitKey(unit.Kind, unit.TypeName, unit.FullName);

    private static Dictionary<string, ReadUnit> UniqueByKey(IEnumerable<ReadUnit> units)
    {
        var byKey = new Dictionary<string, ReadUnit>(StringComparer.OrdinalIgnoreCase);
        var repeated = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var unit in units)
        {
            var key = Key(unit);
            if (!byKey.ContainsKey(key) && !repeated.Contains(key))
            {
                byKey.Add(key, unit);
            }
            else
            {
                byKey.Remove(key);
                repeated.Add(key);
            }
        }

        return byKey;
    }
}
