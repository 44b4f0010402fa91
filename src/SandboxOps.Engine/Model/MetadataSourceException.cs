using System;

namespace SandboxOps.Engine.Model;

/// <summary>The source as a whole cannot be read (missing path, not metadata, unsafe archive, bad git revision); the message names it and says what to do.</summary>
public sealed class MetadataSourceException : SandboxOpsException
{
    public MetadataSourceException(FailureKind kind, string reason, string message, Exception? innerException = null)
        : base("Source", kind, reason, message, innerException)
    {
    }

    public MetadataSourceException()
        : this("The metadata source cannot be read.")
    {
    }

    public MetadataSourceException(string message)
        : base("Source", FailureKind.InvalidData, "Unspecified", message, null)
    {
    }

    public MetadataSourceException(string message, Exception innerException)
        : base("Source", FailureKind.InvalidData, "Unspecified", message, innerException)
    {
    }
}
