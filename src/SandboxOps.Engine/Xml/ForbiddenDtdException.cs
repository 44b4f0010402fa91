using System;

namespace SandboxOps.Engine.Xml;

/// <summary>A file carries a DOCTYPE: Salesforce never writes one, so it is refused rather than parsed.</summary>
public sealed class ForbiddenDtdException : Exception
{
    public ForbiddenDtdException(int line)
        : base("The file declares a DTD (<!DOCTYPE>); Salesforce metadata never does, and SandboxOps does not process DTDs or entities.")
    {
        Line = line;
    }

    public ForbiddenDtdException()
        : this(0)
    {
    }

    public ForbiddenDtdException(string message)
        : base(message)
    {
    }

    public ForbiddenDtdException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Line { get; }
}
