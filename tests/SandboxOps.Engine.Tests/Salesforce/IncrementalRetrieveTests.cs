using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Salesforce;
using SandboxOps.Engine.Snapshots;
using SandboxOps.Engine.Tests.Support;
using SandboxOps.Simulator;
using static SandboxOps.Engine.Tests.Salesforce.SimulatedOrgFixture;

namespace SandboxOps.Engine.Tests.Salesforce;

/// <summary>An incremental retrieve takes what did not change from the last snapshot of the org.</summary>
public sealed class IncrementalRetrieveTests
{
    [Fact]
    public async Task After_a_deploy_only_what_changed_is_retrieved_and_the_result_equals_a_full_retrieve()
    {
        await using var simulator = await StartAsync();
        var org = await ConnectAsync(simulator);
        using var tree = new TempTree()
            .Write("package/package.xml", Read.Doc("Package", "<types><members>HotfixService</members><name>ApexClass</name></types><version>62.0</version>"))
            .Write("package/classes/HotfixService.cls", "public class HotfixService {}")
            .Write("package/classes/HotfixService.cls-meta.xml", Read.Doc("ApexClass", "<apiVersion>62.0</apiVersion><status>Active</status>"));
        var store = SnapshotStore.Open(tree.PathOf("store"), create: true);
        var observer = new RecordingObserver();
        await SnapshotAsync(org, store, "before", observer);

        Assert.NotNull(store.Load("before").OrgMembers);
        Assert.True((await new OrgDeployer(new EngineContext(observer)).DeployAsync(org, tree.PathOf("package"), new DeployOptions())).Success);

        var baseline = RetrieveBaseline.Latest(store, org);
        Assert.NotNull(baseline);
        using var incremental = await RetrievedOrgFileSystem.OpenAsync(org, new RetrieveOptions(baseline: baseline), new EngineContext(observer));
        using var full = await RetrievedOrgFileSystem.OpenAsync(org, new RetrieveOptions(), new EngineContext(observer));

        var outcome = ((RetrievedOrgFileSystem)incremental.FileSystem).Outcome;
        Assert.Equal(outcome.ComponentCount - 2, outcome.ReusedCount); // the new class, and Account: a standard object's date never moves
        Assert.Empty(new MetadataComparer(new EngineContext(observer)).Compare(incremental, full, new CompareOptions(ReadOptions.All)).ToList());
        Assert.Contains(incremental.FileSystem.Files, f => f.Path == "classes/HotfixService.cls");

        // The unchanged part is read from the store, not copied out of it, and what was retrieved is kept in
        // memory: the folder holds only the package.xml. The next snapshot equals the org.
        var written = Directory.EnumerateFiles(outcome.Folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(outcome.Folder, f).Replace('\\', '/'));
        Assert.Equal(new[] { "package.xml" }, written);
        using (var reader = new StreamReader(incremental.FileSystem.OpenRead("classes/HotfixService.cls")))
        {
            Assert.Equal("public class HotfixService {}", reader.ReadToEnd());
        }

        var after = new SnapshotExporter(new EngineContext(observer)).Export(store, incremental, "after", null, "test", ReadOptions.All);
        Assert.Equal(full.FileSystem.Files.Count, after.FileCount);
        Assert.Empty(new MetadataComparer(new EngineContext(observer)).Compare(store.OpenSource("after"), full, new CompareOptions(ReadOptions.All)).ToList());
        Assert.Empty(SnapshotVerifier.Verify(store, "after"));
    }

    [Fact]
    public async Task The_listing_asks_for_what_the_snapshot_listed_while_describe_answers_and_finds_what_is_new_since()
    {
        await using var simulator = await StartAsync(TimeSpan.FromMilliseconds(300));
        var org = await ConnectAsync(simulator);
        using var tree = new TempTree()
            .Write("package/package.xml", Read.Doc("Package", "<types><members>Hotfix</members><name>ApexPage</name></types><types><members>Hotfixes</members><members>Hotfixes/Open_Cases</members><name>Report</name></types><version>62.0</version>"))
            .Write("package/pages/Hotfix.page", "<apex:page>hotfix</apex:page>")
            .Write("package/pages/Hotfix.page-meta.xml", Read.Doc("ApexPage", "<apiVersion>62.0</apiVersion><label>Hotfix</label>"))
            .Write("package/reports/Hotfixes-meta.xml", Read.Doc("ReportFolder", "<accessType>Public</accessType><name>Hotfixes</name><publicFolderAccess>ReadWrite</publicFolderAccess>"))
            .Write("package/reports/Hotfixes/Open_Cases.report", Read.Doc("Report", "<format>Tabular</format><name>Open Cases</name><reportType>CaseList</reportType><scope>organization</scope>"));
        var store = SnapshotStore.Open(tree.PathOf("store"), create: true);
        var observer = new RecordingObserver();
        await SnapshotAsync(org, store, "before", observer);

        // A full listing waits for describe; the snapshot records every type it listed, members or not.
        Assert.True(FirstList(simulator) >= Answered(simulator, "describeMetadata"));
        Assert.Contains("ApexPage", store.Load("before").OrgTypes!);
        Assert.DoesNotContain(store.Load("before").OrgMembers!, m => m.Type == "ApexPage");

        // Since the snapshot: a component of a type it had none of, and a report folder with a report in it.
        Assert.True((await new OrgDeployer(new EngineContext(observer)).DeployAsync(org, tree.PathOf("package"), new DeployOptions())).Success);
        simulator.SoapCalls.Clear();
        using var incremental = await RetrievedOrgFileSystem.OpenAsync(org, new RetrieveOptions(baseline: RetrieveBaseline.Latest(store, org)), new EngineContext(observer));
        Assert.True(FirstList(simulator) < Answered(simulator, "describeMetadata"));

        using var full = await RetrievedOrgFileSystem.OpenAsync(org, new RetrieveOptions(), new EngineContext(observer));
        Assert.Empty(new MetadataComparer(new EngineContext(observer)).Compare(incremental, full, new CompareOptions(ReadOptions.All)).ToList());
        var listed = ((RetrievedOrgFileSystem)incremental.FileSystem).Outcome.Listing;
        Assert.Contains(listed, c => c.Type == "ApexPage" && c.FullName == "Hotfix");
        Assert.Contains(listed, c => c.Type == "Report" && c.FullName == "Hotfixes");
        Assert.Contains(listed, c => c.Type == "Report" && c.FullName == "Hotfixes/Open_Cases");
        Assert.Contains(incremental.FileSystem.Files, f => f.Path == "reports/Hotfixes/Open_Cases.report");
    }

    [Fact]
    public async Task Faults_while_the_listing_and_describe_run_together_are_survived_or_reported_whole()
    {
        await using var simulator = await StartAsync();
        var org = await ConnectAsync(simulator);
        using var tree = new TempTree();
        var store = SnapshotStore.Open(tree.PathOf("store"), create: true);
        var observer = new RecordingObserver();
        await SnapshotAsync(org, store, "before", observer);

        var baseline = RetrieveBaseline.Latest(store, org);
        simulator.Faults.Add(SimulatedFault.ServiceUnavailable, 2);
        simulator.Faults.Add(SimulatedFault.UnknownException);
        simulator.Faults.Add(SimulatedFault.ExpireSessions);
        simulator.Faults.Add(SimulatedFault.DropConnection);
        using (var incremental = await RetrievedOrgFileSystem.OpenAsync(org, new RetrieveOptions(baseline: baseline), new EngineContext(observer)))
        {
            Assert.Empty(new MetadataComparer(new EngineContext(observer)).Compare(incremental, store.OpenSource("before"), new CompareOptions(ReadOptions.All)).ToList());
        }

        // One that does not pass fails the retrieve with its own error and leaves nothing behind (enough 503s
        // for every attempt of every call: describe and the listing share them).
        simulator.Faults.Add(SimulatedFault.ServiceUnavailable, 1000);
        var error = await Assert.ThrowsAsync<SalesforceException>(() => new OrgRetriever(new EngineContext(observer)).RetrieveAsync(org, tree.PathOf("retrieved"), new RetrieveOptions(baseline: baseline)));
        Assert.Equal("HTTP503", error.Code);
        Assert.False(Directory.Exists(tree.PathOf("retrieved")));
    }

    /// <summary>A full snapshot of the org, the baseline of the next retrieve.</summary>
    private static async Task SnapshotAsync(OrgConnection org, SnapshotStore store, string name, RecordingObserver observer)
    {
        using var retrieved = await RetrievedOrgFileSystem.OpenAsync(org, new RetrieveOptions(), new EngineContext(observer));
        new SnapshotExporter(new EngineContext(observer)).Export(store, retrieved, name, null, "test", ReadOptions.All);
    }

    private static DateTime FirstList(MetadataApiSimulator simulator) => simulator.SoapCalls.Where(c => c.Call == "listMetadata").Min(c => c.Arrived);

    private static DateTime Answered(MetadataApiSimulator simulator, string call) => simulator.SoapCalls.Single(c => c.Call == call).Answered;

    private static Task<MetadataApiSimulator> StartAsync(TimeSpan latency = default) =>
        MetadataApiSimulator.StartAsync(new SimulatorOptions { OrgFolder = Production, AccessTokens = new[] { AccessToken }, RefreshTokens = new[] { RefreshToken }, Latency = latency });
}
