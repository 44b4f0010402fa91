using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Microsoft.Extensions.Logging;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Xml;

namespace SandboxOps.Engine.Comparison;

/// <summary>
/// Compares two sources component by component. When both are in the same format, file groups are
/// paired and compared byte for byte first: equal groups are identical without parsing, and only the
/// groups that differ are parsed and diffed, on all cores. Components that moved between groups, and
/// every component when the formats differ, are matched by (type, fullName) at the end.
/// </summary>
public sealed class MetadataComparer
{
    private readonly EngineContext _context;
    private readonly ILogger _logger;
    private readonly MetadataReader _reader;

    public MetadataComparer(EngineContext context)
    {
        _context = context;
        _logger = context.Logger("SandboxOps.Compare");
        _reader = new MetadataReader(context);
    }

    public IEnumerable<MetadataDifference> Compare(MetadataSource source, MetadataSource target, CompareOptions options)
    {
        var clock = Stopwatch.StartNew();
        var run = new Run(this, source, target, options, _context.Cancellation);
        CompareLog.Started(_logger, source.Description, source.Format, target.Description, target.Format, run.SameFormat ? "file groups compared byte for byte first" : "formats differ, every component is parsed");
        foreach (var difference in run.Execute())
        {
            yield return difference;
        }

        CompareLog.Finished(_logger, clock.ElapsedMilliseconds, run.Changed, run.SourceOnly, run.TargetOnly, run.Identical, run.CleanUnits, run.UnitCount);
    }

    /// <summary>One comparison's state: the two sides, what is still unmatched, and the counts.</summary>
    private sealed class Run
    {

        private readonly MetadataComparer _owner;
        private readonly MetadataSource _source;
        private readonly MetadataSource _target;
        private readonly CompareOptions _options;
        private readonly CancellationToken _cancellation;
        private readonly SourceReader _sourceReader;
        private readonly SourceReader _targetReader;
        private readonly SourceIndex _sourceIndex;
        private readonly SourceIndex _targetIndex;
        private readonly List<(MetadataComponent Component, ReadUnit Unit)> _pendingSource = new();
        private readonly List<(MetadataComponent Component, ReadUnit Unit)> _pendingTarget = new();
        private readonly string _activity;
        private readonly FragmentComparer _fragments;

        public Run(MetadataComparer owner, MetadataSource source, MetadataSource target, CompareOptions options, CancellationToken cancellation)
        {
            _owner = owner;
            _source = source;
            _target = target;
            _options = options;
            _cancellation = cancellation;
            // Both sides are listed and grouped at once: for two git revisions of a large org that is two
            // ls-tree runs and 200,000 paths resolved, which one core does in half a second.
            var targetIndex = System.Threading.Tasks.Task.Run(() => owner._reader.Index(target), cancellation);
            _sourceIndex = owner._reader.Index(source);
            _targetIndex = targetIndex.GetAwaiter().GetResult();
            _sourceReader = owner._reader.ReaderFor(_sourceIndex, hashesOnly: false);
            _targetReader = owner._reader.ReaderFor(_targetIndex, hashesOnly: false);
            _fragments = new FragmentComparer(new UnitReader(source), new UnitReader(target));
            _activity = "Comparing " + source.Description + " with " + target.Description;
        }

        public bool SameFormat => _source.Format == _target.Format;

        public int Changed { get; private set; }

        public int SourceOnly { get; private set; }

        public int TargetOnly { get; private set; }

        public int Unreadable { get; private set; }

        public int Identical { get; private set; }

        public int CleanUnits { get; private set; }

        public int UnitCount { get; private set; }

        public IEnumerable<MetadataDifference> Execute()
        {
            var sourceUnits = Selected(_sourceIndex).ToList();
            var targetUnits = Selected(_targetIndex).ToList();
            var targetByKey = SameFormat ? UniqueByKey(targetUnits) : new Dictionary<string, ReadUnit>();
            var pairs = new List<(ReadUnit Source, ReadUnit? Target)>();
            var paired = new HashSet<ReadUnit>();
            var sourceByKey = UniqueByKey(sourceUnits);
            foreach (var unit in sourceUnits)
            {
                var key = Key(unit);
                ReadUnit? partner = null;
                if (sourceByKey.ContainsKey(key) && targetByKey.TryGetValue(key, out var candidate))
                {
                    partner = candidate;
                    paired.Add(candidate);
                }

                pairs.Add((unit, partner));
            }

            var targetOnly = targetUnits.Where(u => !paired.Contains(u)).ToList();
            UnitCount = pairs.Count + targetOnly.Count;
            var degree = _source.FileSystem.SupportsConcurrentReads && _target.FileSystem.SupportsConcurrentReads ? Environment.ProcessorCount : 1;
            var done = 0;
            foreach (var examined in OrderedParallel.Map(pairs, Examine, degree, _cancellation))
            {
                _owner._context.Observer.ReportProgress(new OperationProgress(_activity, examined.SourceUnit.TypeName + " " + examined.SourceUnit.FullName, done++, UnitCount));
                foreach (var difference in Settle(examined))
                {
                    yield return difference;
                }
            }

            foreach (var contents in OrderedParallel.Map(targetOnly, u => (Unit: u, Contents: Lighten(_targetReader.ReadUnit(u, _options.Read), Array.Empty<ComponentContent>())), degree, _cancellation))
            {
                _owner._context.Observer.ReportProgress(new OperationProgress(_activity, contents.Unit.TypeName + " " + contents.Unit.FullName, done++, UnitCount));
                foreach (var content in Admit(_targetReader, contents.Contents))
                {
                    _pendingTarget.Add((content.Component, contents.Unit));
                }
            }

            foreach (var difference in ResolvePending())
            {
                yield return difference;
            }

            _owner._context.Observer.ReportProgress(new OperationProgress(_activity, "Done", UnitCount, UnitCount));
        }

        private IEnumerable<ReadUnit> Selected(SourceIndex index) => index.Units.Where(u => u.ProducibleTypes.Any(_options.Read.IncludesType));

        private static string Key(ReadUnit unit) => SourceIndex.UnitKey(unit.Kind, unit.TypeName, unit.FullName);

        /// <summary>Units by key; a key held twice (two package directories) pairs with nothing, so both are read and the duplicate reported.</summary>
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

        /// <summary>
        /// Runs on worker threads: compares bytes; for one XML file a side that differs, compares its root's
        /// children and parses only those that differ; otherwise reads both sides.
        /// </summary>
        private Examined Examine((ReadUnit Source, ReadUnit? Target) pair)
        {
            if (pair.Target is not null)
            {
                try
                {
                    if (!_options.IncludeIdentical && IsOneXmlFile(pair.Source) && IsOneXmlFile(pair.Target))
                    {
                        if (ExamineXmlFiles(pair.Source, pair.Target) is { } examined)
                        {
                            return examined;
                        }
                    }
                    else if (ByteComparer.SameBytes(_source.FileSystem, pair.Source, _target.FileSystem, pair.Target))
                    {
                        return Clean(pair.Source, pair.Target);
                    }
                }
                catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException or System.IO.InvalidDataException)
                {
                    // A file that cannot be read byte for byte is read as a unit below, which reports it and marks it Unreadable.
                }
            }

            var source = _sourceReader.ReadUnit(pair.Source, _options.Read);
            var target = pair.Target is null ? Array.Empty<ComponentContent>() : _targetReader.ReadUnit(pair.Target, _options.Read);
            return new Examined(pair.Source, pair.Target, clean: false, Lighten(source, target), Lighten(target, source));
        }

        /// <summary>
        /// Drops the element trees of components that will not be diffed (no partner, or the same hash as
        /// their partner), so that units waiting in the parallel window hold hashes, not parsed profiles.
        /// </summary>
        private IReadOnlyList<ComponentContent> Lighten(IReadOnlyList<ComponentContent> side, IReadOnlyList<ComponentContent> other)
        {
            if (_options.IncludeIdentical)
            {
                return side; // noise is explained from the trees
            }

            var hashes = new Dictionary<ComponentKey, string>();
            foreach (var content in other)
            {
                hashes[content.Component.Key] = content.Component.ContentHash;
            }

            return side.Select(c => hashes.TryGetValue(c.Component.Key, out var hash) && hash != c.Component.ContentHash
                ? c
                : new ComponentContent(c.Component, Array.Empty<ContentPart>())).ToList();
        }

        /// <summary>One XML file a side: equal bytes, or the differing elements only; null to read the files whole.</summary>
        private Examined? ExamineXmlFiles(ReadUnit sourceUnit, ReadUnit targetUnit)
        {
            var sourceId = _source.FileSystem.ContentId(sourceUnit.Parts[0].Value.Path);
            if (sourceId is not null && sourceId == _target.FileSystem.ContentId(targetUnit.Parts[0].Value.Path))
            {
                return Clean(sourceUnit, targetUnit); // two snapshots' copies of the same bytes: not even read
            }

            var sourceBuffer = WholeFile.RentBuffer();
            var targetBuffer = WholeFile.RentBuffer();
            try
            {
                var sourceLength = WholeFile.Read(_source.FileSystem, sourceUnit.Parts[0].Value, ref sourceBuffer);
                var targetLength = WholeFile.Read(_target.FileSystem, targetUnit.Parts[0].Value, ref targetBuffer);
                var source = new ArraySegment<byte>(sourceBuffer, 0, sourceLength);
                var target = new ArraySegment<byte>(targetBuffer, 0, targetLength);
                if (source.AsSpan().SequenceEqual(target.AsSpan()))
                {
                    return Clean(sourceUnit, targetUnit);
                }

                return Narrow(sourceUnit, source, targetUnit, target) is { } narrowed
                    ? new Examined(sourceUnit, targetUnit, clean: false, narrowed.Source, narrowed.Target)
                    : null;
            }
            finally
            {
                WholeFile.ReturnBuffer(sourceBuffer);
                WholeFile.ReturnBuffer(targetBuffer);
            }
        }

        private Examined Clean(ReadUnit source, ReadUnit target)
        {
            var listing = _options.IncludeIdentical ? _sourceReader.ReadUnit(source, _options.Read) : Array.Empty<ComponentContent>();
            return new Examined(source, target, clean: true, listing, Array.Empty<ComponentContent>());
        }

        private static bool IsOneXmlFile(ReadUnit unit) =>
            unit.Kind is UnitKind.XmlFile or UnitKind.Container && unit.Parts.Count == 1 && unit.Parts[0].Key == ResolvedFile.MetaRole;

        /// <summary>The fragment comparison, or null when the files must be read whole (which also reports what is wrong with them).</summary>
        private (List<ComponentContent> Source, List<ComponentContent> Target)? Narrow(ReadUnit source, ArraySegment<byte> sourceBytes, ReadUnit target, ArraySegment<byte> targetBytes)
        {
            try
            {
                return _fragments.Compare(source, sourceBytes, target, targetBytes);
            }
            catch (Exception ex) when (ex is System.Xml.XmlException or ForbiddenDtdException or UnitFileException)
            {
                return null;
            }
        }

        /// <summary>On the consuming thread: admits components (filters, duplicates) and turns pairs into differences.</summary>
        private IEnumerable<MetadataDifference> Settle(Examined examined)
        {
            if (examined.Clean)
            {
                CleanUnits++;
                foreach (var content in Admit(_sourceReader, examined.Source))
                {
                    Identical++;
                    yield return new MetadataDifference(content.Component, AsTarget(content.Component, examined.TargetUnit!), _source.Description, _target.Description, DifferenceStatus.Identical);
                }

                yield break;
            }

            var targets = Admit(_targetReader, examined.Target).ToDictionary(c => c.Component.Key);
            foreach (var content in Admit(_sourceReader, examined.Source))
            {
                if (targets.TryGetValue(content.Component.Key, out var partner))
                {
                    targets.Remove(content.Component.Key);
                    var difference = Difference(content, partner, bytesDiffer: examined.SourceUnit.Kind != UnitKind.Container);
                    if (difference is not null)
                    {
                        yield return difference;
                    }
                }
                else
                {
                    _pendingSource.Add((content.Component, examined.SourceUnit));
                }
            }

            foreach (var left in targets.Values)
            {
                _pendingTarget.Add((left.Component, examined.TargetUnit!));
            }
        }

        private IEnumerable<ComponentContent> Admit(SourceReader reader, IEnumerable<ComponentContent> contents) =>
            reader.Admit(contents, _options.Read).Where(c => !_options.IgnoresComponent(c.Component.Type, c.Component.FullName));

        private MetadataComponent AsTarget(MetadataComponent component, ReadUnit targetUnit) =>
            new(component.Key, component.Parent, _target.Description, _target.Format, targetUnit.Files.Select(f => f.Path).ToList(), component.Size, component.ContentHash, targetUnit.LastModified);

        /// <summary>The difference for a matched pair, or null for an identical one that is not wanted.</summary>
        private MetadataDifference? Difference(ComponentContent source, ComponentContent target, bool bytesDiffer)
        {
            if (source.Component.ContentHash == target.Component.ContentHash)
            {
                Identical++;
                if (!_options.IncludeIdentical)
                {
                    return null;
                }

                var noise = NoiseDetector.Explain(source, target, UnorderedListRules.ForType(source.Component.Type), bytesDiffer);
                return new MetadataDifference(source.Component, target.Component, _source.Description, _target.Description, DifferenceStatus.Identical, noise: noise);
            }

            var (changes, text) = ComponentDiffer.Diff(source, target, _options.IncludeTextDiff, _options.IgnoreWhitespace);
            var type = source.Component.Type;
            var fullName = source.Component.FullName;
            var kept = changes.Where(c => !_options.IgnoreRules.Any(r => r.MatchesChange(type, fullName, c))).ToList();
            var ignored = changes.Count - kept.Count;
            if (kept.Count == 0 && (ignored > 0 || _options.IgnoreWhitespace))
            {
                // Every change was ignored by a rule, or was whitespace only (-IgnoreWhitespace).
                Identical++;
                return _options.IncludeIdentical
                    ? new MetadataDifference(source.Component, target.Component, _source.Description, _target.Description, DifferenceStatus.Identical, noise: ignored == 0 ? NoiseKinds.Whitespace : NoiseKinds.None, ignoredChangeCount: ignored)
                    : null;
            }

            Changed++;
            return new MetadataDifference(source.Component, target.Component, _source.Description, _target.Description, DifferenceStatus.Changed, kept, text: text, ignoredChangeCount: ignored);
        }

        /// <summary>
        /// Components that found no partner in their own file group: matched by key across all groups.
        /// Changed pairs are read again (grouped by unit, so a container is parsed once) to diff them.
        /// </summary>
        private IEnumerable<MetadataDifference> ResolvePending()
        {
            var targets = new Dictionary<ComponentKey, (MetadataComponent Component, ReadUnit Unit)>();
            foreach (var entry in _pendingTarget)
            {
                targets[entry.Component.Key] = entry;
            }

            var matched = new List<((MetadataComponent Component, ReadUnit Unit) Source, (MetadataComponent Component, ReadUnit Unit) Target)>();
            var onlySource = new List<MetadataComponent>();
            foreach (var entry in _pendingSource)
            {
                if (targets.TryGetValue(entry.Component.Key, out var partner))
                {
                    targets.Remove(entry.Component.Key);
                    matched.Add((entry, partner));
                }
                else
                {
                    onlySource.Add(entry.Component);
                }
            }

            var sourceCache = new UnitCache(_sourceReader, _options.Read);
            var targetCache = new UnitCache(_targetReader, _options.Read);
            foreach (var (source, target) in matched.OrderBy(m => m.Source.Unit.Parts[0].Value.Path, StringComparer.Ordinal))
            {
                _cancellation.ThrowIfCancellationRequested();
                if (source.Component.ContentHash == target.Component.ContentHash && !_options.IncludeIdentical)
                {
                    Identical++;
                    continue;
                }

                var sourceContent = sourceCache.Find(source.Unit, source.Component.Key);
                var targetContent = targetCache.Find(target.Unit, target.Component.Key);
                var difference = sourceContent is null || targetContent is null
                    ? null
                    : Difference(sourceContent, targetContent, bytesDiffer: true);
                if (difference is not null)
                {
                    yield return difference;
                }
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

            foreach (var component in onlySource.OrderBy(c => c.Type, StringComparer.Ordinal).ThenBy(c => c.FullName, StringComparer.Ordinal))
            {
                if (!HiddenBy(_targetReader, component))
                {
                    SourceOnly++;
                    yield return new MetadataDifference(component, null, _source.Description, _target.Description, DifferenceStatus.SourceOnly);
                }
            }

            foreach (var (component, _) in targets.Values.OrderBy(c => c.Component.Type, StringComparer.Ordinal).ThenBy(c => c.Component.FullName, StringComparer.Ordinal))
            {
                if (!HiddenBy(_sourceReader, component))
                {
                    TargetOnly++;
                    yield return new MetadataDifference(null, component, _source.Description, _target.Description, DifferenceStatus.TargetOnly);
                }
            }

            foreach (var difference in UnreadableDifferences(_sourceReader, _source, "source", hidden).Concat(UnreadableDifferences(_targetReader, _target, "target", hidden)))
            {
                yield return difference;
            }
        }

        private IEnumerable<MetadataDifference> UnreadableDifferences(SourceReader reader, MetadataSource side, string sideName, Dictionary<ComponentKey, int> hidden)
        {
            foreach (var unreadable in reader.Unreadable.All.OrderBy(u => u.Key.Type, StringComparer.Ordinal).ThenBy(u => u.Key.FullName, StringComparer.Ordinal))
            {
                if (!_options.Read.IncludesType(unreadable.Key.Type) && unreadable.Container is null)
                {
                    continue;
                }

                Unreadable++;
                var component = new MetadataComponent(unreadable.Key, null, side.Description, side.Format, unreadable.Files.ToList(), 0, string.Empty, null);
                var covered = hidden.TryGetValue(unreadable.Key, out var count) && count > 0
                    ? $" {count} component(s) of the other side it may hold were not compared, and are neither created nor deleted."
                    : string.Empty;
                var reason = $"Unreadable in the {sideName} ({side.Description}), so its state there is unknown: {unreadable.Reason}{covered}";
                yield return sideName == "source"
                    ? new MetadataDifference(component, null, _source.Description, _target.Description, DifferenceStatus.Unreadable, reason: reason)
                    : new MetadataDifference(null, component, _source.Description, _target.Description, DifferenceStatus.Unreadable, reason: reason);
            }
        }
    }

    /// <summary>A unit pair after the parallel stage.</summary>
    private sealed class Examined
    {
        public Examined(ReadUnit sourceUnit, ReadUnit? targetUnit, bool clean, IReadOnlyList<ComponentContent> source, IReadOnlyList<ComponentContent> target)
        {
            SourceUnit = sourceUnit;
            TargetUnit = targetUnit;
            Clean = clean;
            Source = source;
            Target = target;
        }

        public ReadUnit SourceUnit { get; }

        public ReadUnit? TargetUnit { get; }

        public bool Clean { get; }

        public IReadOnlyList<ComponentContent> Source { get; }

        public IReadOnlyList<ComponentContent> Target { get; }
    }

    /// <summary>Keeps the last unit read, so the children of one container are diffed from one parse.</summary>
    private sealed class UnitCache
    {
        private readonly SourceReader _reader;
        private readonly ReadOptions _options;
        private ReadUnit? _unit;
        private Dictionary<ComponentKey, ComponentContent> _contents = new();

        public UnitCache(SourceReader reader, ReadOptions options)
        {
            _reader = reader;
            _options = options;
        }

        public ComponentContent? Find(ReadUnit unit, ComponentKey key)
        {
            if (!ReferenceEquals(unit, _unit))
            {
                _unit = unit;
                _contents = new Dictionary<ComponentKey, ComponentContent>();
                foreach (var content in _reader.ReadUnit(unit, _options))
                {
                    _contents[content.Component.Key] = content;
                }
            }

            return _contents.TryGetValue(key, out var found) ? found : null;
        }
    }
}
