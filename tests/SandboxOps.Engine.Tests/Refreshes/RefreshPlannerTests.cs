using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Pipelines;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Refreshes;
using SandboxOps.Engine.Salesforce;
using SandboxOps.Engine.Snapshots;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.Refreshes;

/// <summary>The refresh rules, one case each: interval, copy under way, snapshot (none, old, older than a change), work at risk, data load.</summary>
public sealed class RefreshPlannerTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly OrgSnapshot _snapshot;

    public RefreshPlannerTests()
    {
        _tree.Write("uat/classes/A.cls", "public class A {}").Write("uat/classes/A.cls-meta.xml", "<ApexClass xmlns=\"http://soap.sforce.com/2006/04/metadata\"><apiVersion>62.0</apiVersion></ApexClass>");
        var store = SnapshotStore.Open(_tree.PathOf("store"), create: true);
        using var source = MetadataSource.Open(_tree.PathOf("uat"));
        _snapshot = new SnapshotExporter(new EngineContext(new RecordingObserver())).Export(store, source, "uat-1", null, "1.0", ReadOptions.All);
        Taken = new DateTimeOffset(DateTime.SpecifyKind(_snapshot.Created, DateTimeKind.Utc));
    }

    private DateTimeOffset Taken { get; }

    public void Dispose() => _tree.Dispose();

    public static TheoryData<string, SandboxType, double?, string?, bool, double, double?, int, string?> Cases => new()
    {
        // case, type, last refresh (hours before the snapshot), copy status, snapshot?, hours from snapshot to now, change (hours after snapshot), at risk, reason expected (null: ready)
        { "ready", SandboxType.Full, -24 * 30, null, true, 1, null, 0, null },
        { "interval", SandboxType.Developer, -2, null, true, 1, null, 0, "next is allowed from" },
        { "partial interval", SandboxType.Partial, -24 * 3, null, true, 1, null, 0, "every 5 day(s)" },
        { "under way", SandboxType.Full, -24 * 40, "Processing", true, 1, null, 0, "already Processing" },
        { "no snapshot", SandboxType.Developer, -48, null, false, 1, null, 0, "no verified snapshot" },
        { "old snapshot", SandboxType.Developer, -48, null, true, 30, null, 0, "more than 24 h ago" },
        { "changed since", SandboxType.Developer, -48, null, true, 3, 2, 0, "after the newest verified snapshot" },
        { "at risk", SandboxType.DeveloperPro, -48, null, true, 1, null, 2, "2 component(s) are only in the sandbox" },
        { "production", SandboxType.Production, null, null, true, 1, null, 0, "only sandboxes are refreshed" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rule_makes_a_sandbox_not_ready_and_says_why(string name, SandboxType type, double? lastRefreshHours, string? status, bool snapshot, double nowHours, double? changeHours, int atRisk, string? reason)
    {
        var environment = new PipelineEnvironment("uat", type, type == SandboxType.Production ? EnvironmentRole.Production : EnvironmentRole.UAT, "org:uat", "org:uat");
        var last = lastRefreshHours is { } h ? Taken.AddHours(h) : (DateTimeOffset?)null;
        var facts = new RefreshFacts(
            Taken.AddHours(nowHours),
            status is null ? null : Process(status),
            last,
            snapshot ? _snapshot : null,
            Enumerable.Range(0, atRisk).Select(i => "ApexClass Work" + i).ToList(),
            new Dictionary<string, long>(),
            changeHours is { } c ? Taken.AddHours(c) : null);

        var plan = RefreshPlanner.Plan(environment, facts, 5000, RefreshPlanner.DefaultMaxSnapshotAge);

        Assert.True(reason is null == plan.Ready, name + ": " + string.Join(" | ", plan.Reasons));
        if (reason is not null)
        {
            Assert.Contains(plan.Reasons, r => r.Contains(reason, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_plan_says_when_and_how_long_from_the_facts()
    {
        var last = Taken.AddDays(-3);
        var facts = new RefreshFacts(Taken.AddHours(1), null, last, _snapshot, Array.Empty<string>(), new Dictionary<string, long> { ["Account"] = 20000, ["Contact"] = 10000 });
        var developer = RefreshPlanner.Plan(new PipelineEnvironment("dev", SandboxType.Developer, EnvironmentRole.Development, "./dev", "/dev"), facts, 5000, TimeSpan.FromHours(24));
        var full = RefreshPlanner.Plan(new PipelineEnvironment("uat", SandboxType.Full, EnvironmentRole.UAT, "./uat", "/uat"), facts, 5000, TimeSpan.FromHours(24));

        Assert.Equal((last.AddDays(1), 3, "pipeline file", "uat-1"), (developer.NextAllowed!.Value, developer.DaysSinceRefresh!.Value, developer.LastRefreshSource!, developer.NewestSnapshot!));
        Assert.Equal(TimeSpan.FromMinutes(6), developer.EstimatedDataLoad);
        Assert.Null(full.EstimatedDataLoad); // a Full copy brings its data
        Assert.Equal(last.AddDays(29), full.NextAllowed);
        Assert.False(full.Ready);
        Assert.Equal(TimeSpan.FromHours(1), developer.SnapshotAge);
    }

    [Fact]
    public void The_production_orgs_copy_wins_over_the_file_and_only_a_verified_snapshot_counts()
    {
        var completed = Process("Completed", ended: Taken.AddDays(-2));
        var facts = new RefreshFacts(Taken, completed, Taken.AddDays(-90), null, null, new Dictionary<string, long>());
        Assert.Equal((Taken.AddDays(-2), "production org"), (facts.LastRefresh!.Value.AddTicks(Taken.Ticks % TimeSpan.TicksPerMillisecond), facts.LastRefreshSource!)); // Salesforce's dates keep milliseconds

        var store = SnapshotStore.Open(_tree.PathOf("store"), create: false);
        Assert.Equal("uat-1", RefreshSnapshots.NewestVerified(store, _tree.PathOf("uat") + "/", default)!.Name);
        foreach (var blob in System.IO.Directory.EnumerateFiles(_tree.PathOf("store/blobs"), "*", System.IO.SearchOption.AllDirectories))
        {
            System.IO.File.WriteAllText(blob, "tampered");
        }

        Assert.Null(RefreshSnapshots.NewestVerified(store, _tree.PathOf("uat"), default));
    }

    private static SandboxProcess Process(string status, DateTimeOffset? ended = null)
    {
        var end = ended is { } e ? $", \"EndDate\": \"{e.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff}+0000\"" : string.Empty;
        using var json = JsonDocument.Parse($"{{ \"Id\": \"0GR1\", \"Status\": \"{status}\", \"SandboxName\": \"uat\", \"SandboxInfoId\": \"0GQ1\", \"LicenseType\": \"FULL\", \"CreatedDate\": \"2026-11-01T00:00:00.000+0000\"{end} }}");
        return SandboxProcess.From(json.RootElement);
    }
}
