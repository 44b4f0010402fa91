using System;
using System.IO;
using System.Security.Cryptography;

namespace SandboxOps.Engine.Snapshots;

/// <summary>
/// A stored file's content, checked against its SHA-256 as it streams: a blob replaced by other bytes (or
/// other valid gzip) is an <see cref="InvalidDataException"/> at its end naming the file and the blob, never
/// content handed back as if it were the snapshot's. The hash costs one pass over bytes already being read.
/// </summary>
internal sealed class VerifyingStream : Stream
{
    private readonly Stream _inner;
    private readonly string _expected;
    private readonly string _what;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _checked;

    /// <param name="inner">The decompressed blob.</param>
    /// <param name="expected">Its SHA-256, as the manifest records it.</param>
    /// <param name="what">How an error names it: the file, the snapshot, the blob's path.</param>
    public VerifyingStream(Stream inner, string expected, string what)
    {
        _inner = inner;
        _expected = expected;
        _what = what;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int read;
        try
        {
            read = _inner.Read(buffer, offset, count);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{_what} is damaged ({ex.Message}). Run Test-OrgSnapshot, and restore from another snapshot.", ex);
        }

        if (read > 0)
        {
            _hash.AppendData(buffer, offset, read);
        }
        else if (count > 0 && !_checked)
        {
            _checked = true;
            var actual = SnapshotStore.Hex(_hash.GetHashAndReset());
            if (!string.Equals(actual, _expected, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"{_what} does not hold what the snapshot recorded (SHA-256 {actual.Substring(0, 12)}, not {_expected.Substring(0, 12)}): the store was changed after the snapshot was taken. Run Test-OrgSnapshot, and restore from another snapshot.");
            }
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
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
