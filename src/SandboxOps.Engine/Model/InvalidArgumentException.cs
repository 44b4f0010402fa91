using System;

namespace SandboxOps.Engine.Model;

/// <summary>An argument a command cannot work with (an unknown metadata type, an unparsable ignore rule); id <c>SandboxOps.Argument.&lt;Reason&gt;</c>.</summary>
public sealed class InvalidArgumentException : SandboxOpsException
{
    public InvalidArgumentException(string reason, string message, Exception? innerException = null)
        : base("Argument", FailureKind.InvalidArgument, reason, message, innerException)
    {
    }

    public InvalidArgumentException()
        : this("The argument is not valid.")
    {
    }

    public InvalidArgumentException(string message)
        : this("Unspecified", message)
    {
    }

    public InvalidArgumentException(string message, Exception innerException)
        : this("Unspecified", message, innerException)
    {
    }
}
