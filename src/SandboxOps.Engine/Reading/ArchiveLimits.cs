using System;
using System.Globalization;
using System.IO;

namespace SandboxOps.Engine.Reading;

/// <summary>
/// How far an archive inside metadata (a zipped static resource) may expand. Salesforce caps a static resource at
/// 5 MB, so an archive that expands past these is a zip bomb or a mistake, and is refused with an error naming it
/// instead of filling the disk or the memory. Set <c>SANDBOXOPS_MAX_ARCHIVE_BYTES</c> and
/// <c>SANDBOXOPS_MAX_ARCHIVE_RATIO</c> to change them.
/// </summary>
internal sealed class ArchiveLimits
{
    /// <summary>Below this many expanded bytes no ratio is suspicious (a small file of zeros compresses a thousandfold).</summary>
    private const long RatioFloor = 16L * 1024 * 1024;

    private ArchiveLimits(long maxBytes, double maxRatio)
    {
        MaxBytes = maxBytes;
        MaxRatio = maxRatio;
    }

    public static ArchiveLimits Current { get; } = new(
        Setting("SANDBOXOPS_MAX_ARCHIVE_BYTES", 1L << 30),
        Setting("SANDBOXOPS_MAX_ARCHIVE_RATIO", 200));

    /// <summary>The most bytes one archive may expand to, all entries together.</summary>
    public long MaxBytes { get; }

    /// <summary>The most an archive may expand relative to its own size.</summary>
    public double MaxRatio { get; }

    /// <summary>A reader of one archive's entries that stops with a clear error once the archive expands past the limits.</summary>
    public Budget For(string archive, long compressedSize) => new(this, archive, compressedSize);

    private static long Setting(string name, long fallback) =>
        long.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    /// <summary>What one archive has expanded to so far.</summary>
    internal sealed class Budget
    {
        private readonly ArchiveLimits _limits;
        private readonly string _archive;
        private readonly long _compressedSize;
        private long _expanded;

        public Budget(ArchiveLimits limits, string archive, long compressedSize)
        {
            _limits = limits;
            _archive = archive;
            _compressedSize = Math.Max(1, compressedSize);
        }

        /// <summary>An entry's content, counted against the archive's limits as it is read (whatever size the entry claims).</summary>
        public Stream Open(Stream entry) => new CountedStream(entry, this);

        internal void Count(long bytes)
        {
            _expanded += bytes;
            if (_expanded > _limits.MaxBytes || (_expanded > RatioFloor && _expanded > _compressedSize * _limits.MaxRatio))
            {
                throw new InvalidDataException(
                    $"The archive {_archive} expands past {_expanded / (1024 * 1024):N0} MB from {_compressedSize / 1024.0:N0} KB, over the limits ({_limits.MaxBytes / (1024 * 1024):N0} MB, {_limits.MaxRatio:N0} times its size; Salesforce caps a static resource at 5 MB): it was not expanded. "
                    + "If it is genuine, raise SANDBOXOPS_MAX_ARCHIVE_BYTES or SANDBOXOPS_MAX_ARCHIVE_RATIO.");
            }
        }
    }

    /// <summary>Reads through, counting every byte against its archive's budget.</summary>
    private sealed class CountedStream : Hashing.PassThroughStream
    {
        private readonly Budget _budget;

        public CountedStream(Stream inner, Budget budget)
            : base(inner)
        {
            _budget = budget;
        }

        protected override void Seen(byte[] buffer, int offset, int read, long position) => _budget.Count(read);
    }
}
