using Microsoft.Extensions.Logging;

namespace SandboxOps.Engine.Pipelines;

internal static partial class PipelineLog
{
    [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "Read {Place} ({Source}): {Components} components hashed in {Elapsed} ms{Snapshot}")]
    public static partial void PlaceRead(ILogger logger, string place, string source, int components, long elapsed, string snapshot);

    [LoggerMessage(EventId = 901, Level = LogLevel.Information, Message = "{From} -> {To}: {Differing} components differ by hash, {Total} differences, {Suppressed} expected, in {Elapsed} ms")]
    public static partial void LinkCompared(ILogger logger, string from, string to, int differing, int total, int suppressed, long elapsed);
}
