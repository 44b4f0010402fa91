using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Xml;

namespace SandboxOps.Engine.Comparison;

/// <summary>
/// The third stage of a comparison, on the consuming thread: a verdict's components accepted (filters,
/// duplicates, ignore rules), matched by key within their pair, and each matched pair turned into its
/// difference; a component without a partner in its pair is handed to <see cref="PendingComponents"/>.
/// </summary>
internal sealed class DifferenceBuilder
{
    private readonly ComparisonSide _source;
    private readonly ComparisonSide _target;
    private readonly CompareOptions _options;
    private readonly ComparisonCounts _counts;

    public DifferenceBuilder(ComparisonSide source, ComparisonSide target, CompareOptions options, ComparisonCounts counts)
    {
        _source = source;
        _target = target;
        _options = options;
        _counts = counts;
    }

    public IEnumerable<MetadataDifference> FromVerdict(PairVerdict verdict, PendingComponents pending)
    {
        if (verdict.Identical)
        {
            _counts.IdenticalUnits++;
            foreach (var content in _source.Accepted(verdict.Source, _options))
            {
                _counts.Identical++;
                var target = AsTarget(content.Component, verdict.TargetUnit!);
                yield return Record(content.Component, target, DifferenceStatus.Identical, noise: target.Format == content.Component.Format ? NoiseKinds.None : NoiseKinds.Format);
            }

            yield break;
        }

        var targets = _target.Accepted(verdict.Target, _options).ToDictionary(c => c.Component.Key);
        foreach (var content in _source.Accepted(verdict.Source, _options))
        {
            if (targets.TryGetValue(content.Component.Key, out var partner))
            {
                targets.Remove(content.Component.Key);
                if (ForPair(content, partner, bytesDiffer: verdict.SourceUnit.Kind != UnitKind.Container) is { } difference)
                {
                    yield return difference;
                }
            }
            else
            {
                pending.AddSource(content.Component, verdict.SourceUnit);
            }
        }

        foreach (var left in targets.Values)
        {
            pending.AddTarget(left.Component, verdict.TargetUnit!);
        }
    }

    /// <summary>A matched pair known identical by its hashes, not wanted as a record: counted only.</summary>
    public void CountIdentical() => _counts.Identical++;

    /// <summary>The difference for a matched pair, or null for an identical one that is not wanted.</summary>
    public MetadataDifference? ForPair(ComponentContent source, ComponentContent target, bool bytesDiffer)
    {
        if (source.Component.ContentHash == target.Component.ContentHash)
        {
            _counts.Identical++;
            if (!_options.IncludeIdentical)
            {
                return null;
            }

            var noise = NoiseDetector.Explain(source, target, UnorderedListRules.ForType(source.Component.Type), bytesDiffer);
            return Record(source.Component, target.Component, DifferenceStatus.Identical, noise: noise);
        }

        var (changes, text) = ComponentDiffer.Diff(source, target, _options.IncludeTextDiff, _options.IgnoreWhitespace);
        var type = source.Component.Type;
        var fullName = source.Component.FullName;
        var kept = changes.Where(c => !_options.IgnoreRules.Any(r => r.MatchesChange(type, fullName, c))).ToList();
        var ignored = changes.Count - kept.Count;
        if (kept.Count == 0 && (ignored > 0 || _options.IgnoreWhitespace))
        {
            // Every change was ignored by a rule, or was whitespace only (-IgnoreWhitespace).
            _counts.Identical++;
            return _options.IncludeIdentical
                ? Record(source.Component, target.Component, DifferenceStatus.Identical, noise: ignored == 0 ? NoiseKinds.Whitespace : NoiseKinds.None, ignoredChangeCount: ignored)
                : null;
        }

        _counts.Changed++;
        return Record(source.Component, target.Component, DifferenceStatus.Changed, kept, text, ignoredChangeCount: ignored);
    }

    public MetadataDifference SourceOnly(MetadataComponent component)
    {
        _counts.SourceOnly++;
        return Record(component, null, DifferenceStatus.SourceOnly);
    }

    public MetadataDifference TargetOnly(MetadataComponent component)
    {
        _counts.TargetOnly++;
        return Record(null, component, DifferenceStatus.TargetOnly);
    }

    /// <summary>A component one side holds but could not read: unknown there, never absent.</summary>
    public MetadataDifference Unreadable(MetadataComponent component, bool inSource, string reason)
    {
        _counts.Unreadable++;
        return inSource
            ? Record(component, null, DifferenceStatus.Unreadable, reason: reason)
            : Record(null, component, DifferenceStatus.Unreadable, reason: reason);
    }

    private MetadataDifference Record(MetadataComponent? source, MetadataComponent? target, DifferenceStatus status, IList<ElementChange>? changes = null, TextChangeSummary? text = null, NoiseKinds noise = NoiseKinds.None, int ignoredChangeCount = 0, string? reason = null) =>
        new(source, target, _source.Description, _target.Description, status, changes, noise: noise, text: text, ignoredChangeCount: ignoredChangeCount, reason: reason);

    private MetadataComponent AsTarget(MetadataComponent component, ReadUnit targetUnit) =>
        new(component.Key, component.Parent, _target.Description, _target.Source.Format, targetUnit.Paths, component.Size, component.ContentHash, targetUnit.LastModified);
}
