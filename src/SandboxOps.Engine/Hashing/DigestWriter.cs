using System;
using System.Security.Cryptography;

namespace SandboxOps.Engine.Hashing;

/// <summary>
/// Feeds tokens into SHA-256. Tokens are gathered in a buffer and hashed in large blocks: one call
/// into the hash per token cost more than the hashing itself. One writer is kept per thread between
/// components: a fresh one per component (its 64 KB buffer and its native hash) was most of what
/// hashing 80,000 field files allocated.
/// </summary>
internal sealed class DigestWriter : TokenEncoder, IDisposable
{
    private const int BufferSize = 1 << 16;

    [ThreadStatic]
    private static DigestWriter? t_kept;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _length;

    private DigestWriter()
        : base(BufferSize)
    {
    }

    /// <summary>An empty writer, this thread's kept one when there is one; disposing it gives it back.</summary>
    public static DigestWriter Rent()
    {
        var writer = t_kept ?? new DigestWriter();
        t_kept = null;
        return writer;
    }

    public override void Append(byte[] buffer, int offset, int count)
    {
        if (count >= BufferSize / 2)
        {
            Flush();
            _hash.AppendData(buffer, offset, count);
            _length += count;
            return;
        }

        base.Append(buffer, offset, count);
    }

    public Digest Finish()
    {
        Flush();
        var digest = new Digest(_hash.GetHashAndReset(), _length);
        _length = 0;
        return digest;
    }

    /// <summary>Keeps a finished (or unused) writer for this thread's next component; one left half-written is let go.</summary>
    public void Dispose()
    {
        if (Used == 0 && _length == 0 && t_kept is null)
        {
            t_kept = this;
            return;
        }

        _hash.Dispose();
    }

    protected override void Reserve(int count)
    {
        if (Used + count > BufferSize)
        {
            Flush();
        }
    }

    private void Flush()
    {
        if (Used > 0)
        {
            _hash.AppendData(Buffer, 0, Used);
            _length += Used;
            Used = 0;
        }
    }
}
