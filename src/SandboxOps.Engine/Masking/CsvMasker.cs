using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using CsvHelper;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.Masking;

/// <summary>
/// Masks a CSV export (Bulk API 2.0 or Data Loader) as it streams through CsvHelper, in constant memory whatever
/// its size: the columns the rules name for its object are masked, every other field is copied as its bytes. The
/// output keeps the input's dialect (byte order mark, CRLF or LF) and is written beside the destination, then moved
/// into place; the input is never written to. A malformed record stops the file with its line and column, and
/// nothing of the output remains.
/// </summary>
public sealed class CsvMasker
{
    private const int ProgressEvery = 16384;
    private readonly EngineContext _context;

    public CsvMasker(EngineContext context)
    {
        _context = context;
    }

    public IReadOnlyList<MaskingReport> Protect(string input, string objectName, MaskingRules rules, Masker masker, string destination, bool overwrite)
    {
        var source = Path.GetFullPath(input);
        var target = Path.GetFullPath(destination);
        if (string.Equals(source, target, StringComparison.Ordinal))
        {
            throw new MaskingException(FailureKind.InvalidArgument, "SameFile", $"'{source}' would be masked over itself; the input is never overwritten. Give a -Destination folder of its own.");
        }

        if (File.Exists(target) && !overwrite)
        {
            throw new MaskingException(FailureKind.AlreadyExists, "OutputExists", $"'{target}' already exists. Give another -Destination, or -Force to replace it.");
        }

        var dialect = Dialect.Of(source);
        using var staged = StagedOutput.Beside(target, "masking");
        Directory.CreateDirectory(staged.Path);
        var name = Path.GetFileName(target);
        List<ColumnCount> columns;
        try
        {
            columns = Copy(source, Path.Combine(staged.Path, name), objectName, rules, masker, dialect);
        }
        catch (CsvFormatException ex)
        {
            throw new MaskingException(FailureKind.InvalidData, "MalformedCsv", $"'{source}', line {ex.LineNumber}, column {Dialect.ColumnAt(source, ex.ByteOffset)}: {ex.Message} Fix the file (or export it again); nothing was written for it.", ex);
        }

        if (overwrite && File.Exists(target))
        {
            File.Delete(target);
        }

        staged.MoveTo(target, name);
        return columns.Select(c => new MaskingReport(source, objectName, c.Name, c.Rule, c.Rows, c.Masked, target)).ToList();
    }

    private List<ColumnCount> Copy(string source, string output, string objectName, MaskingRules rules, Masker masker, Dialect dialect)
    {
        var length = new FileInfo(source).Length;
        var activity = "Masking " + Path.GetFileName(source);
        var options = new CsvReaderOptions
        {
            Separator = ',',
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Throw,
            TrackLineNumbers = true,
            IncludeValuesInExceptions = false, // the values are what is being protected
            SkipEmptyLines = false,
        };
        using var reader = CsvReader.Create(new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), options, false);
        using var writer = CsvWriter.Create(new FileStream(output, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16), new CsvWriterOptions { NewLine = dialect.NewLine, WriteByteOrderMark = dialect.ByteOrderMark, Quoting = dialect.QuoteAll ? CsvQuoting.Always : CsvQuoting.WhenNeeded }, false);
        reader.ReadHeader();
        var headers = reader.Headers.ToArray();
        var fieldRules = rules.For(objectName);
        var plan = headers.Select(h => fieldRules.TryGetValue(h, out var rule) && rule.Method != MaskingMethod.Keep ? rule : null).ToArray();
        var counts = headers.Select((h, i) => plan[i] is { } r ? new ColumnCount(h, r) : null).ToArray();
        var id = Array.FindIndex(headers, h => string.Equals(h, "Id", StringComparison.OrdinalIgnoreCase));
        writer.WriteHeader(headers);
        long rows = 0;
        while (reader.Read())
        {
            var record = id >= 0 ? reader.GetString(id) : reader.GetString(0);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (plan[i] is not { } rule)
                {
                    writer.WriteField(reader.GetSpan(i));
                    continue;
                }

                var value = reader.GetString(i);
                var masked = masker.Mask(rule, value, record);
                counts[i]!.Add(!string.Equals(masked, value, StringComparison.Ordinal));
                writer.WriteField(masked);
            }

            writer.EndRecord();
            if (++rows % ProgressEvery == 0)
            {
                _context.Cancellation.ThrowIfCancellationRequested();
                _context.Observer.ReportProgress(new OperationProgress(activity, $"{rows.ToString("N0", CultureInfo.InvariantCulture)} records", reader.ByteOffset, length));
            }
        }

        return counts.OfType<ColumnCount>().ToList();
    }

    /// <summary>One masked column's counts.</summary>
    private sealed class ColumnCount
    {
        public ColumnCount(string name, FieldRule rule)
        {
            Name = name;
            Rule = rule;
        }

        public string Name { get; }

        public FieldRule Rule { get; }

        public long Rows { get; private set; }

        public long Masked { get; private set; }

        public void Add(bool masked)
        {
            Rows++;
            if (masked)
            {
                Masked++;
            }
        }
    }

    /// <summary>What the output copies of the input's form: a byte order mark, CRLF or LF, and every field quoted (Bulk API 2.0) or only those that need it (Data Loader).</summary>
    private sealed class Dialect
    {
        private Dialect(bool byteOrderMark, string newLine, bool quoteAll)
        {
            ByteOrderMark = byteOrderMark;
            NewLine = newLine;
            QuoteAll = quoteAll;
        }

        public bool QuoteAll { get; }

        public bool ByteOrderMark { get; }

        public string NewLine { get; }

        public static Dialect Of(string file)
        {
            var head = new byte[1 << 16];
            int read;
            using (var stream = File.OpenRead(file))
            {
                read = stream.Read(head, 0, head.Length);
            }

            var bom = read >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF;
            var lf = Array.IndexOf(head, (byte)'\n', 0, read);
            return new Dialect(bom, lf > 0 && head[lf - 1] == '\r' ? "\r\n" : "\n", read > (bom ? 3 : 0) && head[bom ? 3 : 0] == '"');
        }

        /// <summary>The 1-based column, in characters, of a byte offset within its line.</summary>
        public static long ColumnAt(string file, long offset)
        {
            var start = Math.Max(0, offset - (1 << 16));
            var bytes = new byte[offset - start];
            using (var stream = File.OpenRead(file))
            {
                stream.Position = start;
                var read = stream.Read(bytes, 0, bytes.Length);
                Array.Resize(ref bytes, read);
            }

            var lineStart = Array.LastIndexOf(bytes, (byte)'\n') + 1;
            return Encoding.UTF8.GetCharCount(bytes, lineStart, bytes.Length - lineStart) + 1;
        }
    }
}
