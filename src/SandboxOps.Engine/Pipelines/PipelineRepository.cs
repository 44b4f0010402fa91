namespace SandboxOps.Engine.Pipelines;

/// <summary>The version control that is the source of truth: a DX project folder and the branch it is read at.</summary>
public sealed class PipelineRepository
{
    public PipelineRepository(string location, string? branch, string resolvedLocation)
    {
        Location = location;
        Branch = branch;
        Source = string.IsNullOrEmpty(branch) ? resolvedLocation : resolvedLocation + "@" + branch;
    }

    /// <summary>As written in the file (relative to it, or absolute).</summary>
    public string Location { get; }

    /// <summary>The branch or revision read; none reads the working tree.</summary>
    public string? Branch { get; }

    /// <summary>What a command opens: the full path, with @branch when one is given.</summary>
    public string Source { get; }

    public override string ToString() => Source;
}
