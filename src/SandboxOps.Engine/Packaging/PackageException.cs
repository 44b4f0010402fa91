using System;
using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.Packaging;

/// <summary>A package cannot be written as asked; the message says why and what to do.</summary>
public sealed class PackageException : SandboxOpsException
{
    public PackageException(FailureKind kind, string reason, string message, Exception? innerException = null)
        : base("Package", kind, reason, message, innerException)
    {
    }

    public PackageException()
        : this("The package cannot be written.")
    {
    }

    public PackageException(string message)
        : base("Package", FailureKind.InvalidArgument, "Unspecified", message, null)
    {
    }

    public PackageException(string message, Exception innerException)
        : base("Package", FailureKind.InvalidArgument, "Unspecified", message, innerException)
    {
    }
}
