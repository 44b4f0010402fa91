using System;
using Microsoft.Extensions.Logging;

namespace SandboxOps.Engine.Diagnostics;

/// <summary>
/// Builds the logger factory an operation uses: always the host's sink, plus a file when asked.
/// Hosts get an <see cref="IDisposable"/> only, so Microsoft.Extensions.Logging stays an engine detail.
/// </summary>
public sealed class EngineLogging : IDisposable
{
    private static readonly Action<ILogger, string, string, Exception?> FailedMessage =
        LoggerMessage.Define<string, string>(LogLevel.Error, new EventId(900, "Failed"), "{ErrorId}: {Message}");

    private readonly ILogger? _failures;

    public EngineLogging(ILogSink sink, string? logFilePath)
    {
        Factory = new LoggerFactory();
        Factory.AddProvider(new SinkLoggerProvider(sink));
        if (!string.IsNullOrWhiteSpace(logFilePath))
        {
            var file = new FileLoggerProvider(logFilePath!);
            Factory.AddProvider(file);
            _failures = file.CreateLogger("SandboxOps.Errors");
        }
    }

    /// <summary>
    /// Writes an error the host reports to the user (a terminating error record) to the log file alone: the
    /// host's own streams already carry it, and a runbook's log must hold it too.
    /// </summary>
    public void RecordFailure(string errorId, string message)
    {
        if (_failures is not null)
        {
            FailedMessage(_failures, errorId, message, null);
        }
    }

    internal LoggerFactory Factory { get; }

    /// <summary>A logger of the given category, or one that discards everything when there is no logging.</summary>
    internal static ILogger For(EngineLogging? logging, string category) =>
        (ILogger?)logging?.Factory.CreateLogger(category) ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose() => Factory.Dispose();
}
