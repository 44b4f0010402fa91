namespace SandboxOps.Engine.Pipelines;

/// <summary>How much a finding about a pipeline matters: an Error breaks what the pipeline is for.</summary>
public enum FindingSeverity
{
    Error,
    Warning,
    Information,
}
