using System;

namespace SandboxOps.Engine.Pipelines;

/// <summary>A link's differences sorted by what they mean for the pipeline.</summary>
public sealed class DriftFindings
{
    public DriftFindings(DifferenceList notBackPromoted, DifferenceList handChanges, DifferenceList inFlight)
    {
        NotBackPromoted = notBackPromoted;
        HandChanges = handChanges;
        InFlight = inFlight;
    }

    public static DriftFindings None { get; } = new(Empty(), Empty(), Empty());

    public DifferenceList NotBackPromoted { get; }

    public DifferenceList HandChanges { get; }

    public DifferenceList InFlight { get; }

    private static DifferenceList Empty() => new(Array.Empty<Comparison.MetadataDifference>());
}
