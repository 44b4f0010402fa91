namespace SandboxOps.Engine.Pipelines;

/// <summary>What an environment is for in the pipeline, lowest first: the order work travels to production.</summary>
public enum EnvironmentRole
{
    Development,
    Integration,
    Testing,
    UAT,
    Staging,
    Hotfix,
    Production,
}
