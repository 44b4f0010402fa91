using System;
using System.IO;

namespace SandboxOps.Engine.Hashing;

/// <summary>
/// Passes a stream through while noting what parsers normalise away: carriage returns and a UTF-8 byte
/// order mark. Costs one vectorised scan of bytes already in memory.
/// </summary>
internal sealed class TraitRecordingStream : PassThroughStream
{
    public TraitRecordingStream(Stream inner)
        : base(inner)
    {
    }

    public bool SawCarriageReturn { get; private set; }

    public bool HasByteOrderMark { get; private set; }

    protected override void Seen(byte[] buffer, int offset, int read, long position)
    {
        if (read <= 0)
        {
            return;
        }

        if (position == 0 && BeginsWithByteOrderMark(buffer, offset, read))
        {
            HasByteOrderMark = true;
        }

        if (!SawCarriageReturn && HasCarriageReturn(buffer, offset, read))
        {
            SawCarriageReturn = true;
        }
    }

    /// <summary>True when the bytes start with a UTF-8 byte order mark (for a whole file already in memory, too).</summary>
    public static bool BeginsWithByteOrderMark(byte[] buffer, int offset, int count) =>
        count >= 3 && buffer[offset] == 0xEF && buffer[offset + 1] == 0xBB && buffer[offset + 2] == 0xBF;

    public static bool HasCarriageReturn(byte[] buffer, int offset, int count) => Array.IndexOf(buffer, (byte)'\r', offset, count) >= 0;
}
