using System.Management.Automation;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps;

/// <summary>Error records for snapshot store failures: id SandboxOps.Snapshot.&lt;Reason&gt; and a fitting category.</summary>
internal static class SnapshotErrors
{
    public static ErrorRecord Record(SnapshotStoreException failure, object? target) =>
        new(failure, "SandboxOps.Snapshot." + failure.Reason, CategoryOf(failure.Reason), target);

    private static ErrorCategory CategoryOf(string reason) => reason switch
    {
        "SnapshotNotFound" or "StoreNotFound" => ErrorCategory.ObjectNotFound,
        "AccessDenied" or "StoreNotWritable" => ErrorCategory.PermissionDenied,
        "NameExists" or "DestinationNotEmpty" => ErrorCategory.ResourceExists,
        "StoreBusy" => ErrorCategory.ResourceBusy,
        "DiskFull" => ErrorCategory.WriteError,
        "ConversionNotSupported" => ErrorCategory.NotImplemented,
        _ => ErrorCategory.InvalidArgument,
    };
}
