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

/// <summary>Salesforce's answers that a reading of the WSDL alone gets wrong; each case cites where Salesforce says so.</summary>
public sealed class SalesforceAnswersTests
{
    /// <summary>
    /// The production sample plus what real orgs hold and listMetadata hides or misnames:
    /// a report in unfiled$public (never returned as a ReportFolder: Metadata API guide, Report, "unfiled$public";
    /// the CLI and Workbench ask for its contents by name), a Lightning email template folder (EmailTemplateFolder,
    /// beside EmailFolder in source-deploy-retrieve's registry), and a standard value set (listMetadata of
    /// StandardValueSet returns nothing: source-deploy-retrieve connectionResolver, "Workaround because
    /// metadata.list({ type: 'StandardValueSet' }) returns []").
    /// </summary>
    private static TempTree RealisticOrg() => new TempTree()
        .CopyFrom("docs/samples/production", "org")
        .Write("org/reports/unfiled$public/Open_Cases.report", Read.Doc("Report", "<format>Tabular</format><name>Open Cases</name><reportType>CaseList</reportType>"))
        .Write("org/email/Lightning_Templates-meta.xml", Read.Doc("EmailTemplateFolder", "<accessType>Public</accessType><name>Lightning Templates</name>"))
        .Write("org/email/Lightning_Templates/Welcome.email", "<p>Welcome</p>")
        .Write("org/email/Lightning_Templates/Welcome.email-meta.xml", Read.Doc("EmailTemplate", "<available>true</available><encodingKey>UTF-8</encodingKey><name>Welcome</name><type>custom</type><uiType>SFX</uiType>"))
        .Write("org/standardValueSets/LeadSource.standardValueSet", Read.Doc("StandardValueSet", "<sorted>false</sorted><standardValue><fullName>Web</fullName><default>false</default><label>Web</label></standardValue>"));

    [Fact]
    public async Task An_org_is_read_completely_whatever_listMetadata_leaves_out()
    {
        using var tree = RealisticOrg();
        await using var simulator = await MetadataApiSimulator.StartAsync(new SimulatorOptions
        {
            OrgFolder = tree.PathOf("org"),
            AccessTokens = new[] { AccessToken },
            RefreshTokens = new[] { RefreshToken },

            // Some orgs answer a listed member's type as xsi:nil; source-deploy-retrieve's connectionResolver
            // takes it from the fileName ("fix { type: { "$": { "xsi:nil": "true" } } }").
            NilTypes = new[] { "Flow" },
        });
        var org = await ConnectAsync(simulator);
        var observer = new RecordingObserver();

        var outcome = await new OrgRetriever(new EngineContext(observer)).RetrieveAsync(org, tree.PathOf("retrieved"), new RetrieveOptions());

        using var retrieved = MetadataSource.Open(outcome.Folder);
        using var original = MetadataSource.Open(tree.PathOf("org"));
        Assert.Empty(new MetadataComparer(new EngineContext(observer)).Compare(retrieved, original, new CompareOptions(ReadOptions.All)).ToList());
        var keys = Read.All(outcome.Folder).Components.Select(c => c.Key.ToString()).ToList();
        Assert.Contains("Report unfiled$public/Open_Cases", keys);
        Assert.Contains("EmailTemplate Lightning_Templates/Welcome", keys);
        Assert.Contains("StandardValueSet LeadSource", keys);
        Assert.Contains(keys, k => k.StartsWith("Flow ", System.StringComparison.Ordinal));

        // The standard value sets the org does not have are no news: no warning, not members of the retrieve.
        Assert.DoesNotContain(outcome.Messages, m => m.Contains("StandardValueSet", System.StringComparison.Ordinal));
        Assert.Equal(simulator.Org.ComponentCount, outcome.ComponentCount);
    }

    [Fact]
    public async Task An_incremental_snapshot_sees_a_new_field_on_a_standard_object()
    {
        // Salesforce answers standard objects with lastModifiedDate 1970-01-01 and an empty id, and a field added
        // to Account does not move it; a snapshot that trusted the date would keep the old Account forever.
        await using var simulator = await StartAsync();
        var org = await ConnectAsync(simulator);
        using var tree = new TempTree()
            .Write("package/package.xml", Read.Doc("Package", "<types><members>Account</members><name>CustomObject</name></types><version>62.0</version>"))
            .Write("package/objects/Account.object", Read.Doc("CustomObject", "<fields><fullName>Churn_Risk__c</fullName><label>Churn Risk</label><type>Checkbox</type><defaultValue>false</defaultValue></fields>"));
        var store = SnapshotStore.Open(tree.PathOf("store"), create: true);
        var observer = new RecordingObserver();
        using (var first = await RetrievedOrgFileSystem.OpenAsync(org, new RetrieveOptions(), new EngineContext(observer)))
        {
            new SnapshotExporter(new EngineContext(observer)).Export(store, first, "before", null, "test", ReadOptions.All);
        }

        Assert.True((await new OrgDeployer(new EngineContext(observer)).DeployAsync(org, tree.PathOf("package"), new DeployOptions())).Success);
        using var incremental = await RetrievedOrgFileSystem.OpenAsync(org, new RetrieveOptions(baseline: RetrieveBaseline.Latest(store, org)), new EngineContext(observer));
        new SnapshotExporter(new EngineContext(observer)).Export(store, incremental, "after", null, "test", ReadOptions.All);

        using var snapshot = store.OpenSource("after");
        var fields = new MetadataReader(new EngineContext(observer)).Read(snapshot, ReadOptions.All).Where(c => c.Type == "CustomField").Select(c => c.FullName).ToList();
        Assert.Contains("Account.Churn_Risk__c", fields);
    }

    [Fact]
    public async Task A_lost_final_retrieve_answer_is_survived_by_retrieving_again()
    {
        // checkRetrieveStatus hands the zip out once: the answer carrying it is dropped, the client's repeated
        // check meets "No zip file found for async process id", and only a new retrieve brings the files.
        await using var simulator = await StartAsync();
        var org = await ConnectAsync(simulator);
        using var tree = new TempTree();
        simulator.Faults.Add(SimulatedFault.LoseRetrieveAnswer);

        var outcome = await new OrgRetriever(new EngineContext(new RecordingObserver())).RetrieveAsync(org, tree.PathOf("retrieved"), new RetrieveOptions(parallelism: 1));

        using var retrieved = MetadataSource.Open(outcome.Folder);
        using var original = MetadataSource.Open(Production);
        Assert.Empty(new MetadataComparer(new EngineContext(new RecordingObserver())).Compare(retrieved, original, new CompareOptions(ReadOptions.All)).ToList());
        Assert.True(simulator.RetrieveCount > outcome.ChunkCount, "the chunk whose answer was lost was not retrieved again");
    }

    [Fact]
    public async Task Answers_travel_gzipped()
    {
        await using var simulator = await StartAsync();
        var org = await ConnectAsync(simulator);
        using var tree = new TempTree();

        await new OrgRetriever(new EngineContext(new RecordingObserver())).RetrieveAsync(org, tree.PathOf("retrieved"), new RetrieveOptions());

        Assert.NotEmpty(simulator.SoapCalls);
        Assert.All(simulator.SoapCalls, c => Assert.True(c.Gzipped, $"{c.Call} was answered uncompressed"));
    }

    [Fact]
    public async Task A_token_refresh_that_meets_a_dropped_connection_is_asked_again()
    {
        await using var simulator = await StartAsync();
        var org = await ConnectAsync(simulator);
        var api = org.MetadataApi(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        simulator.Faults.Add(SimulatedFault.ExpireSessions);
        simulator.Faults.Add(SimulatedFault.DropConnection); // taken by the token request the expiry leads to

        var listed = await api.ListAsync(new[] { new ListMetadataQuery("ApexClass") }, default);

        Assert.NotEmpty(listed);
    }
}
