using System;
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

    public ILogger CreateLogger(string categoryName) => new SinkLogger(_sink, categoryName);

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

    private sealed class SinkLogger : ILogger
    {
        private readonly ILogSink _sink;
        private readonly string _category;

        public SinkLogger(ILogSink sink, string category)
        {
            _sink = sink;
            _category = category;
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                _sink.Write(ToSeverity(logLevel), _category, formatter(state, exception));
            }
        }
    }
}
