using System;

namespace SandboxOps.Engine.Packaging;

/// <summary>A package cannot be written as asked; the message says why and what to do.</summary>
public sealed class PackageException : Exception
{
    public PackageException(string reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public PackageException()
        : this("Unspecified", "The package cannot be written.")
    {
    }

    public PackageException(string message)
        : this("Unspecified", message)
    {
    }

    public PackageException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = "Unspecified";
    }

    /// <summary>Used in the error id: <c>SandboxOps.Package.&lt;Reason&gt;</c>.</summary>
    public string Reason { get; }
}
