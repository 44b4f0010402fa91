using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Microsoft.Extensions.Logging;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Reading;

namespace SandboxOps.Engine.Comparison;

/// <summary>
/// Compares two sources component by component, in four stages: pair the units of the two sides
/// (<see cref="UnitPairs"/>), examine each pair on all cores and return a verdict (<see cref="PairExaminer"/>:
/// equal bytes are identical without parsing, only what differs is parsed), build the differences of each
/// verdict in path order (<see cref="DifferenceBuilder"/>), and resolve what found no partner in its pair
/// by key across all units (<see cref="PendingComponents"/>). Differences stream out as they are found.
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
        using var memory = LargeWorkMemory.Begin();
        var clock = Stopwatch.StartNew();
        var sameFormat = source.Format == target.Format;
        CompareLog.Started(_logger, source.Description, source.Format, target.Description, target.Format, sameFormat ? "file groups compared byte for byte first" : "formats differ: file groups alike in both compared byte for byte first, the rest parsed");
        var timings = new ComparisonTimings();
        var stage = Stopwatch.StartNew();
        var (sourceSide, targetSide) = ComparisonSide.IndexBoth(source, target, _reader);
        timings.Indexed(stage.ElapsedTicks);
        foreach (var difference in Compare(sourceSide, targetSide, options, timings, clock))
        {
            yield return difference;
        }
    }

    /// <summary>Compares two sources listed before (a pipeline's environments, each listed once for all its links).</summary>
    internal IEnumerable<MetadataDifference> Compare(SourceIndex source, SourceIndex target, CompareOptions options)
    {
        CompareLog.Started(_logger, source.Source.Description, source.Source.Format, target.Source.Description, target.Source.Format, "listed before");
        return Compare(ComparisonSide.Of(source, _reader), ComparisonSide.Of(target, _reader), options, new ComparisonTimings(), Stopwatch.StartNew());
    }

    private IEnumerable<MetadataDifference> Compare(ComparisonSide sourceSide, ComparisonSide targetSide, CompareOptions options, ComparisonTimings timings, Stopwatch clock)
    {
        var source = sourceSide.Source;
        var target = targetSide.Source;
        var stage = Stopwatch.StartNew();
        var counts = new ComparisonCounts();
        var differences = new DifferenceBuilder(sourceSide, targetSide, options, counts);
        var pending = new PendingComponents(sourceSide, targetSide, options, differences, timings);
        var examiner = new PairExaminer(sourceSide, targetSide, options, timings);
        var pairs = UnitPairs.Of(sourceSide, targetSide, options.Read);
        counts.Units = pairs.Count;

        var progress = new Progress(_context.Observer, "Comparing " + source.Description + " with " + target.Description, pairs.Count);
        var degree = source.FileSystem.SupportsConcurrentReads && target.FileSystem.SupportsConcurrentReads ? Environment.ProcessorCount : 1;
        foreach (var (work, verdict, targetOnly) in OrderedParallel.Map(pairs.Work, w => Examine(w, examiner), degree, _context.Cancellation))
        {
            progress.Done(work.Unit);
            if (verdict is null)
            {
                foreach (var content in targetSide.Accepted(targetOnly!, options))
                {
                    pending.AddTarget(content.Component, work.Unit);
                }

                continue;
            }

            stage.Restart();
            var found = differences.FromVerdict(verdict, pending).ToList();
            timings.Differences(stage.ElapsedTicks);
            foreach (var difference in found)
            {
                yield return difference;
            }
        }

        stage.Restart();
        foreach (var difference in pending.Resolve(_context.Cancellation))
        {
            timings.Pending(stage.ElapsedTicks);
            yield return difference;
            stage.Restart();
        }

        timings.Pending(stage.ElapsedTicks);
        progress.Finish();
        CompareLog.Stages(_logger, timings.IndexMs, timings.ExamineMs, timings.IdenticalBytes, timings.Narrowed, timings.ReadWhole, timings.Hashed, timings.DifferencesMs, timings.PendingMs, timings.Reread);
        CompareLog.Finished(_logger, clock.ElapsedMilliseconds, counts.Changed, counts.SourceOnly, counts.TargetOnly, counts.Identical, counts.IdenticalUnits, counts.Units);
    }

    /// <summary>Progress by units examined.</summary>
    private sealed class Progress
    {
        private readonly IOperationObserver _observer;
        private readonly string _activity;
        private readonly int _total;
        private int _done;

        public Progress(IOperationObserver observer, string activity, int total)
        {
            _observer = observer;
            _activity = activity;
            _total = total;
        }

        public void Done(ReadUnit unit) => _observer.ReportProgress(new OperationProgress(_activity, unit.TypeName + " " + unit.FullName, _done++, _total));

        public void Finish() => _observer.ReportProgress(new OperationProgress(_activity, "Done", _total, _total));
    }

    private static (UnitWork Work, PairVerdict? Verdict, IReadOnlyList<ComponentContent>? TargetOnly) Examine(UnitWork work, PairExaminer examiner) =>
        work.Pair is { } pair ? (work, examiner.Examine(pair), null) : (work, null, examiner.ReadTargetOnly(work.Unit));
}
