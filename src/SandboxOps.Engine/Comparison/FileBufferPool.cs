using System.Collections.Concurrent;

namespace SandboxOps.Engine.Comparison;

/// <summary>
/// Whole-file buffers kept between comparisons of a session: each grows to the largest file it has held
/// (a 10 MB profile), and reusing it spares the large-object heap a few dozen allocations per run.
/// </summary>
internal static class FileBufferPool
{
    private const int Kept = 8;
    private static readonly ConcurrentBag<byte[]> Buffers = new();

    public static byte[] Rent() => Buffers.TryTake(out var buffer) ? buffer : new byte[1 << 18];

    public static void Return(byte[] buffer)
    {
        if (Buffers.Count < Kept)
        {
            Buffers.Add(buffer);
        }
    }
}
