using System;
using System.Collections.Generic;

namespace SandboxOps.Engine.Hashing;

/// <summary>
/// Tokens kept in memory, in a buffer that grows, so that ranges of them can be hashed later in another
/// order. One buffer is kept per thread between uses: allocating a profile's 10 MB afresh each time
/// costs a full garbage collection.
/// </summary>
internal sealed class TokenBuffer : TokenEncoder
{
    private const int LargestKept = 64 << 20;

    [ThreadStatic]
    private static TokenBuffer? t_kept;

    private TokenBuffer()
        : base(1 << 16)
    {
    }

    /// <summary>An empty buffer, this thread's kept one when there is one; give it back with <see cref="Return"/>.</summary>
    public static TokenBuffer Rent()
    {
        var buffer = t_kept ?? new TokenBuffer();
        t_kept = null;
        buffer.Used = 0;
        return buffer;
    }

    public void Return()
    {
        if (Buffer.Length <= LargestKept)
        {
            t_kept = this;
        }
    }

    public int Length => Used;

    /// <summary>Forgets the tokens written after the first <paramref name="length"/> bytes.</summary>
    public void Truncate(int length) => Used = length;

    /// <summary>Rewrites the tokens from <paramref name="regionStart"/> to the end as the given ranges of them, in the given order.</summary>
    public void Reorder(int regionStart, IReadOnlyList<(int Start, int Length)> order)
    {
        var region = new byte[Used - regionStart];
        System.Buffer.BlockCopy(Buffer, regionStart, region, 0, region.Length);
        var at = regionStart;
        foreach (var (start, length) in order)
        {
            System.Buffer.BlockCopy(region, start - regionStart, Buffer, at, length);
            at += length;
        }
    }

    /// <summary>Appends a range of this buffer's tokens to a digest.</summary>
    public void CopyTo(DigestWriter writer, int start, int length) => writer.Append(Buffer, start, length);

    protected override void Reserve(int count)
    {
        if (Used + count > Buffer.Length)
        {
            var grown = new byte[Math.Max(Buffer.Length * 2, Used + count)];
            System.Buffer.BlockCopy(Buffer, 0, grown, 0, Used);
            Buffer = grown;
        }
    }
}
