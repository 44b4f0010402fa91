using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using SandboxOps.Engine.Hashing;

namespace SandboxOps.Engine.FileSystems;

/// <summary>
/// Files read whole into buffers kept between reads of a session: each buffer grows to the largest file it
/// has held (a 10 MB profile), and reusing it spares the large-object heap a few dozen allocations per run.
/// Two buffers per core are kept, as many as the readers and pair examiners hold at once: every buffer kept
/// beyond that is a large profile's worth of memory that no one uses.
/// </summary>
internal static class WholeFile
{
    private const int InitialLength = 1 << 18;
    private static readonly int Kept = 2 * Environment.ProcessorCount;
    private static readonly ConcurrentBag<byte[]> Buffers = new();

    public static byte[] RentBuffer() => Buffers.TryTake(out var buffer) ? buffer : new byte[InitialLength];

    public static void ReturnBuffer(byte[] buffer)
    {
        if (Buffers.Count < Kept)
        {
            Buffers.Add(buffer);
        }
    }

    /// <summary>Lets go of the buffers a large file grew, keeping the small ones, when no work needs them.</summary>
    public static void ReleaseLargeBuffers()
    {
        var kept = new List<byte[]>();
        while (Buffers.TryTake(out var buffer))
        {
            if (buffer.Length <= InitialLength)
            {
                kept.Add(buffer);
            }
        }

        kept.ForEach(Buffers.Add);
    }

    /// <summary>
    /// Reads a whole file into <paramref name="buffer"/> (grown when too small, and kept by the caller for
    /// the next file); returns the length read. The size is asked for only when the buffer fills, so small
    /// files cost no stat and a large one grows the buffer once to its length rather than doubling through
    /// the large-object heap.
    /// </summary>
    [MethodImpl(Jit.Optimize)]
    public static int Read(IMetadataFileSystem files, MetadataFile file, ref byte[] buffer)
    {
        using var stream = files.OpenRead(file.Path);

        var total = 0;
        int read;
        while ((read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
            if (total == buffer.Length)
            {
                Array.Resize(ref buffer, GrownLength(stream, total));
            }
        }

        return total;
    }

    // One byte past the length lets the next read see the end of the file without growing again.
    private static int GrownLength(Stream stream, int filled)
    {
        var length = stream.CanSeek ? stream.Length : 0;
        return length > filled && length < int.MaxValue ? (int)length + 1 : filled * 2;
    }
}
