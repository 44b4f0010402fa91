using System;
using System.IO;

namespace SandboxOps.Engine.Hashing;

/// <summary>
/// A forward-only, read-only view of another stream that looks at every block read through it (records
/// traits, hashes, counts against a budget). Position is the number of bytes read so far.
/// </summary>
internal abstract class PassThroughStream : Stream
{
    private readonly Stream _inner;
    private long _position;

    protected PassThroughStream(Stream inner)
    {
        _inner = inner;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public sealed override int Read(byte[] buffer, int offset, int count)
    {
        var read = ReadInner(_inner, buffer, offset, count);
        Seen(buffer, offset, read, _position);
        _position += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Reads from the inner stream; override to translate its failures.</summary>
    protected virtual int ReadInner(Stream inner, byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    /// <summary>Called for every read, with what it read (0 bytes at the end) and where in the stream it starts.</summary>
    protected abstract void Seen(byte[] buffer, int offset, int read, long position);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
