using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Salesforce;
using SandboxOps.Engine.Tests.Support;
using SandboxOps.Simulator;
using static SandboxOps.Engine.Tests.Salesforce.SimulatedOrgFixture;

namespace SandboxOps.Engine.Tests.Salesforce;

/// <summary>Deploys, validations, failures and cancellation against the simulator, which applies deploys to its copy of the org.</summary>
public sealed class DeployTests
{
    private const string Manifest = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Package xmlns="http://soap.sforce.com/2006/04/metadata">
            <types><members>HotfixService</members><name>ApexClass</name></types>
            <types><members>Invoice__c.Hotfix__c</members><name>CustomField</name></types>
            <version>62.0</version>
        </Package>
        """;

    private static TempTree Package(string manifest = Manifest) => new TempTree()
        .Write("package.xml", manifest)
        .Write("classes/HotfixService.cls", "public class HotfixService { public static Integer answer() { return 42; } }")
        .Write("classes/HotfixService.cls-meta.xml", Read.Doc("ApexClass", "<apiVersion>62.0</apiVersion><status>Active</status>"))
        .Write("objects/Invoice__c.object", Read.Doc("CustomObject", "<fields><fullName>Hotfix__c</fullName><label>Hotfix</label><type>Checkbox</type><defaultValue>false</defaultValue></fields>"));

    private static string Fingerprint(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(folder, f) + ":" + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
        return string.Join("\n", files);
    }

    private static Task<MetadataApiSimulator> StartAsync(Dictionary<string, string>? failingTests = null, int polls = 3, string? coverageWarning = null, Dictionary<string, (int, int, string)>? brokenApex = null) =>
        MetadataApiSimulator.StartAsync(new SimulatorOptions
        {
            OrgFolder = Production,
            AccessTokens = new[] { AccessToken },
            RefreshTokens = new[] { RefreshToken },
            FailingTests = failingTests ?? new Dictionary<string, string>(),
            PollsToFinish = polls,
            CoverageWarning = coverageWarning,
            BrokenApex = brokenApex ?? new Dictionary<string, (int, int, string)>(),
        });

    [Fact]
    public async Task A_compile_error_keeps_its_line_and_column()
    {
        // DeployMessage carries lineNumber and columnNumber (Metadata API WSDL); developers expect file(line,column).
        await using var simulator = await StartAsync(brokenApex: new() { ["HotfixService"] = (3, 9, "Variable does not exist: x") });
        var org = await ConnectAsync(simulator);
        using var package = Package();

        var result = await new OrgDeployer(new EngineContext(new RecordingObserver())).DeployAsync(org, package.Root, new DeployOptions());

        var broken = Assert.Single(result.Components, c => !c.Success);
        Assert.Equal((3, 9), (broken.LineNumber, broken.ColumnNumber));
        Assert.Equal("classes/HotfixService.cls(3,9): Variable does not exist: x", broken.ToString());
        Assert.Equal(broken.ToString(), result.FirstFailure);
    }

    [Fact]
    public async Task A_deploy_that_fails_on_coverage_alone_says_so()
    {
        // runTestResult/codeCoverageWarnings: no component and no test failed, and the deploy failed all the same.
        const string warning = "Average test coverage across all Apex Classes and Triggers is 62%, at least 75% test coverage is required.";
        await using var simulator = await StartAsync(coverageWarning: warning);
        var org = await ConnectAsync(simulator);
        using var package = Package();

        var result = await new OrgDeployer(new EngineContext(new RecordingObserver())).DeployAsync(org, package.Root, new DeployOptions(testLevel: "RunLocalTests"));

        Assert.False(result.Success);
        Assert.DoesNotContain(result.Components, c => !c.Success);
        Assert.Empty(result.TestFailures);
        Assert.Equal(warning, Assert.Single(result.CoverageWarnings).Message);
        Assert.Contains("75% test coverage", result.FirstFailure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_validation_that_ran_no_tests_cannot_be_quick_deployed()
    {
        // deployRecentValidation takes a validation whose tests ran; a sandbox validation defaults to NoTestRun.
        await using var simulator = await StartAsync();
        var org = await ConnectAsync(simulator);
        using var package = Package();
        var validation = await new OrgDeployer(new EngineContext(new RecordingObserver())).DeployAsync(org, package.Root, new DeployOptions(checkOnly: true));
        Assert.True(validation.Success);

        var refused = await Assert.ThrowsAsync<SalesforceException>(() => new OrgDeployer(new EngineContext(new RecordingObserver())).QuickDeployAsync(org, validation.Id));

        Assert.Contains("ran no tests", refused.Message, StringComparison.Ordinal);
        Assert.Null(simulator.Org.FilesOf("ApexClass", "HotfixService"));
    }

    [Fact]
    public async Task A_deploy_changes_the_org_and_keeps_the_fields_it_did_not_name()
    {
        await using var simulator = await StartAsync();
        var org = await ConnectAsync(simulator);
        using var package = Package();
        var before = File.ReadAllText(Path.Combine(simulator.Org.Folder, "objects/Invoice__c.object"));

        var result = await new OrgDeployer(new EngineContext(new RecordingObserver())).DeployAsync(org, package.Root, new DeployOptions());

        Assert.True(result.Success, result.ToString());
        Assert.Equal("Succeeded", result.Status);
        Assert.Contains(result.Components, c => c.Type == "ApexClass" && c.FullName == "HotfixService" && c.Created);
        Assert.NotNull(simulator.Org.FilesOf("ApexClass", "HotfixService"));
        var after = File.ReadAllText(Path.Combine(simulator.Org.Folder, "objects/Invoice__c.object"));
        Assert.Contains("Hotfix__c", after, StringComparison.Ordinal);
        Assert.Equal(Fields(before) + 1, Fields(after)); // the fields the package did not name are still there
    }

    [Fact]
    public async Task A_deployed_profile_adds_and_changes_permissions_and_revokes_none_it_leaves_out()
    {
        await using var simulator = await StartAsync();
        var org = await ConnectAsync(simulator);
        using var package = new TempTree()
            .Write("package.xml", Read.Doc("Package", "<types><members>Admin</members><name>Profile</name></types><version>62.0</version>"))
            .Write("profiles/Admin.profile", Read.Doc("Profile", """
                <fieldPermissions><editable>false</editable><field>Account.Credit_Limit__c</field><readable>true</readable></fieldPermissions>
                <userPermissions><enabled>true</enabled><name>ViewSetup</name></userPermissions>
                """));
        var path = Path.Combine(simulator.Org.Folder, "profiles/Admin.profile");
        var before = Entries(File.ReadAllText(path));

        Assert.True((await new OrgDeployer(new EngineContext(new RecordingObserver())).DeployAsync(org, package.Root, new DeployOptions())).Success);

        var after = Entries(File.ReadAllText(path));
        Assert.Single(after, e => e.Contains("Account.Credit_Limit__c", StringComparison.Ordinal));
        Assert.Contains(after, e => e.Contains("<editable>false</editable><field>Account.Credit_Limit__c</field>", StringComparison.Ordinal));
        Assert.Contains(after, e => e.Contains("<name>ViewSetup</name>", StringComparison.Ordinal));
        Assert.Equal(before.Count(e => !e.Contains("ViewSetup", StringComparison.Ordinal)) + 1, after.Count); // every other entry kept
        Assert.Contains(after, e => e.Contains("Account.Customer_Tier__c", StringComparison.Ordinal));
    }

    private static List<string> Entries(string profileXml) =>
        System.Xml.Linq.XDocument.Parse(profileXml).Root!.Elements()
            .Select(e => string.Concat(e.Elements().Select(c => $"<{c.Name.LocalName}>{c.Value}</{c.Name.LocalName}>")))
            .ToList();

    private static int Fields(string objectXml) =>
        System.Xml.Linq.XDocument.Parse(objectXml).Root!.Elements().Count(e => e.Name.LocalName == "fields");


    [Fact]
    public async Task A_validation_runs_but_leaves_the_org_unchanged_and_can_then_be_quick_deployed()
    {
        await using var simulator = await StartAsync();
        var org = await ConnectAsync(simulator);
        using var package = Package();
        var before = Fingerprint(simulator.Org.Folder);

        var validation = await new OrgDeployer(new EngineContext(new RecordingObserver())).DeployAsync(org, package.Root, new DeployOptions(checkOnly: true, testLevel: "RunLocalTests"));

        Assert.True(validation.Success);
        Assert.True(validation.CheckOnly);
        Assert.Equal(before, Fingerprint(simulator.Org.Folder));

        var quick = await new OrgDeployer(new EngineContext(new RecordingObserver())).QuickDeployAsync(org, validation.Id);
        Assert.True(quick.Success);
        Assert.NotNull(simulator.Org.FilesOf("ApexClass", "HotfixService"));
    }

    [Fact]
    public async Task A_failed_deploy_names_each_failing_component_and_changes_nothing()
    {
        await using var simulator = await StartAsync();
        var org = await ConnectAsync(simulator);
        using var package = Package(Manifest.Replace("<types><members>Invoice__c.Hotfix__c</members>", "<types><members>NoSuchObject__c.Flag__c</members>").Replace("<version>", "<types><members>X</members><name>NotAType</name></types>\n    <version>"));
        var before = Fingerprint(simulator.Org.Folder);

        var result = await new OrgDeployer(new EngineContext(new RecordingObserver())).DeployAsync(org, package.Root, new DeployOptions());

        Assert.False(result.Success);
        Assert.Equal("Failed", result.Status);
        Assert.Contains(result.Components, c => !c.Success && c.FullName == "NoSuchObject__c.Flag__c" && c.Problem!.Contains("no CustomObject named NoSuchObject__c", StringComparison.Ordinal));
        // A package-level failure names no component type: it is kept, not filtered out as a nameless success would be.
        Assert.Contains(result.Components, c => !c.Success && c.Type.Length == 0 && c.FileName == "package.xml" && c.Problem!.Contains("Unknown type name 'NotAType'", StringComparison.Ordinal));
        Assert.Equal(before, Fingerprint(simulator.Org.Folder));
    }

    [Fact]
    public async Task A_failing_test_fails_the_deploy_and_is_reported_by_class_and_method()
    {
        await using var simulator = await StartAsync(new Dictionary<string, string> { ["InvoiceServiceTest.appliesDiscount"] = "System.AssertException: Assertion Failed: Expected: 90, Actual: 100" });
        var org = await ConnectAsync(simulator);
        using var package = Package();
        var before = Fingerprint(simulator.Org.Folder);

        var result = await new OrgDeployer(new EngineContext(new RecordingObserver())).DeployAsync(org, package.Root, new DeployOptions(testLevel: "RunLocalTests"));

        Assert.False(result.Success);
        var failure = Assert.Single(result.TestFailures);
        Assert.Equal("InvoiceServiceTest", failure.ClassName);
        Assert.Equal("appliesDiscount", failure.MethodName);
        Assert.Contains("Expected: 90", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, result.TestErrors);
        Assert.Equal(before, Fingerprint(simulator.Org.Folder));
    }

    [Fact]
    public async Task A_stopped_deploy_is_cancelled_on_the_server()
    {
        await using var simulator = await StartAsync(polls: 1000);
        var org = await ConnectAsync(simulator);
        using var package = Package();
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var deployer = new OrgDeployer(new EngineContext(new RecordingObserver(), cancellation: stop.Token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => deployer.DeployAsync(org, package.Root, new DeployOptions()));

        Assert.Null(simulator.Org.FilesOf("ApexClass", "HotfixService"));
    }

    [Fact]
    public async Task A_folder_without_package_xml_is_refused_before_anything_is_sent()
    {
        await using var simulator = await StartAsync();
        var org = await ConnectAsync(simulator);
        using var tree = new TempTree().Write("classes/A.cls", "public class A {}");
        var calls = simulator.Calls;

        var error = await Assert.ThrowsAsync<SalesforceException>(() => new OrgDeployer(new EngineContext(new RecordingObserver())).DeployAsync(org, tree.Root, new DeployOptions()));

        Assert.Equal("PackageNotFound", error.Code);
        Assert.Equal(calls, simulator.Calls);
    }
}
