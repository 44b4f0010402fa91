namespace SandboxOps.Engine.Pipelines;

/// <summary>Why two places of a pipeline are compared.</summary>
public enum LinkKind
{
    /// <summary>Work is promoted from the lower environment to the higher one.</summary>
    Promotion,

    /// <summary>Production's changes (hotfixes) are brought back down into a lower environment.</summary>
    BackPromotion,

    /// <summary>An environment against the repository that is the source of truth.</summary>
    Repository,
}
