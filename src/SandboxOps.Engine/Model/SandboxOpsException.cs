using System;

namespace SandboxOps.Engine.Model;

/// <summary>
/// Every failure the engine raises on purpose: an <see cref="Area"/> and a <see cref="Reason"/> that make the
/// error id (<c>SandboxOps.&lt;Area&gt;.&lt;Reason&gt;</c>), a <see cref="Kind"/> that decides the category,
/// and a message that names the file, store, package or org and says what to do.
/// </summary>
public abstract class SandboxOpsException : Exception
{
    protected SandboxOpsException(string area, FailureKind kind, string reason, string message, Exception? innerException)
        : base(message, innerException)
    {
        Area = area;
        Kind = kind;
        Reason = reason;
    }

    /// <summary>Which part failed: Source, Snapshot, Package, Org, Argument.</summary>
    public string Area { get; }

    public FailureKind Kind { get; }

    /// <summary>Short reason in the error id (PathNotFound, StoreBusy, INVALID_SESSION_ID).</summary>
    public string Reason { get; }

    /// <summary>The id PowerShell error records carry: <c>SandboxOps.&lt;Area&gt;.&lt;Reason&gt;</c>.</summary>
    public string ErrorId => "SandboxOps." + Area + "." + Reason;
}
