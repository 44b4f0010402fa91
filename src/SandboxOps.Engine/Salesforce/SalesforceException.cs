using System;

namespace SandboxOps.Engine.Salesforce;

/// <summary>
/// A failure reported by Salesforce or on the way to it: a SOAP fault, a REST or OAuth error, a
/// timeout. <see cref="Code"/> is Salesforce's own code (INVALID_SESSION_ID, LIMIT_EXCEEDED, invalid_grant)
/// or ours for transport failures; the message says what to do and never holds a token.
/// </summary>
public sealed class SalesforceException : Exception
{
    public SalesforceException(string code, string message, bool isTransient = false, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        IsTransient = isTransient;
    }

    public SalesforceException()
        : this("Unknown", "Salesforce reported an error.")
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

    public string Code { get; }

    /// <summary>True for failures that may pass when the call is repeated (timeouts, 5xx, UNKNOWN_EXCEPTION, REQUEST_LIMIT_EXCEEDED).</summary>
    public bool IsTransient { get; }
}
