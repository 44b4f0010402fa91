using System;
using System.Security.Cryptography;

namespace SandboxOps.Engine.Hashing;

/// <summary>
/// Feeds tokens into SHA-256. Tokens are gathered in a buffer and hashed in large blocks: one call
/// into the hash per token cost more than the hashing itself.
/// </summary>
internal sealed class DigestWriter : TokenEncoder, IDisposable
{
    private const int BufferSize = 1 << 16;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _length;

    public DigestWriter()
        : base(BufferSize)
    {
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
        return new Digest(_hash.GetHashAndReset(), _length);
    }

    public void Dispose() => _hash.Dispose();

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
