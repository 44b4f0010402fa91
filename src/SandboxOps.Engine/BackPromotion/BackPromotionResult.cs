using System;
using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Merging;

namespace SandboxOps.Engine.BackPromotion;

public enum PromotionAction
{
    Create,
    Update,
    Delete,
}

public enum PromotionStatus
{
    /// <summary>Written to the target.</summary>
    Promoted,

    /// <summary>Left alone: work in progress in the target, or a deletion not asked for.</summary>
    Skipped,

    /// <summary>Changed on both sides since the baseline (or no baseline to tell): not overwritten.</summary>
    Conflict,

    /// <summary>Could not be written; the target was left as it was.</summary>
    Failed,

    /// <summary>Would be promoted (-WhatIf).</summary>
    WhatIf,

    /// <summary>Validated in the org with -CheckOnly and not deployed; the org and the baseline are unchanged.</summary>
    Validated,
}

/// <summary>
/// What to do where both sides changed the same thing differently: an element, with a baseline to merge against;
/// the whole component without one.
/// </summary>
public enum ConflictAction
{
    /// <summary>A component with any conflict is not written.</summary>
    Skip,

    /// <summary>The source's value is written where the two conflict; the target's other changes are kept.</summary>
    Overwrite,

    /// <summary>Everything that merges is written; the target's value is kept where the two conflict.</summary>
    KeepTarget,

    /// <summary>Any conflict stops the back-promotion before anything is written.</summary>
    Stop,
}

/// <summary>One component's outcome for one target.</summary>
public sealed class BackPromotionResult
{
    public BackPromotionResult(string target, string type, string fullName, PromotionAction action, PromotionStatus status, string reason, string? rollbackSnapshot)
        : this(target, type, fullName, action, status, reason, rollbackSnapshot, new MergedElements(Array.Empty<MergedElement>()), new MergeConflicts(Array.Empty<MergeConflict>()))
    {
    }

    private BackPromotionResult(string target, string type, string fullName, PromotionAction action, PromotionStatus status, string reason, string? rollbackSnapshot, MergedElements merged, MergeConflicts conflicts)
    {
        Target = target;
        Type = type;
        FullName = fullName;
        Action = action;
        Status = status;
        Reason = reason;
        RollbackSnapshot = rollbackSnapshot;
        Merged = merged;
        Conflicts = conflicts;
    }

    public string Target { get; }

    public string Type { get; }

    public string FullName { get; }

    public PromotionAction Action { get; }

    public PromotionStatus Status { get; }

    public string Reason { get; }

    /// <summary>The snapshot of the target taken before it was changed; Restore-OrgSnapshot returns the target to it.</summary>
    public string? RollbackSnapshot { get; }

    /// <summary>For a component changed on both sides and merged: each element taken from the source, and each of the target's kept.</summary>
    public MergedElements Merged { get; }

    /// <summary>The elements both sides changed differently since the baseline, with the three values.</summary>
    public MergeConflicts Conflicts { get; }

    public override string ToString() => $"{Status} {Action} {Type} {FullName}";

    /// <summary>This planned change, not applied because a conflict stopped the back-promotion.</summary>
    internal BackPromotionResult Stopped() => With(PromotionStatus.Skipped, "Not applied: a conflict stopped the back-promotion (-ConflictAction Stop).", null);

    internal BackPromotionResult With(PromotionStatus status, string reason, string? rollback) => new(Target, Type, FullName, Action, status, reason, rollback, Merged, Conflicts);

    internal BackPromotionResult WithMerge(PromotionStatus status, string reason, IReadOnlyList<MergedElement> merged, IReadOnlyList<MergeConflict> conflicts) =>
        new(Target, Type, FullName, Action, status, reason, RollbackSnapshot, new MergedElements(merged.ToList()), new MergeConflicts(conflicts.ToList()));
}
