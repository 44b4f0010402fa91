using System;
using System.IO;
using System.Security.Cryptography;
using SandboxOps.Engine.Hashing;

namespace SandboxOps.Engine.Snapshots;

/// <summary>
/// A stored file's content, checked against its SHA-256 as it streams: a blob replaced by other bytes (or
/// other valid gzip) is an <see cref="InvalidDataException"/> at its end naming the file and the blob, never
/// content handed back as if it were the snapshot's. The hash costs one pass over bytes already being read.
/// </summary>
internal sealed class VerifyingStream : PassThroughStream
{
    private readonly string _expected;
    private readonly string _what;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _checked;

    /// <param name="inner">The decompressed blob.</param>
    /// <param name="expected">Its SHA-256, as the manifest records it.</param>
    /// <param name="what">How an error names it: the file, the snapshot, the blob's path.</param>
    public VerifyingStream(Stream inner, string expected, string what)
        : base(inner)
    {
        _expected = expected;
        _what = what;
    }

    protected override int ReadInner(Stream inner, byte[] buffer, int offset, int count)
    {
        try
        {
            return inner.Read(buffer, offset, count);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{_what} is damaged ({ex.Message}). Run Test-OrgSnapshot, and restore from another snapshot.", ex);
        }
    }

    protected override void Seen(byte[] buffer, int offset, int read, long position)
    {
        if (read > 0)
        {
            _hash.AppendData(buffer, offset, read);
            return;
        }

        if (_checked)
        {
            return;
        }

        _checked = true;
        var actual = SnapshotStore.Hex(_hash.GetHashAndReset());
        if (!string.Equals(actual, _expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{_what} does not hold what the snapshot recorded (SHA-256 {actual.Substring(0, 12)}, not {_expected.Substring(0, 12)}): the store was changed after the snapshot was taken. Run Test-OrgSnapshot, and restore from another snapshot.");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
