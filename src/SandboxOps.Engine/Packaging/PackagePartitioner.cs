using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading;

namespace SandboxOps.Engine.Packaging;

/// <summary>
/// Splits a package only where Salesforce's limits per deploy demand it: 10,000 files, 39 MB as a zip,
/// 600 MB unzipped. Two parts are two deploys, and half a change can land, so a package under the limits
/// is never split. The zipped size is measured, not guessed: when the raw bytes are over the zip limit,
/// each file is compressed as the package zip compresses it. Components that share a file (the children
/// of one object file) stay in one part, and one component's files are never split.
/// </summary>
internal sealed class PackagePartitioner
{
    // A zip entry costs its local header (30 bytes + name) and its central directory record (46 bytes + name).
    private const int EntryOverhead = 76;

    private readonly PackageOptions _options;
    private readonly string _folder;

    public PackagePartitioner(PackageOptions options, string folder)
    {
        _options = options;
        _folder = folder;
    }

    public List<PackagePart> Partition(List<PackagedComponent> components, CancellationToken cancellationToken)
    {
        var groups = components.GroupBy(c => string.Join("\n", c.Files)).Select(g => (Components: g.ToList(), Files: g.First().Files)).ToList();
        var rawSize = groups.SelectMany(g => g.Files).Distinct(StringComparer.Ordinal).ToDictionary(f => f, RawSize, StringComparer.Ordinal);
        var totalRaw = rawSize.Values.Sum() + rawSize.Keys.Sum(f => (long)EntryOverhead + (2 * f.Length));

        // A zip is never much larger than its files, so under the zip limit raw there is nothing to measure;
        // over it, each file is compressed once, whichever part it ends up in.
        var measure = totalRaw > _options.MaxZippedBytes;
        var zippedSize = new Dictionary<string, long>(StringComparer.Ordinal);
        (long Raw, long Zipped) Cost(IEnumerable<string> files)
        {
            long raw = 0, zipped = 0;
            foreach (var file in files)
            {
                if (!zippedSize.TryGetValue(file, out var size))
                {
                    zippedSize[file] = size = measure ? ZippedSize(file, rawSize[file], cancellationToken) : rawSize[file];
                }

                raw += rawSize[file];
                zipped += size + EntryOverhead + (2 * file.Length);
            }

            return (raw, zipped);
        }

        var parts = new List<PackagePart>();
        var current = new PackagePart();
        foreach (var (group, files) in groups)
        {
            var fresh = files.Where(f => !current.Files.Contains(f)).ToList();
            var cost = Cost(fresh);
            if (current.Components.Count > 0
                && (current.Files.Count + fresh.Count > _options.MaxFiles || current.RawBytes + cost.Raw > _options.MaxUnzippedBytes || current.ZippedBytes + cost.Zipped > _options.MaxZippedBytes))
            {
                parts.Add(current);
                current = new PackagePart();
                fresh = files.ToList();
                cost = Cost(fresh);
            }

            current.Add(group, fresh, cost.Raw, cost.Zipped);
        }

        parts.Add(current);
        return parts;
    }

    public static string Limits(PackageOptions options) => string.Format(
        CultureInfo.InvariantCulture,
        "{0:N0} files, {1} zipped, {2} unzipped",
        options.MaxFiles,
        Megabytes(options.MaxZippedBytes),
        Megabytes(options.MaxUnzippedBytes));

    /// <summary>The warning a split package carries: why, and what each part holds.</summary>
    public static string Describe(IReadOnlyList<PackagePart> parts, PackageOptions options)
    {
        var each = parts.Select((part, i) => string.Format(
            CultureInfo.InvariantCulture,
            "part {0}: {1:N0} components ({2}), {3:N0} files, {4} zipped",
            i + 1,
            part.Components.Count,
            string.Join(", ", part.Components.GroupBy(c => c.Key.Type).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(4).Select(g => $"{g.Count():N0} {g.Key}")),
            part.Files.Count,
            Megabytes(part.ZippedBytes)));
        return $"The package is over Salesforce's limits per deploy ({Limits(options)}), so it was written as {parts.Count} packages: {string.Join("; ", each)}. "
            + "Deploy them in order: each is a deploy of its own, so a failure part-way leaves the parts before it deployed.";
    }

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    private long RawSize(string file) => new FileInfo(PathOf(file)).Length;

    private long ZippedSize(string file, long rawSize, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var counter = new CountingStream();
        using (var deflate = new DeflateStream(counter, CompressionLevel.Optimal, leaveOpen: true))
        using (var input = File.OpenRead(PathOf(file)))
        {
            input.CopyTo(deflate);
        }

        return Math.Min(counter.Length, rawSize); // a zip stores an entry that does not shrink
    }

    private string PathOf(string file) => Path.Combine(_folder, file.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Counts what is written to it and keeps nothing.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
