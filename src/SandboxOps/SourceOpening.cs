using System;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps;

/// <summary>How a command opens a -Source or -Target: the git revision to read a path at, and for an org what to retrieve.</summary>
internal sealed class SourceOpening
{
    public SourceOpening(string parameter, string? revision = null, ReadOptions? filter = null, int parallelism = 3, Func<OrgConnection, RetrieveBaseline?>? baseline = null)
    {
        Parameter = parameter;
        Revision = revision;
        Filter = filter ?? ReadOptions.All;
        Parallelism = parallelism;
        Baseline = baseline;
    }

    /// <summary>The parameter's name, for messages.</summary>
    public string Parameter { get; }

    public string? Revision { get; }

    /// <summary>What will be read: an org is retrieved only for these types.</summary>
    public ReadOptions Filter { get; }

    /// <summary>How many retrieve requests run at once against an org.</summary>
    public int Parallelism { get; }

    /// <summary>An earlier snapshot of the org, for an incremental retrieve.</summary>
    public Func<OrgConnection, RetrieveBaseline?>? Baseline { get; }

    public RetrieveOptions RetrieveOptionsFor(OrgConnection org) => RetrieveOptions.For(Filter, Parallelism, Baseline?.Invoke(org));
}
