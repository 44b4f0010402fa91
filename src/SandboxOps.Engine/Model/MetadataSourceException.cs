using System;

namespace SandboxOps.Engine.Model;

/// <summary>
/// The source as a whole cannot be read (missing path, not metadata, unsafe archive, bad git revision).
/// Cmdlets turn it into a terminating error: the message names the path and says what to do.
/// </summary>
public sealed class MetadataSourceException : Exception
{
    public MetadataSourceException(string reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public MetadataSourceException(string reason, string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public MetadataSourceException()
        : this("Unspecified", "The metadata source cannot be read.")
    {
    }

    public MetadataSourceException(string message)
        : this("Unspecified", message)
    {
    }

    public MetadataSourceException(string message, Exception innerException)
        : this("Unspecified", message, innerException)
    {
    }

    /// <summary>Short reason, used in the error id: <c>SandboxOps.Source.&lt;Reason&gt;</c>.</summary>
    public string Reason { get; }
}
