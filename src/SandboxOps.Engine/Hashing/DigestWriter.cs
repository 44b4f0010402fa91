using System;
using System.Security.Cryptography;
using System.Text;

namespace SandboxOps.Engine.Hashing;

/// <summary>
/// Feeds tagged, length-prefixed tokens into SHA-256, so that no two different token sequences can
/// produce the same byte stream. Tokens are gathered in a buffer and hashed in large blocks: one call
/// into the hash per token cost more than the hashing itself.
/// </summary>
internal sealed class DigestWriter : IDisposable
{
    private const int BufferSize = 1 << 16;
    private static readonly UTF8Encoding Utf8 = new(false);

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _used;
    private long _length;

    public void Tag(char tag)
    {
        Reserve(1);
        _buffer[_used++] = (byte)tag;
    }

    public void Text(string value)
    {
        var byteCount = value.Length < 256 ? value.Length * 3 : Utf8.GetByteCount(value);
        if (byteCount + 5 <= BufferSize)
        {
            Reserve(byteCount + 5);
            var written = Utf8.GetBytes(value, 0, value.Length, _buffer, _used + 5);
            WriteHeader(written);
            _used += written;
            return;
        }

        var bytes = Utf8.GetBytes(value);
        Reserve(5);
        WriteHeader(bytes.Length);
        Append(bytes, 0, bytes.Length);
    }

    public void Bytes(byte[] value) => Append(value, 0, value.Length);

    public void Append(byte[] buffer, int offset, int count)
    {
        if (count >= BufferSize / 2)
        {
            Flush();
            _hash.AppendData(buffer, offset, count);
            _length += count;
            return;
        }

        Reserve(count);
        Buffer.BlockCopy(buffer, offset, _buffer, _used, count);
        _used += count;
    }

    public Digest Finish()
    {
        Flush();
        return new Digest(_hash.GetHashAndReset(), _length);
    }

    public void Dispose() => _hash.Dispose();

    private void WriteHeader(int length)
    {
        _buffer[_used] = (byte)'"';
        _buffer[_used + 1] = (byte)(length >> 24);
        _buffer[_used + 2] = (byte)(length >> 16);
        _buffer[_used + 3] = (byte)(length >> 8);
        _buffer[_used + 4] = (byte)length;
        _used += 5;
    }

    private void Reserve(int count)
    {
        if (_used + count > BufferSize)
        {
            Flush();
        }
    }

    private void Flush()
    {
        if (_used > 0)
        {
            _hash.AppendData(_buffer, 0, _used);
            _length += _used;
            _used = 0;
        }
    }
}
