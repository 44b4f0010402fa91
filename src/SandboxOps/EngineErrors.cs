using System;
using System.IO;
using System.Management.Automation;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Packaging;
using SandboxOps.Engine.Salesforce;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps;

/// <summary>
/// One error record per failure kind the engine raises: an id of ours (<c>SandboxOps.&lt;Area&gt;.&lt;Reason&gt;</c>),
/// the category that fits, and what it is about. Disk full is DiskFull wherever it happens.
/// </summary>
internal static class EngineErrors
{
    /// <summary>The record for an engine failure, or null for an exception that is not one (a bug, reported as it is).</summary>
    public static ErrorRecord? Record(Exception failure, object? target) => failure switch
    {
        MetadataSourceException source => new ErrorRecord(source, "SandboxOps.Source." + source.Reason, SourceCategory(source.Reason), target),
        SnapshotStoreException store => SnapshotErrors.Record(store, target),
        PackageException package => new ErrorRecord(package, "SandboxOps.Package." + package.Reason, PackageCategory(package.Reason), target),
        SalesforceException salesforce => OrgErrors.Record(salesforce, target),
        IOException io when DiskFull.Is(io) => new ErrorRecord(io, "SandboxOps.IO.DiskFull", ErrorCategory.WriteError, target),
        PathTooLongException tooLong => new ErrorRecord(tooLong, "SandboxOps.IO.PathTooLong", ErrorCategory.InvalidArgument, target),
        UnauthorizedAccessException denied => new ErrorRecord(denied, "SandboxOps.IO.AccessDenied", ErrorCategory.PermissionDenied, target),
        IOException io => new ErrorRecord(io, "SandboxOps.IO.Failed", ErrorCategory.ReadError, target),
        InvalidDataException data => new ErrorRecord(data, "SandboxOps.IO.InvalidData", ErrorCategory.InvalidData, target),
        _ => null,
    };

    private static ErrorCategory PackageCategory(string reason) => reason switch
    {
        "DestinationExists" => ErrorCategory.ResourceExists,
        "OutputInsideSource" => ErrorCategory.InvalidArgument,
        _ => ErrorCategory.LimitsExceeded,
    };

    private static ErrorCategory SourceCategory(string reason) => reason switch
    {
        "PathNotFound" => ErrorCategory.ObjectNotFound,
        "UnsafeArchiveEntry" or "ArchiveTooLarge" => ErrorCategory.SecurityError,
        "UnreadableFile" => ErrorCategory.ReadError,
        "GitNotFound" => ErrorCategory.NotInstalled,
        _ => ErrorCategory.InvalidData,
    };
}
