using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Merging;
using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.BackPromotion;

/// <summary>
/// What a back-promotion into one target would do, made without side effects: each differing component's
/// planned outcome (Promoted meaning "would be written"), and what applying it needs of the target as read.
/// </summary>
public sealed class BackPromotionPlan
{
    internal BackPromotionPlan(string target, string targetPath, MetadataFormat targetFormat, string newComponentRoot, Dictionary<ComponentKey, MetadataComponent> inTarget, IReadOnlyList<BackPromotionResult> results, PromotionBaseline? baseline, Dictionary<ComponentKey, MergeCandidate> merges, MergeSide onConflict, bool stopped)
    {
        OnConflict = onConflict;
        Baseline = baseline;
        Merges = merges;
        Target = target;
        TargetPath = targetPath;
        TargetFormat = targetFormat;
        NewComponentRoot = newComponentRoot;
        InTarget = inTarget;
        Results = results;
        Stopped = stopped;
    }

    /// <summary>The target's name in results and baselines: its path, or org:alias for an org.</summary>
    public string Target { get; }

    /// <summary>The folder the changes are written to (for an org, the retrieved copy).</summary>
    internal string TargetPath { get; }

    public IReadOnlyList<BackPromotionResult> Results { get; }

    /// <summary>How many components would be written or deleted.</summary>
    public int ChangeCount => Results.Count(r => r.Status == PromotionStatus.Promoted);

    /// <summary>-ConflictAction Stop met a conflict: applying the plan changes nothing.</summary>
    public bool Stopped { get; }

    internal MetadataFormat TargetFormat { get; }

    /// <summary>Where a component new to the target goes: the default package directory of a DX project.</summary>
    internal string NewComponentRoot { get; }

    internal Dictionary<ComponentKey, MetadataComponent> InTarget { get; }

    /// <summary>The baseline the plan was made against: the ancestor of every merge.</summary>
    internal PromotionBaseline? Baseline { get; }

    /// <summary>The components changed on both sides and merged: merged again when written, instead of the source's version.</summary>
    internal Dictionary<ComponentKey, MergeCandidate> Merges { get; }

    /// <summary>Whose value a merge writes where both sides changed an element differently.</summary>
    internal MergeSide OnConflict { get; }

    /// <summary>The plan as -WhatIf reports it: what would be written has Status WhatIf.</summary>
    public IReadOnlyList<BackPromotionResult> AsWhatIf() => Planned(r => r.With(PromotionStatus.WhatIf, r.Reason, null));

    internal IReadOnlyList<BackPromotionResult> Planned(System.Func<BackPromotionResult, BackPromotionResult> outcome) =>
        Results.Select(r => r.Status == PromotionStatus.Promoted ? outcome(r) : r).ToList();
}
