using System;
using Microsoft.Extensions.Logging;

namespace SandboxOps.Engine.Diagnostics;

/// <summary>
/// Builds the logger factory an operation uses: always the host's sink, plus a file when asked.
/// Hosts get an <see cref="IDisposable"/> only, so Microsoft.Extensions.Logging stays an engine detail.
/// </summary>
public sealed class EngineLogging : IDisposable
{
    public EngineLogging(ILogSink sink, string? logFilePath)
    {
        Factory = new LoggerFactory();
        Factory.AddProvider(new SinkLoggerProvider(sink));
        if (!string.IsNullOrWhiteSpace(logFilePath))
        {
            Factory.AddProvider(new FileLoggerProvider(logFilePath!));
        }
    }

    internal LoggerFactory Factory { get; }

    /// <summary>A logger of the given category, or one that discards everything when there is no logging.</summary>
    internal static ILogger For(EngineLogging? logging, string category) =>
        (ILogger?)logging?.Factory.CreateLogger(category) ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose() => Factory.Dispose();
}
