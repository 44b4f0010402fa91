namespace SandboxOps.Engine.Merging;

/// <summary>Where a merged element's value comes from.</summary>
public enum MergeSide
{
    /// <summary>Neither side changed it.</summary>
    Base,

    /// <summary>Changed in the source (production's hotfix) only, or the same way on both sides.</summary>
    Source,

    /// <summary>Changed in the target (the sandbox's work in progress) only: kept.</summary>
    Target,
}
