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

/// <summary>What to do with a component changed on both sides.</summary>
public enum ConflictAction
{
    Skip,
    Overwrite,
    Stop,
}

/// <summary>One component's outcome for one target.</summary>
public sealed class BackPromotionResult
{
    public BackPromotionResult(string target, string type, string fullName, PromotionAction action, PromotionStatus status, string reason, string? rollbackSnapshot)
    {
        Target = target;
        Type = type;
        FullName = fullName;
        Action = action;
        Status = status;
        Reason = reason;
        RollbackSnapshot = rollbackSnapshot;
    }

    public string Target { get; }

    public string Type { get; }

    public string FullName { get; }

    public PromotionAction Action { get; }

    public PromotionStatus Status { get; }

    public string Reason { get; }

    /// <summary>The snapshot of the target taken before it was changed; Restore-OrgSnapshot returns the target to it.</summary>
    public string? RollbackSnapshot { get; }

    public override string ToString() => $"{Status} {Action} {Type} {FullName}";

    /// <summary>This planned change, not applied because a conflict stopped the back-promotion.</summary>
    internal BackPromotionResult Stopped() => With(PromotionStatus.Skipped, "Not applied: a conflict stopped the back-promotion (-ConflictAction Stop).", null);

    internal BackPromotionResult With(PromotionStatus status, string reason, string? rollback) => new(Target, Type, FullName, Action, status, reason, rollback);
}
