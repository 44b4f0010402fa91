using Microsoft.Extensions.Logging;

namespace SandboxOps.Engine.Comparison;

internal static partial class CompareLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Comparing {Source} ({SourceFormat}) with {Target} ({TargetFormat}): {Mode}")]
    public static partial void Started(ILogger logger, string source, SandboxOps.Engine.Model.MetadataFormat sourceFormat, string target, SandboxOps.Engine.Model.MetadataFormat targetFormat, string mode);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Compared in {Elapsed} ms: {Changed} changed, {SourceOnly} source only, {TargetOnly} target only, {Identical} identical after parsing; {CleanUnits} of {Units} file groups identical byte for byte (not parsed)")]
    public static partial void Finished(ILogger logger, long elapsed, int changed, int sourceOnly, int targetOnly, int identical, int cleanUnits, int units);

    [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Stages: index {Index} ms; examine {Examine} ms of worker time ({IdenticalBytes} pairs identical by bytes, {Narrowed} narrowed to the fragments that differ, {ReadWhole} read whole, {Hashed} units hashed for matching by key); differences {Differences} ms; pending {Pending} ms ({Reread} pairs read again to diff)")]
    public static partial void Stages(ILogger logger, long index, long examine, int identicalBytes, int narrowed, int readWhole, int hashed, long differences, long pending, int reread);
}
