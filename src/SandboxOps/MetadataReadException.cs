using System;
using SandboxOps.Engine.Model;

namespace SandboxOps;

/// <summary>The exception inside a per-file error record; its message names the file and what to do.</summary>
public sealed class MetadataReadException : Exception
{
    public MetadataReadException()
    {
    }

    public MetadataReadException(string message)
        : base(message)
    {
    }

    public MetadataReadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal MetadataReadException(MetadataProblem problem)
        : base(problem.Message)
    {
        Path = problem.Path;
        Line = problem.Line;
    }

    /// <summary>The file the problem is in.</summary>
    public string? Path { get; }

    public int? Line { get; }
}
