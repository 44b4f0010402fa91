using System;
using System.Collections.Generic;
using SandboxOps.Engine.Salesforce;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Engine.Refreshes;

/// <summary>What is known about one sandbox when a refresh is planned or started.</summary>
public sealed class RefreshFacts
{
    public RefreshFacts(DateTimeOffset now, SandboxProcess? latest, DateTimeOffset? fileLastRefresh, OrgSnapshot? snapshot, IReadOnlyList<string>? atRisk, IReadOnlyDictionary<string, long> recordCounts, DateTimeOffset? lastChange = null)
    {
        Now = now;
        Latest = latest;
        LastRefresh = latest?.RefreshedAt ?? fileLastRefresh;
        LastRefreshSource = latest?.RefreshedAt is not null ? "production org" : fileLastRefresh is not null ? "pipeline file" : null;
        Snapshot = snapshot;
        AtRisk = atRisk;
        RecordCounts = recordCounts;
        LastChange = lastChange;
    }

    /// <summary>For a refresh that needs no record counts.</summary>
    public static IReadOnlyDictionary<string, long> NoRecordCounts { get; } = new Dictionary<string, long>();

    public DateTimeOffset Now { get; }

    /// <summary>The sandbox's newest copy on production, when production was asked.</summary>
    public SandboxProcess? Latest { get; }

    public DateTimeOffset? LastRefresh { get; }

    public string? LastRefreshSource { get; }

    /// <summary>The newest snapshot of the sandbox that verifies.</summary>
    public OrgSnapshot? Snapshot { get; }

    /// <summary>Components only the sandbox holds (null: not known).</summary>
    public IReadOnlyList<string>? AtRisk { get; }

    public IReadOnlyDictionary<string, long> RecordCounts { get; }

    /// <summary>When the sandbox's metadata last changed, when known.</summary>
    public DateTimeOffset? LastChange { get; }
}
