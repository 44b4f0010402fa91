using SandboxOps.Engine.Pipelines;

namespace SandboxOps.Engine.Gates;

/// <summary>One thing a package would get wrong in its target, found before it reaches an org, and what to do about it.</summary>
public sealed class PackageFinding
{
    public PackageFinding(string ruleId, FindingSeverity severity, string? component, string message, string remedy)
    {
        RuleId = ruleId;
        Severity = severity;
        Component = component;
        Message = message;
        Remedy = remedy;
    }

    /// <summary>The check's id (PKG001...), stable across versions so a runbook can filter on it.</summary>
    public string RuleId { get; }

    public FindingSeverity Severity { get; }

    /// <summary>The component it is about ("CustomField Account.Rating__c"), or null for the package as a whole.</summary>
    public string? Component { get; }

    public string Message { get; }

    public string Remedy { get; }

    public override string ToString() => $"{Severity} {RuleId} {Component}: {Message}";
}
