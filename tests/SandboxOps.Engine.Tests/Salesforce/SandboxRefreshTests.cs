using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SandboxOps.Engine.Salesforce;
using SandboxOps.Engine.Tests.Support;
using SandboxOps.Simulator;
using static SandboxOps.Engine.Tests.Salesforce.SimulatedOrgFixture;

namespace SandboxOps.Engine.Tests.Salesforce;

/// <summary>Sandbox refreshes through the Tooling API, and records through REST, against a simulated production org and its sandbox.</summary>
public sealed class SandboxRefreshTests
{
    private static readonly string Records = Path.Combine(TempTree.RepositoryRoot, "tests/fixtures/simulator/production-records.json");
    private static readonly string UatFolder = Path.Combine(TempTree.RepositoryRoot, "docs/samples/production-at-uat-refresh");

    [Fact]
    public async Task A_refresh_is_followed_to_completion_and_the_sandbox_then_holds_productions_copy()
    {
        await using var uat = await StartAsync(folder: UatFolder);
        await using var production = await StartAsync(isSandbox: false, dataFile: Records, sandboxes: new[] { new SimulatedSandbox { Name = "uat", LastRefresh = DateTimeOffset.UtcNow.AddDays(-3), CopyTo = uat.BaseUrl, PollsToComplete = 4 } });
        var api = new SandboxApi(await ConnectAsync(production));
        var uatOrg = await ConnectAsync(uat);
        var before = (await api.LatestAsync("uat", CancellationToken.None))!;
        Assert.True(before.Succeeded);

        var started = await api.RefreshAsync("uat", autoActivate: true, CancellationToken.None);
        var seen = api.Follow(started, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(10), CancellationToken.None).ToList();
        var done = seen[^1];

        Assert.True(done.Succeeded, done.ToString());
        Assert.NotEqual(before.Id, done.Id);
        Assert.Contains(seen, p => p.Status == "Processing" && p.CopyProgress is > 0 and < 100);
        Assert.Equal(seen.Select(p => p.CopyProgress ?? 0).OrderBy(p => p), seen.Select(p => p.CopyProgress ?? 0));
        Assert.NotNull(done.RefreshedAt);
        Assert.Equal(production.Org.Members.OrderBy(m => m), uat.Org.Members.OrderBy(m => m));

        // The copy ended the sandbox's sessions; the connection gets a new token by its refresh token and reads on.
        var users = await new OrgData(uatOrg).QueryAsync("SELECT Id, Username, Email FROM User WHERE IsActive = true", CancellationToken.None);
        Assert.All(users, u => Assert.EndsWith(".invalid", (string)u["Email"]!, StringComparison.Ordinal));
        Assert.Contains(users, u => (string)u["Username"]! == "dana.dev@acme.example.uat");
    }

    [Fact]
    public async Task A_refresh_before_the_interval_a_failed_copy_and_a_copy_still_pending_are_each_told_apart()
    {
        await using var production = await StartAsync(isSandbox: false, sandboxes: new[]
        {
            new SimulatedSandbox { Name = "full", LicenseType = "FULL", LastRefresh = DateTimeOffset.UtcNow.AddDays(-10) },
            new SimulatedSandbox { Name = "broken", Fails = true, PollsToComplete = 4 },
            new SimulatedSandbox { Name = "slow", PollsToComplete = 1000 },
        });
        var api = new SandboxApi(await ConnectAsync(production));

        var early = await Assert.ThrowsAsync<SalesforceException>(() => api.RefreshAsync("full", true, CancellationToken.None));
        Assert.Contains("until", early.Message, StringComparison.Ordinal);

        var broken = api.Follow(await api.RefreshAsync("broken", true, CancellationToken.None), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(10), CancellationToken.None).Last();
        Assert.True(broken.Failed);
        Assert.Equal("Stopped", broken.Status);

        var slow = api.Follow(await api.RefreshAsync("slow", true, CancellationToken.None), TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(20), CancellationToken.None).Last();
        Assert.True(slow.IsUnderWay);
        var again = await Assert.ThrowsAsync<SalesforceException>(() => api.RefreshAsync("slow", true, CancellationToken.None));
        Assert.Equal("INVALID_STATUS", again.Code);

        var missing = await Assert.ThrowsAsync<SalesforceException>(() => api.RefreshAsync("nosuch", true, CancellationToken.None));
        Assert.Contains("sandboxName", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_copy_without_auto_activation_waits_for_activation_and_completes_when_activated()
    {
        await using var production = await StartAsync(isSandbox: false, sandboxes: new[] { new SimulatedSandbox { Name = "qa", PollsToComplete = 2 } });
        var api = new SandboxApi(await ConnectAsync(production));

        var waiting = api.Follow(await api.RefreshAsync("qa", autoActivate: false, CancellationToken.None), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(10), CancellationToken.None).Last();
        Assert.True(waiting.AwaitsActivation);
        Assert.False(waiting.Failed);

        await api.ActivateAsync(waiting.Id, CancellationToken.None);
        var done = api.Follow(await api.ProcessAsync(waiting.Id, CancellationToken.None), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(10), CancellationToken.None).Last();
        Assert.True(done.Succeeded);
    }

    [Fact]
    public async Task Records_are_queried_counted_and_updated_through_REST()
    {
        await using var production = await StartAsync(isSandbox: false, dataFile: Records);
        var data = new OrgData(await ConnectAsync(production));

        var counts = await data.RecordCountsAsync(new[] { "Account", "Invoice__c", "User" }, CancellationToken.None);
        Assert.Equal(120000, counts["Account"]);
        Assert.Equal(4, counts["User"]);

        var jobs = await data.QueryAsync("SELECT Id, CronJobDetail.Name, NextFireTime FROM CronTrigger WHERE State != 'DELETED'", CancellationToken.None);
        var job = Assert.Single(jobs);
        Assert.Equal("Nightly invoice sync", ((IReadOnlyDictionary<string, object?>)job["CronJobDetail"]!)["Name"]);

        await data.UpdateAsync("User", "005000000000003AAA", new Dictionary<string, object?> { ["Email"] = "dana@acme.example" }, CancellationToken.None);
        var missing = await Assert.ThrowsAsync<SalesforceException>(() => data.UpdateAsync("User", "005000000000999AAA", new Dictionary<string, object?> { ["Email"] = "x@y.z" }, CancellationToken.None));
        Assert.Equal("NOT_FOUND", missing.Code);
    }
}
