using System;
using System.Collections.Generic;
using SandboxOps.Engine.Pipelines;

namespace SandboxOps.Engine.Refreshes;

/// <summary>One sandbox of a pipeline as a refresh sees it: when it may be refreshed, what it would lose, and whether it is ready.</summary>
public sealed class SandboxRefreshPlan
{
    internal SandboxRefreshPlan(PipelineEnvironment environment, RefreshFacts facts, DateTimeOffset? nextAllowed, TimeSpan? estimatedDataLoad, IReadOnlyList<string> reasons)
    {
        Environment = environment.Name;
        SandboxName = environment.SandboxName;
        Type = environment.Type;
        Role = environment.Role;
        LastRefresh = facts.LastRefresh;
        LastRefreshSource = facts.LastRefreshSource;
        Status = facts.Latest?.Status;
        DaysSinceRefresh = facts.LastRefresh is { } last ? (int)Math.Floor((facts.Now - last).TotalDays) : null;
        NextAllowed = nextAllowed;
        AtRiskComponents = facts.AtRisk ?? Array.Empty<string>();
        AtRisk = facts.AtRisk?.Count;
        NewestSnapshot = facts.Snapshot?.Name;
        SnapshotTaken = facts.Snapshot?.Created;
        SnapshotAge = facts.Snapshot is { } snapshot ? facts.Now - new DateTimeOffset(DateTime.SpecifyKind(snapshot.Created, DateTimeKind.Utc)) : null;
        RecordCounts = facts.RecordCounts;
        EstimatedDataLoad = estimatedDataLoad;
        Reasons = reasons;
        Ready = reasons.Count == 0;
    }

    public string Environment { get; }

    /// <summary>Salesforce's name of the sandbox.</summary>
    public string SandboxName { get; }

    public SandboxType Type { get; }

    public EnvironmentRole Role { get; }

    public DateTimeOffset? LastRefresh { get; }

    /// <summary>Where <see cref="LastRefresh"/> comes from: the production org's SandboxProcess, or the pipeline file.</summary>
    public string? LastRefreshSource { get; }

    /// <summary>The newest copy's status on production (Completed, Processing, ...), when production was asked.</summary>
    public string? Status { get; }

    public int? DaysSinceRefresh { get; }

    /// <summary>When the licence's interval lets it be refreshed again (now or earlier: it may be refreshed).</summary>
    public DateTimeOffset? NextAllowed { get; }

    /// <summary>Components whose version is in neither the repository nor production (null: not known).</summary>
    public int? AtRisk { get; }

    public IReadOnlyList<string> AtRiskComponents { get; }

    /// <summary>The newest snapshot of the sandbox that verifies.</summary>
    public string? NewestSnapshot { get; }

    public DateTime? SnapshotTaken { get; }

    public TimeSpan? SnapshotAge { get; }

    /// <summary>Production's record counts of the objects the pipeline names.</summary>
    public IReadOnlyDictionary<string, long> RecordCounts { get; }

    /// <summary>How long loading those records takes at the pipeline's rate (none for a Full sandbox, which copies its data).</summary>
    public TimeSpan? EstimatedDataLoad { get; }

    public bool Ready { get; }

    /// <summary>Why it is not ready; empty when it is.</summary>
    public IReadOnlyList<string> Reasons { get; }

    public override string ToString() => $"{Environment}: {(Ready ? "ready" : "not ready: " + string.Join("; ", Reasons))}";
}
