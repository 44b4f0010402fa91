using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SandboxOps.Engine.Pipelines;

namespace SandboxOps.Engine.Refreshes;

/// <summary>
/// The rules a refresh is held to, in one place for the plan and for Start-SandboxRefresh: the licence's interval
/// (which Salesforce enforces too), no copy under way, and a verified snapshot younger than the limit taken after the
/// sandbox last changed; a plan also wants no work that only the sandbox holds.
/// </summary>
public static class RefreshPlanner
{
    public static readonly TimeSpan DefaultMaxSnapshotAge = TimeSpan.FromHours(24);

    public static SandboxRefreshPlan Plan(PipelineEnvironment environment, RefreshFacts facts, double recordsPerMinute, TimeSpan maxSnapshotAge)
    {
        var reasons = new List<string>();
        var next = NextAllowed(environment.Type, facts.LastRefresh);
        reasons.AddRange(Blocking(environment, facts));
        reasons.AddRange(SnapshotProblems(facts, maxSnapshotAge));
        if (facts.AtRisk is { Count: > 0 } atRisk)
        {
            reasons.Add($"{atRisk.Count} component(s) are only in the sandbox (in neither the repository nor production), for example {string.Join(", ", atRisk.Take(3))}: commit or promote them, or accept losing them.");
        }

        var records = facts.RecordCounts.Values.Sum();
        TimeSpan? load = environment.Type == SandboxType.Full || facts.RecordCounts.Count == 0 ? null : TimeSpan.FromMinutes(records / recordsPerMinute);
        return new SandboxRefreshPlan(environment, facts, next, load, reasons);
    }

    /// <summary>What stops a refresh whatever -Force says: the interval, a copy under way, an org that is not a sandbox.</summary>
    public static IEnumerable<string> Blocking(PipelineEnvironment environment, RefreshFacts facts)
    {
        var next = NextAllowed(environment.Type, facts.LastRefresh);
        if (RefreshInterval.Of(environment.Type) is null)
        {
            yield return $"'{environment.Name}' is a {environment.Type} org: only sandboxes are refreshed.";
            yield break;
        }

        if (facts.Latest is { } latest && (latest.IsUnderWay || latest.AwaitsActivation))
        {
            yield return $"a copy is already {latest.Status} (process {latest.Id}); follow it with Wait-SandboxRefresh.";
        }

        if (next is { } allowed && allowed > facts.Now)
        {
            yield return $"a {environment.Type} sandbox may be refreshed every {RefreshInterval.Of(environment.Type)!.Value.TotalDays:0} day(s); the last refresh was {Stamp(facts.LastRefresh!.Value)}, so the next is allowed from {Stamp(allowed)} (Salesforce refuses it before).";
        }
    }

    /// <summary>Why the snapshot does not make the refresh safe: none, too old, or older than the sandbox's last change.</summary>
    public static IEnumerable<string> SnapshotProblems(RefreshFacts facts, TimeSpan maxAge)
    {
        if (facts.Snapshot is not { } snapshot)
        {
            yield return "no verified snapshot of the sandbox: take one with Export-OrgSnapshot (and check it with Test-OrgSnapshot), so the work in it can be restored.";
            yield break;
        }

        var taken = new DateTimeOffset(DateTime.SpecifyKind(snapshot.Created, DateTimeKind.Utc));
        if (facts.Now - taken > maxAge)
        {
            yield return $"the newest verified snapshot '{snapshot.Name}' was taken {Stamp(taken)}, more than {maxAge.TotalHours:0.#} h ago: take a new one.";
        }
        else if (facts.LastChange is { } changed && changed > taken)
        {
            yield return $"the sandbox changed at {Stamp(changed)}, after the newest verified snapshot '{snapshot.Name}' ({Stamp(taken)}): take a new one.";
        }
    }

    public static DateTimeOffset? NextAllowed(SandboxType type, DateTimeOffset? lastRefresh) =>
        lastRefresh is { } last && RefreshInterval.Of(type) is { } interval ? last + interval : null;

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
