namespace SandboxOps.Engine.Pipelines;

/// <summary>
/// Whether an environment's copy of production's records must be masked: with the rules file named (resolved against
/// the pipeline file), or not at all, for the reason given (a Developer sandbox holds no production data).
/// </summary>
public sealed class MaskingPolicy
{
    public MaskingPolicy(string? rules, string? rulesLocation, string? exemption)
    {
        Rules = rules;
        RulesLocation = rulesLocation;
        Exemption = exemption;
    }

    /// <summary>The masking rules file, resolved; null for an exemption.</summary>
    public string? Rules { get; }

    /// <summary>The rules file as written in the pipeline file.</summary>
    public string? RulesLocation { get; }

    /// <summary>Why the environment is not masked; null when it is.</summary>
    public string? Exemption { get; }

    public bool Required => Rules is not null;

    public override string ToString() => Required ? "masked by " + RulesLocation : "not masked: " + Exemption;
}
