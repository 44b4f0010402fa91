using System;
using System.Runtime;
using SandboxOps.Engine.FileSystems;

namespace SandboxOps.Engine.Comparison;

/// <summary>
/// Keeps a large comparison's memory near what it holds alive (about 150 MB across formats at 100,000
/// components), measured on these machines where a session's compares peaked at 535-607 MB:
/// <list type="bullet">
/// <item>the garbage of the command before is collected first, when there is much of it, so one compare's
/// indexes are not built on top of the last one's;</item>
/// <item>while it runs, full collections block rather than run in the background: a background collection lets the
/// workers go on allocating while it marks, and the heap grows by that much each time;</item>
/// <item>afterwards the whole-file buffers grown to the largest profile (four of 15 MB) are let go.</item>
/// </list>
/// Together, in a session of eight compares: 488-512 MB peaks against 535-607 MB, at the same speed. The latency mode
/// is the process's, so it is set by the first of overlapping works and restored by the last.
/// </summary>
internal sealed class LargeWorkMemory : IDisposable
{
    private const long LeftoverWorthCollecting = 128L << 20;
    private static readonly object Gate = new();
    private static int _running;
    private static GCLatencyMode _saved;

    private bool _disposed;

    private LargeWorkMemory()
    {
    }

    public static LargeWorkMemory Begin()
    {
        lock (Gate)
        {
            if (_running++ == 0)
            {
                if (GC.GetTotalMemory(forceFullCollection: false) > LeftoverWorthCollecting)
                {
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                }

                _saved = GCSettings.LatencyMode;
                GCSettings.LatencyMode = GCLatencyMode.Batch;
            }
        }

        return new LargeWorkMemory();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (Gate)
        {
            if (--_running == 0)
            {
                GCSettings.LatencyMode = _saved;
                WholeFile.ReleaseLargeBuffers();
            }
        }
    }
}
