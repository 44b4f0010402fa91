using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using SandboxOps.Engine.Hashing;

namespace SandboxOps.Engine.FileSystems;

/// <summary>
/// Files read whole into buffers kept between reads of a session: each buffer grows to the largest file it
/// has held (a 10 MB profile), and reusing it spares the large-object heap a few dozen allocations per run.
/// </summary>
internal static class WholeFile
{
    private const int Kept = 8;
    private static readonly ConcurrentBag<byte[]> Buffers = new();

    public static byte[] RentBuffer() => Buffers.TryTake(out var buffer) ? buffer : new byte[1 << 18];

    public static void ReturnBuffer(byte[] buffer)
    {
        if (Buffers.Count < Kept)
        {
            Buffers.Add(buffer);
        }
    }

    /// <summary>
    /// Reads a whole file into <paramref name="buffer"/> (grown when too small, and kept by the caller for
    /// the next file); returns the length read. Sizes are not asked for: that would cost a stat per file.
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
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }

        return total;
    }
}
