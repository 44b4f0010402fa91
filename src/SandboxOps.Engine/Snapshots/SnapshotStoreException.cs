using System;

namespace SandboxOps.Engine.Snapshots;

/// <summary>The store cannot be used or changed as asked; the message names the store or snapshot and what to do.</summary>
public sealed class SnapshotStoreException : Exception
{
    public SnapshotStoreException(string reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public SnapshotStoreException()
        : this("Unspecified", "The snapshot store cannot be used.")
    {
    }

    public SnapshotStoreException(string message)
        : this("Unspecified", message)
    {
    }

    public SnapshotStoreException(string message, Exception innerException)
        : this("Unspecified", message, innerException)
    {
    }

    /// <summary>Used in the error id: <c>SandboxOps.Snapshot.&lt;Reason&gt;</c>.</summary>
    public string Reason { get; }
}
