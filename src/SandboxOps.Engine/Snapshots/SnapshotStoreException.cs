using System;
using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.Snapshots;

/// <summary>The store cannot be used or changed as asked; the message names the store or snapshot and what to do.</summary>
public sealed class SnapshotStoreException : SandboxOpsException
{
    public SnapshotStoreException(FailureKind kind, string reason, string message, Exception? innerException = null)
        : base("Snapshot", kind, reason, message, innerException)
    {
    }

    public SnapshotStoreException()
        : this("The snapshot store cannot be used.")
    {
    }

    public SnapshotStoreException(string message)
        : base("Snapshot", FailureKind.InvalidArgument, "Unspecified", message, null)
    {
    }

    public SnapshotStoreException(string message, Exception innerException)
        : base("Snapshot", FailureKind.InvalidArgument, "Unspecified", message, innerException)
    {
    }
}
