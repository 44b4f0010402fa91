using System.Diagnostics;
using System.Threading;

namespace SandboxOps.Engine.Comparison;

/// <summary>
/// Where a comparison's time went, stage by stage, for the Debug stream (-Debug) and for finding what to
/// make faster: wall time of the stages on the pipeline's thread, worker time of the examination, and how
/// each pair was settled.
/// </summary>
internal sealed class ComparisonTimings
{
    private long _indexTicks;
    private long _examineTicks;
    private long _differencesTicks;
    private long _pendingTicks;
    private int _identicalBytes;
    private int _narrowed;
    private int _readWhole;
    private int _hashed;
    private int _reread;

    public long IndexMs => Ms(_indexTicks);

    /// <summary>Summed over the worker threads.</summary>
    public long ExamineMs => Ms(Interlocked.Read(ref _examineTicks));

    public long DifferencesMs => Ms(_differencesTicks);

    public long PendingMs => Ms(_pendingTicks);

    public int IdenticalBytes => _identicalBytes;

    public int Narrowed => _narrowed;

    public int ReadWhole => _readWhole;

    public int Hashed => _hashed;

    public int Reread => _reread;

    public void Indexed(long ticks) => _indexTicks += ticks;

    public void Examined(long ticks) => Interlocked.Add(ref _examineTicks, ticks);

    public void Differences(long ticks) => _differencesTicks += ticks;

    public void Pending(long ticks) => _pendingTicks += ticks;

    public void SettledByBytes() => Interlocked.Increment(ref _identicalBytes);

    public void SettledByFragments() => Interlocked.Increment(ref _narrowed);

    public void SettledByWholeRead() => Interlocked.Increment(ref _readWhole);

    public void SettledByHashes() => Interlocked.Increment(ref _hashed);

    public void RereadToDiff() => _reread++;

    private static long Ms(long ticks) => ticks * 1000 / Stopwatch.Frequency;
}
