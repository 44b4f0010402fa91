using System;
using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.Masking;

/// <summary>A file that cannot be masked (malformed CSV, an output in the way); the message names the file, line and column.</summary>
public sealed class MaskingException : SandboxOpsException
{
    public MaskingException(FailureKind kind, string reason, string message, Exception? innerException = null)
        : base("Masking", kind, reason, message, innerException)
    {
    }

    public MaskingException()
        : this("A file could not be masked.")
    {
    }

    public MaskingException(string message)
        : base("Masking", FailureKind.InvalidData, "Unspecified", message, null)
    {
    }

    public MaskingException(string message, Exception innerException)
        : base("Masking", FailureKind.InvalidData, "Unspecified", message, innerException)
    {
    }
}
