using System;
using System.Security.Cryptography;
using System.Text;

namespace SandboxOps.Engine.Hashing;

/// <summary>
/// Feeds tagged, length-prefixed tokens into SHA-256, so that no two different token sequences can
/// produce the same byte stream.
/// </summary>
internal sealed class DigestWriter : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _small = new byte[5];
    private long _length;

    public void Tag(char tag)
    {
        _small[0] = (byte)tag;
        Append(_small, 0, 1);
    }

    public void Text(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        _small[0] = (byte)'"';
        _small[1] = (byte)(bytes.Length >> 24);
        _small[2] = (byte)(bytes.Length >> 16);
        _small[3] = (byte)(bytes.Length >> 8);
        _small[4] = (byte)bytes.Length;
        Append(_small, 0, 5);
        Append(bytes, 0, bytes.Length);
    }

    public void Bytes(byte[] value) => Append(value, 0, value.Length);

    public void Append(byte[] buffer, int offset, int count)
    {
        _hash.AppendData(buffer, offset, count);
        _length += count;
    }

    public Digest Finish() => new(_hash.GetHashAndReset(), _length);

    public void Dispose() => _hash.Dispose();
}
