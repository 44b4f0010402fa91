using System;
using System.IO;

namespace SandboxOps.Engine.Hashing;

/// <summary>
/// Passes a stream through while noting what parsers normalise away: carriage returns and a UTF-8 byte
/// order mark. Costs one vectorised scan of bytes already in memory.
/// </summary>
internal sealed class TraitRecordingStream : Stream
{
    private readonly Stream _inner;
    private long _position;

    public TraitRecordingStream(Stream inner)
    {
        _inner = inner;
    }

    public bool SawCarriageReturn { get; private set; }

    public bool HasByteOrderMark { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = _inner.Read(buffer, offset, count);
        if (read > 0)
        {
            if (_position == 0 && read >= 3 && buffer[offset] == 0xEF && buffer[offset + 1] == 0xBB && buffer[offset + 2] == 0xBF)
            {
                HasByteOrderMark = true;
            }

            if (!SawCarriageReturn && Array.IndexOf(buffer, (byte)'\r', offset, read) >= 0)
            {
                SawCarriageReturn = true;
            }

            _position += read;
        }

        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
