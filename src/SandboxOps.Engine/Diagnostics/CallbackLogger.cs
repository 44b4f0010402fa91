using System;
using Microsoft.Extensions.Logging;

namespace SandboxOps.Engine.Diagnostics;

/// <summary>An <see cref="ILogger"/> that formats each entry and hands it to a callback; the providers differ only in the callback.</summary>
internal sealed class CallbackLogger : ILogger
{
    private readonly LogLevel _minimum;
    private readonly Action<LogLevel, string> _write;

    public CallbackLogger(LogLevel minimum, Action<LogLevel, string> write)
    {
        _minimum = minimum;
        _write = write;
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= _minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            _write(logLevel, formatter(state, exception));
        }
    }
}
