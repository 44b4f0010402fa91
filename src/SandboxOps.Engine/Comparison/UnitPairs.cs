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

/// <summary>One step of the examination: a pair, or a target unit no source unit paired with.</summary>
internal readonly struct UnitWork
{
    private UnitWork(UnitPair? pair, ReadUnit? targetOnly)
    {
        Pair = pair;
        TargetOnly = targetOnly;
    }

    public UnitPair? Pair { get; }

    public ReadUnit? TargetOnly { get; }

    public ReadUnit Unit => Pair?.Source ?? TargetOnly!;

    public static UnitWork Of(UnitPair pair) => new(pair, null);

    public static UnitWork Of(ReadUnit targetOnly) => new(null, targetOnly);
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
    private UnitPairs(List<UnitWork> work)
    {
        Work = work;
    }

    /// <summary>
    /// Every selected source unit with its target partner or none, in path order, and each unpaired target unit
    /// right after the source unit of the same root component (a DX field file after the Metadata API object file
    /// that holds the field), else at the end: the children that are matched by key then meet within a few units,
    /// and are not all held until the last one is read.
    /// </summary>
    public List<UnitWork> Work { get; }

    public int Count => Work.Count;

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

        return new UnitPairs(Interleave(pairs, targetUnits.Where(u => !paired.Contains(u))));
    }

    private static List<UnitWork> Interleave(List<UnitPair> pairs, IEnumerable<ReadUnit> targetOnly)
    {
        var byRoot = new Dictionary<string, List<ReadUnit>>(StringComparer.OrdinalIgnoreCase);
        var unplaced = new List<ReadUnit>();
        var pairRoots = pairs.Select(p => RootKey(p.Source)).ToList();
        var roots = new HashSet<string>(pairRoots, StringComparer.OrdinalIgnoreCase);
        foreach (var unit in targetOnly)
        {
            var root = RootKey(unit);
            if (!roots.Contains(root))
            {
                unplaced.Add(unit);
            }
            else if (byRoot.TryGetValue(root, out var units))
            {
                units.Add(unit);
            }
            else
            {
                byRoot.Add(root, new List<ReadUnit> { unit });
            }
        }

        var work = new List<UnitWork>(pairs.Count + byRoot.Values.Sum(u => u.Count) + unplaced.Count);
        for (var i = 0; i < pairs.Count; i++)
        {
            work.Add(UnitWork.Of(pairs[i]));
            if (byRoot.TryGetValue(pairRoots[i], out var followers))
            {
                byRoot.Remove(pairRoots[i]);
                work.AddRange(followers.Select(UnitWork.Of));
            }
        }

        work.AddRange(unplaced.Select(UnitWork.Of));
        return work;
    }

    // The component a unit belongs to at the top: an object for its field files and for its object file alike.
    private static string RootKey(ReadUnit unit) => (unit.Definition?.Name ?? unit.TypeName) + "/" + (unit.Parent ?? unit.FullName);

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
