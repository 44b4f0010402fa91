using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;

namespace SandboxOps.Engine.Comparison;

/// <summary>
/// The last stage of a comparison: the components that found no partner in their own unit pair (a child
/// that moved between files, or every component when the formats differ), matched by key across all units as
/// they arrive; a pair with equal hashes is counted and dropped there. A matched pair whose hashes differ is read again to diff it (its trees were dropped to keep memory to
/// what is in flight; one unit is cached, so a container's children are diffed from one parse); the rest are
/// SourceOnly or TargetOnly, except what the other side could not read, which is Unreadable, never absent.
/// </summary>
internal sealed class PendingComponents
{
    private readonly ComparisonSide _source;
    private readonly ComparisonSide _target;
    private readonly CompareOptions _options;
    private readonly DifferenceBuilder _differences;
    private readonly Dictionary<ComponentKey, (MetadataComponent Component, ReadUnit Unit)> _fromSource = new();
    private readonly Dictionary<ComponentKey, (MetadataComponent Component, ReadUnit Unit)> _fromTarget = new();
    private readonly List<Match> _matched = new();

    private readonly ComparisonTimings _timings;

    public PendingComponents(ComparisonSide source, ComparisonSide target, CompareOptions options, DifferenceBuilder differences, ComparisonTimings timings)
    {
        _timings = timings;
        _source = source;
        _target = target;
        _options = options;
        _differences = differences;
    }

    // Joined as they arrive: both sides come in path order, so an object's children from a Metadata API file and
    // from a DX folder meet within a few units, and only the unmatched and the differing stay held to the end.
    public void AddSource(MetadataComponent component, ReadUnit unit) => Join((component, unit), arrivedInSource: true);

    public void AddTarget(MetadataComponent component, ReadUnit unit) => Join((component, unit), arrivedInSource: false);

    public IEnumerable<MetadataDifference> Resolve(CancellationToken cancellation)
    {
        foreach (var difference in DiffMatched(cancellation))
        {
            yield return difference;
        }

        // A component the other side could not read is unknown there, never absent: it is reported once, with
        // its unreadable holder, so that nothing downstream creates or deletes it.
        var hidden = new Dictionary<ComponentKey, int>();
        bool HiddenBy(SourceReader other, MetadataComponent component)
        {
            if (other.Unreadable.Covers(component.Key, component.Parent) is not { } holder)
            {
                return false;
            }

            hidden[holder.Key] = hidden.TryGetValue(holder.Key, out var count) ? count + 1 : 1;
            return true;
        }

        foreach (var component in InKeyOrder(_fromSource.Values.Select(v => v.Component)).Where(c => !HiddenBy(_target.Reader, c)))
        {
            yield return _differences.SourceOnly(component);
        }

        foreach (var component in InKeyOrder(_fromTarget.Values.Select(v => v.Component)).Where(c => !HiddenBy(_source.Reader, c)))
        {
            yield return _differences.TargetOnly(component);
        }

        foreach (var difference in UnreadableDifferences(_source, inSource: true, hidden).Concat(UnreadableDifferences(_target, inSource: false, hidden)))
        {
            yield return difference;
        }
    }

    private static IEnumerable<MetadataComponent> InKeyOrder(IEnumerable<MetadataComponent> components) =>
        components.OrderBy(c => c.Type, StringComparer.Ordinal).ThenBy(c => c.FullName, StringComparer.Ordinal);

    private void Join((MetadataComponent Component, ReadUnit Unit) arrived, bool arrivedInSource)
    {
        var (sameSide, otherSide) = arrivedInSource ? (_fromSource, _fromTarget) : (_fromTarget, _fromSource);
        var key = arrived.Component.Key;
        if (!otherSide.TryGetValue(key, out var partner))
        {
            sameSide[key] = arrived;
            return;
        }

        otherSide.Remove(key);
        if (partner.Component.ContentHash == arrived.Component.ContentHash && !_options.IncludeIdentical)
        {
            _differences.CountIdentical();
            return;
        }

        _matched.Add(arrivedInSource ? new Match(arrived, partner) : new Match(partner, arrived));
    }

    private IEnumerable<MetadataDifference> DiffMatched(CancellationToken cancellation)
    {
        var sourceCache = new UnitCache(_source.Reader, _options.Read);
        var targetCache = new UnitCache(_target.Reader, _options.Read);
        foreach (var match in _matched.OrderBy(m => m.Source.Unit.Parts[0].Value.Path, StringComparer.Ordinal))
        {
            cancellation.ThrowIfCancellationRequested();
            _timings.RereadToDiff();
            var sourceContent = sourceCache.Find(match.Source.Unit, match.Source.Component.Key);
            var targetContent = targetCache.Find(match.Target.Unit, match.Target.Component.Key);
            if (sourceContent is not null && targetContent is not null && _differences.ForPair(sourceContent, targetContent, bytesDiffer: true) is { } difference)
            {
                yield return difference;
            }
        }
    }

    private IEnumerable<MetadataDifference> UnreadableDifferences(ComparisonSide side, bool inSource, Dictionary<ComponentKey, int> hidden)
    {
        var sideName = inSource ? "source" : "target";
        foreach (var unreadable in side.Reader.Unreadable.All.OrderBy(u => u.Key.Type, StringComparer.Ordinal).ThenBy(u => u.Key.FullName, StringComparer.Ordinal))
        {
            if (!_options.Read.IncludesType(unreadable.Key.Type) && unreadable.Container is null)
            {
                continue;
            }

            var component = new MetadataComponent(unreadable.Key, null, side.Description, side.Source.Format, unreadable.Files.ToList(), 0, string.Empty, null);
            var covered = hidden.TryGetValue(unreadable.Key, out var count) && count > 0
                ? $" {count} component(s) of the other side it may hold were not compared, and are neither created nor deleted."
                : string.Empty;
            yield return _differences.Unreadable(component, inSource, $"Unreadable in the {sideName} ({side.Description}), so its state there is unknown: {unreadable.Reason}{covered}");
        }
    }

    private readonly struct Match
    {
        public Match((MetadataComponent Component, ReadUnit Unit) source, (MetadataComponent Component, ReadUnit Unit) target)
        {
            Source = source;
            Target = target;
        }

        public (MetadataComponent Component, ReadUnit Unit) Source { get; }

        public (MetadataComponent Component, ReadUnit Unit) Target { get; }
    }
}
