namespace SandboxOps.Engine.Pipelines;

/// <summary>What kind of org an environment is (Salesforce's sandbox licences, production and scratch orgs).</summary>
public enum SandboxType
{
    Production,
    Full,
    Partial,
    DeveloperPro,
    Developer,
    Scratch,
}
