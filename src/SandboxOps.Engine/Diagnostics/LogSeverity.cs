namespace SandboxOps.Engine.Diagnostics;

/// <summary>
/// The engine's own log levels, so that hosts need no reference to Microsoft.Extensions.Logging (which
/// lives in the module's private load context).
/// </summary>
public enum LogSeverity
{
    Debug,
    Verbose,
    Warning,
    Error,
}
