using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Salesforce;
using SandboxOps.Engine.Tests.Support;
using SandboxOps.Simulator;
using static SandboxOps.Engine.Tests.Salesforce.SimulatedOrgFixture;

namespace SandboxOps.Engine.Tests.Salesforce;

/// <summary>The chunked, parallel retrieve against the simulator: what it brings must be the org's folder, whatever the faults.</summary>
public sealed class RetrieveTests
{
    private static void AssertSameAsProduction(string retrieved) => AssertSame(retrieved, Production);

    private static void AssertSame(string retrieved, string org)
    {
        using var left = MetadataSource.Open(retrieved);
        using var right = MetadataSource.Open(org);
        var observer = new RecordingObserver();
        Assert.Empty(new MetadataComparer(new EngineContext(observer)).Compare(left, right, new CompareOptions(ReadOptions.All)).ToList());
        Assert.Empty(observer.Errors);
    }

    [Fact]
    public async Task A_retrieve_in_many_chunks_at_once_equals_the_folder_the_org_was_built_from()
    {
        await using var simulator = await StartAsync();
        var org = await ConnectAsync(simulator);
        using var tree = new TempTree();
        var observer = new RecordingObserver();

        var outcome = await new OrgRetriever(new EngineContext(observer)).RetrieveAsync(org, tree.PathOf("retrieved"), new RetrieveOptions(parallelism: 3, maxFilesPerChunk: 6));

        Assert.True(outcome.ChunkCount > 3, $"only {outcome.ChunkCount} chunks");
        Assert.True(simulator.PeakConcurrentRetrieves > 1, "the chunks did not run at once");
        Assert.Equal(simulator.Org.ComponentCount, outcome.ComponentCount);
        var listing = observer.Progress.Where(p => p.Activity.StartsWith("Listing", StringComparison.Ordinal) && p.Completed > 0).ToList();
        Assert.True(listing.Count > 2, $"{listing.Count} list calls");
        Assert.All(listing, p => Assert.InRange(p.Completed, 1, p.Total)); // one count over folders, their contents and the other types
        Assert.Equal(listing.Count, listing.Max(p => p.Completed));
        Assert.Equal(listing.Count, listing.Max(p => p.Total));
        AssertSameAsProduction(outcome.Folder);
    }

    [Fact]
    public async Task A_large_org_retrieved_in_many_chunks_with_its_profiles_in_pieces_equals_its_folder()
    {
        using var tree = new TempTree();
        var (components, files) = WriteLargeOrg(tree, "org", classes: 600, objects: 40, fieldsPerObject: 30, profiles: 3);
        await using var simulator = await StartAsync(folder: tree.PathOf("org"));
        var org = await ConnectAsync(simulator);
        var observer = new RecordingObserver();

        var outcome = await new OrgRetriever(new EngineContext(observer)).RetrieveAsync(org, tree.PathOf("retrieved"), new RetrieveOptions(parallelism: 4, maxFilesPerChunk: 150));

        Assert.True(outcome.ChunkCount >= files / 150, $"{outcome.ChunkCount} chunks for {files} files");
        Assert.True(simulator.PeakConcurrentRetrieves > 1, "the chunks did not run at once");
        Assert.Equal(simulator.Org.ComponentCount, outcome.ComponentCount);
        AssertSame(outcome.Folder, tree.PathOf("org"));
        Assert.Equal(components, Read.All(outcome.Folder).Components.Count);
    }

    /// <summary>An org of classes, objects with fields, and profiles that grant each of them (so each chunk brings a piece of every profile).</summary>
    private static (int Components, int Files) WriteLargeOrg(TempTree tree, string folder, int classes, int objects, int fieldsPerObject, int profiles)
    {
        string Class(int i) => $"Service{i:D4}";
        string Object(int i) => $"Thing{i:D3}__c";
        string Field(int o, int f) => $"{Object(o)}.Field{f:D3}__c";
        for (var i = 0; i < classes; i++)
        {
            tree.Write($"{folder}/classes/{Class(i)}.cls", $"public class {Class(i)} {{ public static Integer value() {{ return {i}; }} }}")
                .Write($"{folder}/classes/{Class(i)}.cls-meta.xml", Read.Doc("ApexClass", "<apiVersion>62.0</apiVersion><status>Active</status>"));
        }

        for (var o = 0; o < objects; o++)
        {
            var fields = string.Concat(Enumerable.Range(0, fieldsPerObject).Select(f => $"<fields><fullName>Field{f:D3}__c</fullName><label>Field {f}</label><type>Text</type><length>80</length></fields>"));
            tree.Write($"{folder}/objects/{Object(o)}.object", Read.Doc("CustomObject", $"{fields}<label>Thing {o}</label><pluralLabel>Things {o}</pluralLabel><nameField><label>Name</label><type>Text</type></nameField><deploymentStatus>Deployed</deploymentStatus><sharingModel>ReadWrite</sharingModel>"));
        }

        for (var p = 0; p < profiles; p++)
        {
            var grants = string.Concat(Enumerable.Range(0, classes).Select(i => $"<classAccesses><apexClass>{Class(i)}</apexClass><enabled>{((i + p) % 2 == 0 ? "true" : "false")}</enabled></classAccesses>"))
                + string.Concat(Enumerable.Range(0, objects).SelectMany(o => Enumerable.Range(0, fieldsPerObject).Select(f => $"<fieldPermissions><editable>{((o + f + p) % 3 == 0 ? "true" : "false")}</editable><field>{Field(o, f)}</field><readable>true</readable></fieldPermissions>")))
                + string.Concat(Enumerable.Range(0, objects).Select(o => $"<objectPermissions><allowCreate>true</allowCreate><allowDelete>false</allowDelete><allowEdit>true</allowEdit><allowRead>true</allowRead><modifyAllRecords>false</modifyAllRecords><object>{Object(o)}</object><viewAllRecords>false</viewAllRecords></objectPermissions>"));
            tree.Write($"{folder}/profiles/Profile{p}.profile", Read.Doc("Profile", grants + "<custom>true</custom><userLicense>Salesforce</userLicense>"));
        }

        var members = Enumerable.Range(0, classes).Select(i => $"<members>{Class(i)}</members>");
        tree.Write($"{folder}/package.xml", Read.Doc("Package", $"<types>{string.Concat(members)}<name>ApexClass</name></types><version>62.0</version>"));
        return (classes + objects + (objects * fieldsPerObject) + profiles, (classes * 2) + objects + profiles);
    }

    [Fact]
    public async Task Profiles_come_back_partial_as_salesforce_sends_them_so_the_pieces_must_be_merged()
    {
        await using var simulator = await StartAsync();
        var org = await ConnectAsync(simulator);
        var api = org.MetadataApi(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var status = await api.RetrieveAsync(new[] { new Model.ComponentKey("Profile", "Admin"), new Model.ComponentKey("ApexClass", "InvoiceService") }, default);

        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(status.ZipFile!));
        using var reader = new StreamReader(archive.GetEntry("profiles/Admin.profile")!.Open());
        var piece = reader.ReadToEnd();
        Assert.Contains("<apexClass>InvoiceService</apexClass>", piece, StringComparison.Ordinal);
        Assert.DoesNotContain("<apexClass>AccountTriggerHandler</apexClass>", piece, StringComparison.Ordinal);
        Assert.DoesNotContain("Account.Credit_Limit__c", piece, StringComparison.Ordinal);
        Assert.Contains("<custom>false</custom>", piece, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunk_over_the_servers_file_limit_is_split_until_it_passes()
    {
        await using var simulator = await StartAsync(maxFilesPerRetrieve: 9); // room for a component and the three profile and permission set pieces that ride along
        var org = await ConnectAsync(simulator);
        using var tree = new TempTree();

        var outcome = await new OrgRetriever(new EngineContext(new RecordingObserver())).RetrieveAsync(org, tree.PathOf("retrieved"), new RetrieveOptions());

        Assert.Equal(2, outcome.ChunkCount); // the listed members, and the standard value sets asked for by name
        AssertSameAsProduction(outcome.Folder);
    }

    [Fact]
    public async Task A_chunk_over_the_servers_size_limit_is_split_until_it_passes()
    {
        var files = Directory.EnumerateFiles(Production, "*", SearchOption.AllDirectories).Select(f => (Path: Path.GetRelativePath(Production, f), new FileInfo(f).Length)).ToList();
        var permissions = files.Where(f => f.Path.StartsWith("profiles", StringComparison.Ordinal) || f.Path.StartsWith("permissionsets", StringComparison.Ordinal)).Sum(f => f.Length);
        var limit = permissions + 4096; // the pieces that ride along, and room for any one component
        Assert.True(limit < files.Sum(f => f.Length) / 2, "the limit would not split the org");
        await using var simulator = await StartAsync(maxRetrieveUnzippedBytes: limit);
        var org = await ConnectAsync(simulator);
        using var tree = new TempTree();

        var outcome = await new OrgRetriever(new EngineContext(new RecordingObserver())).RetrieveAsync(org, tree.PathOf("retrieved"), new RetrieveOptions());

        Assert.Equal(2, outcome.ChunkCount); // the listed members, and the standard value sets asked for by name
        Assert.True(simulator.RetrieveCount > 3, $"the chunk was split into only {simulator.RetrieveCount} retrieves");
        AssertSameAsProduction(outcome.Folder);
    }

    [Fact]
    public async Task Transient_faults_and_an_expired_session_are_survived_and_nothing_is_lost()
    {
        await using var simulator = await StartAsync();
        var org = await ConnectAsync(simulator);
        simulator.Faults.Add(SimulatedFault.ServiceUnavailable, 2);
        simulator.Faults.Add(SimulatedFault.DropConnection);
        simulator.Faults.Add(SimulatedFault.UnknownException);
        simulator.Faults.Add(SimulatedFault.ExpireSessions);
        simulator.Faults.Add(SimulatedFault.RequestLimitExceeded);
        simulator.Faults.Add(SimulatedFault.RetrieveLimitExceeded);
        using var tree = new TempTree();

        var outcome = await new OrgRetriever(new EngineContext(new RecordingObserver())).RetrieveAsync(org, tree.PathOf("retrieved"), new RetrieveOptions(parallelism: 2, maxFilesPerChunk: 20));

        AssertSameAsProduction(outcome.Folder);
        Assert.Equal(2, simulator.IssuedTokens.Count); // connect, and the one refresh after the sessions expired
    }

    [Fact]
    public async Task A_fault_that_does_not_pass_leaves_no_folder_behind()
    {
        await using var simulator = await StartAsync();
        var org = await ConnectAsync(simulator);
        simulator.Faults.Add(SimulatedFault.ServiceUnavailable, 50);
        using var tree = new TempTree();
        var destination = tree.PathOf("retrieved");

        var error = await Assert.ThrowsAsync<SalesforceException>(() => new OrgRetriever(new EngineContext(new RecordingObserver())).RetrieveAsync(org, destination, new RetrieveOptions()));

        Assert.Equal("HTTP503", error.Code);
        Assert.False(Directory.Exists(destination));
        Assert.Empty(Directory.GetFileSystemEntries(tree.Root));
    }

    [Fact]
    public async Task A_non_empty_destination_is_refused()
    {
        await using var simulator = await StartAsync();
        var org = await ConnectAsync(simulator);
        using var tree = new TempTree().Write("retrieved/keep.txt", "mine");

        var error = await Assert.ThrowsAsync<SalesforceException>(() => new OrgRetriever(new EngineContext(new RecordingObserver())).RetrieveAsync(org, tree.PathOf("retrieved"), new RetrieveOptions()));

        Assert.Equal("DestinationNotEmpty", error.Code);
        Assert.Equal("mine", File.ReadAllText(tree.PathOf("retrieved/keep.txt")));
    }

    [Fact]
    public async Task No_token_appears_in_any_log_line_error_or_property_even_at_debug_level()
    {
        await using var simulator = await StartAsync();
        var sink = new CapturingSink();
        using var logging = new EngineLogging(sink, logFilePath: null);
        var org = await ConnectAsync(simulator, logging: logging);
        simulator.Faults.Add(SimulatedFault.ExpireSessions);
        simulator.Faults.Add(SimulatedFault.UnknownException);
        using var tree = new TempTree();
        await new OrgRetriever(new EngineContext(new RecordingObserver(), logging)).RetrieveAsync(org, tree.PathOf("retrieved"), new RetrieveOptions(maxFilesPerChunk: 10));
        simulator.Faults.Add(SimulatedFault.ServiceUnavailable, 50);
        var failure = await Assert.ThrowsAsync<SalesforceException>(() => new OrgRetriever(new EngineContext(new RecordingObserver(), logging)).RetrieveAsync(org, tree.PathOf("again"), new RetrieveOptions()));

        var secrets = simulator.IssuedTokens.Append(RefreshToken).ToList();
        Assert.Contains(sink.Lines, l => l.Contains("Retrying", StringComparison.Ordinal) || l.Contains("trying again", StringComparison.Ordinal));
        var everything = sink.Lines
            .Append(org.ToString())
            .Append(failure.ToString())
            .Concat(typeof(OrgConnection).GetProperties().Select(p => p.GetValue(org)?.ToString() ?? string.Empty));
        foreach (var text in everything)
        {
            Assert.DoesNotContain(secrets, secret => text.Contains(secret, StringComparison.Ordinal));
        }
    }

    private sealed class CapturingSink : ILogSink
    {
        private readonly List<string> _lines = new();

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return _lines.ToList();
                }
            }
        }

        public void Write(LogSeverity severity, string category, string message)
        {
            lock (_lines)
            {
                _lines.Add($"{severity} {category}: {message}");
            }
        }
    }
}
