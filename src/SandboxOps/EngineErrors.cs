using System;
using System.IO;
using System.Management.Automation;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Model;

namespace SandboxOps;

/// <summary>
/// The one table from engine failures to error records: the id names the area and reason
/// (<c>SandboxOps.&lt;Area&gt;.&lt;Reason&gt;</c>), the kind decides the category. Whether the record stops the
/// command is not the failure's to say but where it happened: see <see cref="SandboxOpsCmdlet"/>.
/// </summary>
public static class EngineErrors
{
    /// <summary>The record for an engine or I/O failure, or null for an exception that is neither (a bug, reported as it is).</summary>
    internal static ErrorRecord? Record(Exception failure, object? target) => Classify(failure) is var (id, kind)
        ? new ErrorRecord(failure, id, CategoryOf(kind), target)
        : null;

    /// <summary>The category each kind of failure reads as, in every command.</summary>
    public static ErrorCategory CategoryOf(FailureKind kind) => kind switch
    {
        FailureKind.NotFound => ErrorCategory.ObjectNotFound,
        FailureKind.InvalidArgument => ErrorCategory.InvalidArgument,
        FailureKind.InvalidData or FailureKind.Corrupt => ErrorCategory.InvalidData,
        FailureKind.Unsafe => ErrorCategory.SecurityError,
        FailureKind.AlreadyExists => ErrorCategory.ResourceExists,
        FailureKind.Busy => ErrorCategory.ResourceBusy,
        FailureKind.Denied => ErrorCategory.PermissionDenied,
        FailureKind.Unreadable => ErrorCategory.ReadError,
        FailureKind.Authentication => ErrorCategory.AuthenticationError,
        FailureKind.Connection => ErrorCategory.ConnectionError,
        FailureKind.Timeout => ErrorCategory.OperationTimeout,
        FailureKind.Limit => ErrorCategory.LimitsExceeded,
        FailureKind.NotInstalled => ErrorCategory.NotInstalled,
        FailureKind.NotSupported => ErrorCategory.NotImplemented,
        FailureKind.DiskFull => ErrorCategory.WriteError,
        FailureKind.Rejected => ErrorCategory.InvalidOperation,
        _ => ErrorCategory.NotSpecified,
    };

    /// <summary>Ours carry their id and kind; the file system's own failures get ids of ours too, never a .NET type's.</summary>
    private static (string Id, FailureKind Kind)? Classify(Exception failure) => failure switch
    {
        SandboxOpsException ours => (ours.ErrorId, ours.Kind),
        IOException io when DiskFull.Is(io) => ("SandboxOps.IO.DiskFull", FailureKind.DiskFull),
        PathTooLongException => ("SandboxOps.IO.PathTooLong", FailureKind.InvalidArgument),
        UnauthorizedAccessException => ("SandboxOps.IO.AccessDenied", FailureKind.Denied),
        IOException => ("SandboxOps.IO.Failed", FailureKind.Unreadable),
        InvalidDataException => ("SandboxOps.IO.InvalidData", FailureKind.InvalidData),
        _ => null,
    };
}
