using Microsoft.Extensions.Logging;

namespace SandboxOps.Engine.Snapshots;

internal static partial class SnapshotLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Snapshot {Name}: {Files} files, {Components} components ({Reused} hashes reused from the previous snapshot) in {Elapsed} ms")]
    public static partial void Exported(ILogger logger, string name, int files, int components, int reused, long elapsed);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Removed snapshot {Name}")]
    public static partial void Removed(ILogger logger, string name);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Collected {Blobs} stored files no snapshot uses ({Bytes} bytes)")]
    public static partial void Collected(ILogger logger, int blobs, long bytes);
}
