namespace SandboxOps.Engine.Diagnostics;

/// <summary>Receives the engine's log lines; may be called from any thread.</summary>
public interface ILogSink
{
    void Write(LogSeverity severity, string category, string message);
}
