namespace SandboxOps.Engine.Comparison;

/// <summary>How a component on the source side relates to the target side.</summary>
public enum DifferenceStatus
{
    /// <summary>The same metadata on both sides (whatever the bytes).</summary>
    Identical,

    /// <summary>On both sides, with different metadata.</summary>
    Changed,

    /// <summary>Only in the source: deploying the source onto the target would create it.</summary>
    SourceOnly,

    /// <summary>Only in the target.</summary>
    TargetOnly,

    /// <summary>
    /// A side could not be read (malformed or unreadable file, or the component defined twice): its state
    /// there is unknown, so it is neither created nor deleted, and <see cref="MetadataDifference.Reason"/> says why.
    /// </summary>
    Unreadable,
}
