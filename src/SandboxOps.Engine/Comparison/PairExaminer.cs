using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Xml;

namespace SandboxOps.Engine.Comparison;

/// <summary>
/// The second stage of a comparison, on worker threads: each unit pair examined and given a verdict. Equal
/// bytes are identical without parsing; one XML file a side that differs is compared by its root's children,
/// parsing only those that differ; anything else, and anything the fragment comparison cannot decide, is
/// read whole. Trees are dropped at once from components that will not be diffed.
/// </summary>
internal sealed class PairExaminer
{
    private readonly ComparisonSide _source;
    private readonly ComparisonSide _target;
    private readonly CompareOptions _options;
    private readonly FragmentComparer _fragments;
    private readonly ComparisonTimings _timings;

    public PairExaminer(ComparisonSide source, ComparisonSide target, CompareOptions options, ComparisonTimings timings)
    {
        _source = source;
        _target = target;
        _options = options;
        _timings = timings;
        _fragments = new FragmentComparer(source.Units, target.Units);
    }

    public PairVerdict Examine(UnitPair pair)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return Settle(pair);
        }
        finally
        {
            _timings.Examined(Stopwatch.GetTimestamp() - started);
        }
    }

    /// <summary>A target unit no source unit paired with: hashed only (its components are matched by key later).</summary>
    public IReadOnlyList<ComponentContent> ReadTargetOnly(ReadUnit unit)
    {
        var started = Stopwatch.GetTimestamp();
        _timings.SettledByHashes();
        var contents = WithoutTrees(_target.Reader.ReadUnitHashes(unit, _options.Read));
        _timings.Examined(Stopwatch.GetTimestamp() - started);
        return contents;
    }

    private PairVerdict Settle(UnitPair pair)
    {
        if (pair.Target is { } targetUnit)
        {
            try
            {
                if (!_options.IncludeIdentical && IsOneXmlFile(pair.Source) && IsOneXmlFile(targetUnit))
                {
                    if (ExamineXmlFiles(pair.Source, targetUnit) is { } verdict)
                    {
                        return verdict;
                    }
                }
                else if (ByteComparer.SameBytes(_source.Source.FileSystem, pair.Source, _target.Source.FileSystem, targetUnit))
                {
                    return IdenticalPair(pair.Source, targetUnit);
                }
            }
            catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException or System.IO.InvalidDataException)
            {
                // A file that cannot be read byte for byte is read as a unit below, which reports it and marks it Unreadable.
            }
        }

        if (pair.Target is null)
        {
            // Nothing to diff it with here: its components are matched by key at the end, by their hashes.
            _timings.SettledByHashes();
            return new PairVerdict(pair.Source, null, identical: false, WithoutTrees(_source.Reader.ReadUnitHashes(pair.Source, _options.Read)), Array.Empty<ComponentContent>());
        }

        _timings.SettledByWholeRead();
        var source = _source.Reader.ReadUnit(pair.Source, _options.Read);
        var target = _target.Reader.ReadUnit(pair.Target, _options.Read);
        return new PairVerdict(pair.Source, pair.Target, identical: false, WithTreesOnlyToDiff(source, target), WithTreesOnlyToDiff(target, source));
    }

    /// <summary>Components as their hashes alone: a container's children still come with the trees its parse made.</summary>
    private static List<ComponentContent> WithoutTrees(IReadOnlyList<ComponentContent> contents) =>
        contents.Select(c => c.Parts.Count == 0 ? c : new ComponentContent(c.Component, Array.Empty<ContentPart>())).ToList();

    private static bool IsOneXmlFile(ReadUnit unit) =>
        unit.Kind is UnitKind.XmlFile or UnitKind.Container && unit.Parts.Count == 1 && unit.Parts[0].Key == ResolvedFile.MetaRole;

    /// <summary>
    /// Drops the element trees of components that will not be diffed (no partner, or the same hash as
    /// their partner), so that units waiting in the parallel window hold hashes, not parsed profiles.
    /// </summary>
    private IReadOnlyList<ComponentContent> WithTreesOnlyToDiff(IReadOnlyList<ComponentContent> side, IReadOnlyList<ComponentContent> other)
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

    /// <summary>One XML file a side: equal bytes, or the differing elements only; null when the files must be read whole.</summary>
    private PairVerdict? ExamineXmlFiles(ReadUnit sourceUnit, ReadUnit targetUnit)
    {
        var sourceId = _source.Source.FileSystem.ContentId(sourceUnit.Parts[0].Value.Path);
        if (sourceId is not null && sourceId == _target.Source.FileSystem.ContentId(targetUnit.Parts[0].Value.Path))
        {
            return IdenticalPair(sourceUnit, targetUnit); // two snapshots' copies of the same bytes: not even read
        }

        var sourceBuffer = WholeFile.RentBuffer();
        var targetBuffer = WholeFile.RentBuffer();
        try
        {
            var sourceLength = WholeFile.Read(_source.Source.FileSystem, sourceUnit.Parts[0].Value, ref sourceBuffer);
            var targetLength = WholeFile.Read(_target.Source.FileSystem, targetUnit.Parts[0].Value, ref targetBuffer);
            var source = new ArraySegment<byte>(sourceBuffer, 0, sourceLength);
            var target = new ArraySegment<byte>(targetBuffer, 0, targetLength);
            if (source.AsSpan().SequenceEqual(target.AsSpan()))
            {
                return IdenticalPair(sourceUnit, targetUnit);
            }

            var fragments = CompareFragments(sourceUnit, source, targetUnit, target);
            if (!fragments.Decided)
            {
                return null;
            }

            _timings.SettledByFragments();
            return new PairVerdict(sourceUnit, targetUnit, identical: false, fragments.Source, fragments.Target);
        }
        finally
        {
            WholeFile.ReturnBuffer(sourceBuffer);
            WholeFile.ReturnBuffer(targetBuffer);
        }
    }

    private PairVerdict IdenticalPair(ReadUnit source, ReadUnit target)
    {
        _timings.SettledByBytes();
        var listing = _options.IncludeIdentical ? _source.Reader.ReadUnit(source, _options.Read) : Array.Empty<ComponentContent>();
        return new PairVerdict(source, target, identical: true, listing, Array.Empty<ComponentContent>());
    }

    /// <summary>The fragment comparison; a file it cannot parse is left undecided, for the whole read to report.</summary>
    private FragmentVerdict CompareFragments(ReadUnit source, ArraySegment<byte> sourceBytes, ReadUnit target, ArraySegment<byte> targetBytes)
    {
        try
        {
            return _fragments.Compare(source, sourceBytes, target, targetBytes);
        }
        catch (Exception ex) when (ex is System.Xml.XmlException or ForbiddenDtdException or UnitFileException)
        {
            return FragmentVerdict.Undecided(ex.Message);
        }
    }
}
