using Microsoft.Extensions.Logging;
using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.Reading;

/// <summary>The reader's log lines, compiled once (no formatting cost when the level is off).</summary>
internal static partial class ReadLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Reading {Source} ({Format} format): {Files} files in {Units} components, listed in {Elapsed} ms")]
    public static partial void Listed(ILogger logger, string source, MetadataFormat format, int files, int units, long elapsed);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Read {Count} components from {Source} in {Elapsed} ms")]
    public static partial void Finished(ILogger logger, int count, string source, long elapsed);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Skipped tooling file {Path}")]
    public static partial void SkippedTooling(ILogger logger, string path);

    [LoggerMessage(EventId = 104, Level = LogLevel.Debug, Message = "Skipped {Path}: .forceignore names it")]
    public static partial void SkippedIgnored(ILogger logger, string path);

    [LoggerMessage(EventId = 103, Level = LogLevel.Debug, Message = "{Code}: {Message}")]
    public static partial void Problem(ILogger logger, ProblemCode code, string message);
}
