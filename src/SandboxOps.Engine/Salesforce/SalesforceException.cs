using System;
using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.Salesforce;

/// <summary>A failure reported by Salesforce or on the way to it: a SOAP fault, a REST or OAuth error, a timeout. The message says what to do and never holds a token.</summary>
public sealed class SalesforceException : SandboxOpsException
{
    public SalesforceException(string code, string message, bool isTransient = false, Exception? innerException = null)
        : base("Org", SalesforceFailures.KindOf(code), code, message, innerException)
    {
        IsTransient = isTransient;
    }

    public SalesforceException()
        : this("Salesforce reported an error.")
    {
    }

    public SalesforceException(string message)
        : this("Unknown", message)
    {
    }

    public SalesforceException(string message, Exception innerException)
        : this("Unknown", message, false, innerException)
    {
    }

    /// <summary>Salesforce's own code (INVALID_SESSION_ID, LIMIT_EXCEEDED, invalid_grant) or ours for transport failures.</summary>
    public string Code => Reason;

    /// <summary>True for failures that may pass when the call is repeated (timeouts, 5xx, UNKNOWN_EXCEPTION, REQUEST_LIMIT_EXCEEDED).</summary>
    public bool IsTransient { get; }
}
