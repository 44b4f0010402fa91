using System.Collections.Generic;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps.Engine.Pipelines;

/// <summary>
/// One org of the pipeline. <see cref="Source"/> is what -Source binds to by property name, so an environment
/// piped into Export-OrgSnapshot or Compare-OrgMetadata is read where the file says it lives.
/// </summary>
public sealed class PipelineEnvironment
{
    public PipelineEnvironment(string name, SandboxType type, EnvironmentRole role, string location, string source, string? owner = null, string? description = null, IReadOnlyList<ExpectedDrift>? expectedDrift = null, EnvironmentRefresh? refresh = null)
    {
        Refresh = refresh ?? EnvironmentRefresh.None;
        Name = name;
        Type = type;
        Role = role;
        Location = location;
        Source = source;
        Owner = owner;
        Description = description;
        ExpectedDrift = expectedDrift ?? new List<ExpectedDrift>();
    }

    public string Name { get; }

    public SandboxType Type { get; }

    public EnvironmentRole Role { get; }

    /// <summary>As written in the file: org:alias, a folder, a zip or path@revision (relative to the file).</summary>
    public string Location { get; }

    /// <summary>The location resolved against the file's folder: what commands open.</summary>
    public string Source { get; }

    public string? Owner { get; }

    public string? Description { get; }

    public IReadOnlyList<ExpectedDrift> ExpectedDrift { get; }

    /// <summary>How the environment is refreshed and put right afterwards.</summary>
    public EnvironmentRefresh Refresh { get; }

    /// <summary>Salesforce's name of the sandbox (at most 10 letters and digits): the file's sandboxName, else the environment's name.</summary>
    public string SandboxName => Refresh.SandboxName ?? Name;

    /// <summary>The pipeline the environment belongs to (piped on, it tells Get-PipelineDrift which file to read).</summary>
    public SandboxPipeline? Pipeline { get; internal set; }

    /// <summary>True for an org (org:alias): read by retrieving, and snapshotted incrementally.</summary>
    public bool IsOrg => Source.StartsWith(OrgConnection.SourcePrefix, System.StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Name} ({Role}, {Type})";
}
