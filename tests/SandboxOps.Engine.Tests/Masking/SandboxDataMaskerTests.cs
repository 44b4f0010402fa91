using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Masking;
using SandboxOps.Engine.Salesforce;
using SandboxOps.Engine.Tests.Support;
using static SandboxOps.Engine.Tests.Salesforce.SimulatedOrgFixture;

namespace SandboxOps.Engine.Tests.Masking;

/// <summary>A sandbox's records masked in place through Bulk API 2.0 against the simulated org: masked, refused rows reported, resumed.</summary>
public sealed class SandboxDataMaskerTests
{
    private static readonly string Records = Path.Combine(TempTree.RepositoryRoot, "tests/fixtures/simulator/production-records.json");
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("a test key of thirty-two bytes!!");

    private static readonly MaskingRules Rules = MaskingRules.Parse(Encoding.UTF8.GetBytes("""
        { "objects": {
            "Contact": { "Email": "email", "LastName": "lastName", "Phone": "phone", "Description": "null", "AccountId": "keep" },
            "Lead": { "Email": "email", "Company": "company" } } }
        """), "rules.json");

    [Fact]
    public async Task Every_record_is_masked_in_place_page_by_page_with_the_masks_a_file_export_gets()
    {
        await using var sandbox = await StartAsync(dataFile: Records);
        using var ledgers = new TempTree();
        using var masker = new Masker(Key);
        var before = sandbox.Data.All("Contact").Select(r => (JsonObject)r.DeepClone()).ToList();
        var observer = new RecordingObserver();

        var result = await MaskerFor(await ConnectAsync(sandbox), masker, ledgers.Root, observer, pageSize: 4).MaskAsync("Contact");

        Assert.Equal((6L, 6L, 0L, 0L, 0L), (result.Records, result.Masked, result.AlreadyMasked, result.Failed, result.Unprocessed));
        Assert.True(result.Complete);
        Assert.Equal(2, result.Jobs.Count); // two pages of at most four
        Assert.Equal(new[] { "Description", "Email", "LastName", "Phone" }, result.Fields);
        foreach (var (was, now) in before.Zip(sandbox.Data.All("Contact")))
        {
            Assert.Equal(Mask(masker, "email", (string?)was["Email"]), (string?)now["Email"]);
            Assert.Equal(Mask(masker, "lastName", (string?)was["LastName"]), (string?)now["LastName"]);
            Assert.Equal(Mask(masker, "phone", (string?)was["Phone"]), (string?)now["Phone"]);
            Assert.Null((string?)now["Description"]); // "null" is sent as Bulk API's #N/A, which clears the field
            Assert.Equal((string?)was["FirstName"], (string?)now["FirstName"]); // no rule
            Assert.Equal((string?)was["AccountId"], (string?)now["AccountId"]); // keep: not even sent
        }

        Assert.Null((string?)sandbox.Data.All("Contact").Single(r => (string?)r["Id"] == "003000000000003AAA")["Email"]); // null stays null
        Assert.Contains(observer.Progress, p => p.Activity.StartsWith("Masking Contact", StringComparison.Ordinal) && p.Completed == 6 && p.Total == 6);
    }

    [Fact]
    public async Task Rows_salesforce_refuses_are_reported_with_its_errors_and_a_second_run_masks_only_them()
    {
        await using var sandbox = await StartAsync(dataFile: Records);
        using var ledgers = new TempTree();
        using var masker = new Masker(Key);
        var org = await ConnectAsync(sandbox);
        sandbox.Bulk.Lock(new[] { "003000000000002AAA" }, locked: true);

        var first = await MaskerFor(org, masker, ledgers.Root).MaskAsync("Contact");

        Assert.Equal((5L, 1L), (first.Masked, first.Failed));
        Assert.False(first.Complete);
        var failure = Assert.Single(first.Failures);
        Assert.Equal("003000000000002AAA", failure.Id);
        Assert.StartsWith("UNABLE_TO_LOCK_ROW:", failure.Error, StringComparison.Ordinal);
        Assert.Equal("sam.lee@acme.example", (string?)sandbox.Data.All("Contact")[1]["Email"]);
        var afterFirst = sandbox.Data.All("Contact").Select(r => r.ToJsonString()).ToList();

        sandbox.Bulk.Lock(new[] { "003000000000002AAA" }, locked: false);
        var plan = await MaskerFor(org, masker, ledgers.Root).PlanAsync("Contact");
        Assert.Equal((6L, 5L), (plan.Records, plan.AlreadyMasked));
        var second = await MaskerFor(org, masker, ledgers.Root).MaskAsync("Contact");

        Assert.Equal((1L, 5L, 0L), (second.Masked, second.AlreadyMasked, second.Failed));
        Assert.True(second.Complete);
        var afterSecond = sandbox.Data.All("Contact").Select(r => r.ToJsonString()).ToList();
        Assert.Equal(afterFirst.Where((_, i) => i != 1), afterSecond.Where((_, i) => i != 1)); // the five are not masked twice
        Assert.Equal(Mask(masker, "email", "sam.lee@acme.example"), (string?)sandbox.Data.All("Contact")[1]["Email"]);
    }

    [Fact]
    public async Task A_job_salesforce_fails_part_way_stops_the_object_with_its_reason_and_counts_and_the_next_run_finishes_it()
    {
        await using var sandbox = await StartAsync(dataFile: Records);
        using var ledgers = new TempTree();
        using var masker = new Masker(Key);
        var org = await ConnectAsync(sandbox);
        sandbox.Bulk.FailNext(after: 2, "InternalServerError : the job was aborted by the server");

        var stopped = await MaskerFor(org, masker, ledgers.Root, pageSize: 4).MaskAsync("Contact");

        Assert.Equal((2L, 0L, 4L), (stopped.Masked, stopped.Failed, stopped.Unprocessed)); // two of the first page unprocessed, the second page not read
        Assert.Single(stopped.Jobs);
        Assert.False(stopped.Complete);
        Assert.Matches("^Salesforce's Bulk update job 750\\w+ ended Failed: InternalServerError : the job was aborted by the server$", stopped.Stopped);
        var resumed = await MaskerFor(org, masker, ledgers.Root).MaskAsync("Contact");
        Assert.Equal((4L, 2L), (resumed.Masked, resumed.AlreadyMasked));
        Assert.All(sandbox.Data.All("Contact").Where(r => r["Email"] is not null), r => Assert.EndsWith(".invalid", (string)r["Email"]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_run_that_died_while_its_job_ran_is_finished_from_what_salesforce_says_the_job_did()
    {
        await using var sandbox = await StartAsync(dataFile: Records);
        using var ledgers = new TempTree();
        using var masker = new Masker(Key);
        var org = await ConnectAsync(sandbox);
        var rules = string.Join(",", Rules.For("Lead").OrderBy(f => f.Key, StringComparer.OrdinalIgnoreCase).Select(f => f.Key + ":" + f.Value));

        // The dead run: a job of one masked Lead made and started, the ledger closed before it was seen to finish.
        ledgers.Write("job.csv", "\"Id\",\"Company\"\n\"00Q000000000001AAA\",\"" + masker.Mask(Rules.For("Lead")["Company"], "Acme Corporation", "00Q000000000001AAA") + "\"\n");
        using (var ledger = MaskingLedger.Open(ledgers.Root, org.OrgId, "Lead", rules, masker.KeyFingerprint))
        {
            await new BulkApi(org.Rest).StartUpdateAsync("Lead", ledgers.PathOf("job.csv"), job => ledger.Started(job.Id), CancellationToken.None);
            Assert.Single(ledger.UnfinishedJobs);
        }

        var result = await MaskerFor(org, masker, ledgers.Root).MaskAsync("Lead");

        Assert.Equal((1L, 2L), (result.AlreadyMasked, result.Masked));
        using var reopened = MaskingLedger.Open(ledgers.Root, org.OrgId, "Lead", rules, masker.KeyFingerprint);
        Assert.Empty(reopened.UnfinishedJobs);
        Assert.Equal(3, reopened.Count);
    }

    [Fact]
    public async Task A_sandbox_refreshed_behind_its_connection_is_masked_afresh_although_its_records_keep_their_ids()
    {
        await using var sandbox = await StartAsync(dataFile: Records);
        using var ledgers = new TempTree();
        using var masker = new Masker(Key);
        var org = await ConnectAsync(sandbox);
        Assert.Equal(3, (await MaskerFor(org, masker, ledgers.Root).MaskAsync("Lead")).Masked);

        // The refresh: production's records again (the same ids), a new organization id, the old sessions ended.
        using var http = new System.Net.Http.HttpClient();
        var copy = new JsonObject { ["sandbox"] = "uat", ["folder"] = Production, ["records"] = File.ReadAllText(Records) };
        (await http.PostAsync(sandbox.BaseUrl + "/simulator/copy", new System.Net.Http.StringContent(copy.ToJsonString(), Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        var again = await MaskerFor(org, masker, ledgers.Root).MaskAsync("Lead");

        Assert.Equal((3L, 0L), (again.Masked, again.AlreadyMasked));
        Assert.NotEqual(org.OrgId, sandbox.OrgId);
        Assert.All(sandbox.Data.All("Lead"), r => Assert.EndsWith(".invalid", (string)r["Email"]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Production_is_refused_whatever_is_asked()
    {
        await using var production = await StartAsync(isSandbox: false, dataFile: Records);
        using var ledgers = new TempTree();
        using var masker = new Masker(Key);
        var org = await ConnectAsync(production);

        var refused = Assert.Throws<MaskingException>(() => MaskerFor(org, masker, ledgers.Root));

        Assert.Equal("ProductionRefused", refused.Reason);
        Assert.Equal("dana.smith@acme.example", (string?)production.Data.All("Contact")[0]["Email"]);
    }

    [Fact]
    public async Task Finishing_a_masking_with_another_key_is_refused_and_a_rule_for_an_unknown_field_fails_before_anything_changes()
    {
        await using var sandbox = await StartAsync(dataFile: Records);
        using var ledgers = new TempTree();
        var org = await ConnectAsync(sandbox);
        using (var masker = new Masker(Key))
        {
            await MaskerFor(org, masker, ledgers.Root).MaskAsync("Lead");
        }

        using var other = new Masker(Encoding.UTF8.GetBytes("another key, also long enough"));
        var mismatch = await Assert.ThrowsAsync<MaskingException>(() => MaskerFor(org, other, ledgers.Root).MaskAsync("Lead"));
        Assert.Equal("LedgerKeyMismatch", mismatch.Reason);

        var unknown = MaskingRules.Parse(Encoding.UTF8.GetBytes("""{ "objects": { "Contact": { "Email__x": "email" } } }"""), "rules.json");
        var refused = await Assert.ThrowsAsync<SalesforceException>(() => new SandboxDataMasker(org, unknown, other, ledgers.Root, new EngineContext(new RecordingObserver())).MaskAsync("Contact"));
        Assert.Contains("No such column 'Email__x'", refused.Message, StringComparison.Ordinal);
        Assert.Equal("dana.smith@acme.example", (string?)sandbox.Data.All("Contact")[0]["Email"]);
    }

    private static SandboxDataMasker MaskerFor(OrgConnection org, Masker masker, string ledgers, RecordingObserver? observer = null, int pageSize = SandboxDataMasker.DefaultPageSize) =>
        new(org, Rules, masker, ledgers, new EngineContext(observer ?? new RecordingObserver()), pageSize);

    private static string? Mask(Masker masker, string method, string? value) =>
        value is null ? null : masker.Mask(MaskingRules.Parse(Encoding.UTF8.GetBytes($$"""{ "objects": { "X": { "F": "{{method}}" } } }"""), "r.json").For("X")["F"], value, string.Empty);
}
