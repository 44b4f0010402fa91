using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SandboxOps.Engine.Comparison;
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
        using (var first = await RetrievedOrgFileSystem.OpenAsync(org, new RetrieveOptions(), observer, null, default))
        {
            new SnapshotExporter(observer).Export(store, first, "before", null, "test", ReadOptions.All);
        }

        Assert.NotNull(store.Load("before").OrgMembers);
        Assert.True((await new OrgDeployer(observer).DeployAsync(org, tree.PathOf("package"), new DeployOptions())).Success);

        var baseline = RetrieveBaseline.Latest(store, org);
        Assert.NotNull(baseline);
        using var incremental = await RetrievedOrgFileSystem.OpenAsync(org, new RetrieveOptions(baseline: baseline), observer, null, default);
        using var full = await RetrievedOrgFileSystem.OpenAsync(org, new RetrieveOptions(), observer, null, default);

        var outcome = ((RetrievedOrgFileSystem)incremental.FileSystem).Outcome;
        Assert.Equal(outcome.ComponentCount - 1, outcome.ReusedCount); // only the new class was retrieved
        Assert.Empty(new MetadataComparer(observer).Compare(incremental, full, new CompareOptions(ReadOptions.All)).ToList());
        Assert.Contains(incremental.FileSystem.Files, f => f.Path == "classes/HotfixService.cls");

        // The unchanged part is read from the store, not copied out of it, and what was retrieved is kept in
        // memory: the folder holds only the package.xml. The next snapshot equals the org.
        var written = Directory.EnumerateFiles(outcome.Folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(outcome.Folder, f).Replace('\\', '/'));
        Assert.Equal(new[] { "package.xml" }, written);
        using (var reader = new StreamReader(incremental.FileSystem.OpenRead("classes/HotfixService.cls")))
        {
            Assert.Equal("public class HotfixService {}", reader.ReadToEnd());
        }

        var after = new SnapshotExporter(observer).Export(store, incremental, "after", null, "test", ReadOptions.All);
        Assert.Equal(full.FileSystem.Files.Count, after.FileCount);
        Assert.Empty(new MetadataComparer(observer).Compare(store.OpenSource("after"), full, new CompareOptions(ReadOptions.All)).ToList());
        Assert.Empty(SnapshotVerifier.Verify(store, "after"));
    }

    private static Task<MetadataApiSimulator> StartAsync() =>
        MetadataApiSimulator.StartAsync(new SimulatorOptions { OrgFolder = Production, AccessTokens = new[] { AccessToken }, RefreshTokens = new[] { RefreshToken } });
}
