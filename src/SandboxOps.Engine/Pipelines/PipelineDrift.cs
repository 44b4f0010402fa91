using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Comparison;

namespace SandboxOps.Engine.Pipelines;

/// <summary>
/// How the two ends of one link of a pipeline differ: a promotion, a back-promotion, or an environment against
/// the repository (From is the side that would be deployed, as Compare-OrgMetadata's -Source). Expected drift is
/// left out of <see cref="Differences"/> and counted in <see cref="Suppressed"/>.
/// </summary>
public sealed class PipelineDrift
{
    public PipelineDrift(SandboxPipeline pipeline, LinkKind kind, string from, string to, IList<MetadataDifference> differences, int suppressed, DriftFindings findings, string? baseline)
    {
        Pipeline = pipeline;
        Kind = kind;
        From = from;
        To = to;
        Differences = new DifferenceList(differences);
        Suppressed = suppressed;
        NotBackPromoted = findings.NotBackPromoted;
        HandChanges = findings.HandChanges;
        InFlight = findings.InFlight;
        Baseline = baseline;
        Changed = Count(DifferenceStatus.Changed);
        SourceOnly = Count(DifferenceStatus.SourceOnly);
        TargetOnly = Count(DifferenceStatus.TargetOnly);
        Unreadable = Count(DifferenceStatus.Unreadable);
        ByType = new TypeCounts(differences.Select(d => d.Type));
    }

    public SandboxPipeline Pipeline { get; }

    public LinkKind Kind { get; }

    /// <summary>The environment whose state would be deployed (the compare's -Source).</summary>
    public string From { get; }

    /// <summary>The environment compared against (the compare's -Target), or "repository".</summary>
    public string To { get; }

    /// <summary>Differences not covered by expected drift.</summary>
    public int Total => Differences.Count;

    public int Changed { get; }

    /// <summary>Components only in From (a difference's Status SourceOnly).</summary>
    public int SourceOnly { get; }

    /// <summary>Components only in To (a difference's Status TargetOnly).</summary>
    public int TargetOnly { get; }

    public int Unreadable { get; }

    /// <summary>Components that differ only as the expected-drift rules of either end allow.</summary>
    public int Suppressed { get; }

    public TypeCounts ByType { get; }

    /// <summary>What production has changed that the lower environment lacks, since their last baseline (or, without one, where the lower one still holds the repository's version).</summary>
    public DifferenceList NotBackPromoted { get; }

    /// <summary>Changes made in a UAT, staging or production environment that are neither in the repository nor in any environment below it.</summary>
    public DifferenceList HandChanges { get; }

    /// <summary>Work in a development, integration, testing or hotfix environment that is in no environment above it nor in the repository.</summary>
    public DifferenceList InFlight { get; }

    /// <summary>The baseline snapshot <see cref="NotBackPromoted"/> was measured from, if the store held one.</summary>
    public string? Baseline { get; }

    public DifferenceList Differences { get; }

    public override string ToString() => $"{From} -> {To} ({Kind}): {Total} differences, {Suppressed} expected";

    private int Count(DifferenceStatus status) => Differences.Count(d => d.Status == status);
}
