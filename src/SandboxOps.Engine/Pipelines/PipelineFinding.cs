namespace SandboxOps.Engine.Pipelines;

/// <summary>One way a pipeline departs from the practice its rule stands for, and what to do about it.</summary>
public sealed class PipelineFinding
{
    public PipelineFinding(string ruleId, FindingSeverity severity, string? environment, string message, string remedy)
    {
        RuleId = ruleId;
        Severity = severity;
        Environment = environment;
        Message = message;
        Remedy = remedy;
    }

    /// <summary>The rule's id (SOP001...), stable across versions so a runbook can filter on it.</summary>
    public string RuleId { get; }

    public FindingSeverity Severity { get; }

    /// <summary>The environment it is about, or null for the pipeline as a whole.</summary>
    public string? Environment { get; }

    public string Message { get; }

    public string Remedy { get; }

    public override string ToString() => $"{Severity} {RuleId} {Environment}: {Message}";
}
