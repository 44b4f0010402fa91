using System;
using System.Globalization;
using System.IO;
using System.Text;
using Microsoft.Extensions.Logging;

namespace SandboxOps.Engine.Diagnostics;

/// <summary>
/// Appends log lines to a file for runbooks: one line each, UTC timestamp, level, category. Lines are
/// written and flushed under a lock, so concurrent commands in one process do not interleave.
/// </summary>
internal sealed class FileLoggerProvider : ILoggerProvider
{
    private readonly object _gate = new();
    private readonly StreamWriter _writer;

    public FileLoggerProvider(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        _writer = new StreamWriter(stream, new UTF8Encoding(false));
    }

    public ILogger CreateLogger(string categoryName) =>
        new CallbackLogger(LogLevel.Debug, (level, message) => Write(level, categoryName, message));

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }

    private void Write(LogLevel level, string category, string message)
    {
        var line = string.Format(
            CultureInfo.InvariantCulture,
            "{0:yyyy-MM-ddTHH:mm:ss.fffZ} {1,-7} {2}: {3}",
            DateTime.UtcNow,
            SinkLoggerProvider.ToSeverity(level),
            category,
            message.Replace(Environment.NewLine, " ").Replace("\n", " "));
        lock (_gate)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }
}
