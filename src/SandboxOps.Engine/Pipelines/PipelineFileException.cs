using System;
using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.Pipelines;

/// <summary>A pipeline file that cannot be read or used; the message names the file, the line and the JSON path. Id <c>SandboxOps.Pipeline.&lt;Reason&gt;</c>.</summary>
public sealed class PipelineFileException : SandboxOpsException
{
    public PipelineFileException(FailureKind kind, string reason, string message, Exception? innerException = null)
        : base("Pipeline", kind, reason, message, innerException)
    {
    }

    public PipelineFileException()
        : this("The pipeline file cannot be used.")
    {
    }

    public PipelineFileException(string message)
        : base("Pipeline", FailureKind.InvalidData, "Unspecified", message, null)
    {
    }

    public PipelineFileException(string message, Exception innerException)
        : base("Pipeline", FailureKind.InvalidData, "Unspecified", message, innerException)
    {
    }
}
