using Microsoft.Extensions.Logging;

namespace SandboxOps.Engine.Diagnostics;

/// <summary>Bridges Microsoft.Extensions.Logging to an <see cref="ILogSink"/>.</summary>
internal sealed class SinkLoggerProvider : ILoggerProvider
{
    private readonly ILogSink _sink;

    public SinkLoggerProvider(ILogSink sink)
    {
        _sink = sink;
    }

    public ILogger CreateLogger(string categoryName) =>
        new CallbackLogger(LogLevel.Trace, (level, message) => _sink.Write(ToSeverity(level), categoryName, message));

    public void Dispose()
    {
    }

    internal static LogSeverity ToSeverity(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => LogSeverity.Debug,
        LogLevel.Information => LogSeverity.Verbose,
        LogLevel.Warning => LogSeverity.Warning,
        _ => LogSeverity.Error,
    };
}
