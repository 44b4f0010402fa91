using System;
using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Gates;
using SandboxOps.Engine.Pipelines;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.Gates;

/// <summary>Each static check of a package, on packages laid out as Salesforce's Metadata API writes them.</summary>
public sealed class PackageCheckerTests
{
    private const string Meta = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private const string Ns = " xmlns=\"http://soap.sforce.com/2006/04/metadata\"";

    public static TheoryData<string, Dictionary<string, string>, string[]> References => new()
    {
        {
            "a profile's field, object, record type, class and layout",
            new()
            {
                ["profiles/Sales.profile"] = Xml("Profile", "<fieldPermissions><editable>true</editable><field>Account.Rating__c</field><readable>true</readable></fieldPermissions>"
                    + "<fieldPermissions><editable>true</editable><field>Account.npsp__Managed__c</field><readable>true</readable></fieldPermissions>"
                    + "<objectPermissions><allowRead>true</allowRead><object>Invoice__c</object></objectPermissions>"
                    + "<objectPermissions><allowRead>true</allowRead><object>Account</object></objectPermissions>"
                    + "<recordTypeVisibilities><recordType>Account.Business</recordType><visible>true</visible></recordTypeVisibilities>"
                    + "<classAccesses><apexClass>InvoiceService</apexClass><enabled>true</enabled></classAccesses>"
                    + "<classAccesses><apexClass>npsp__Managed</apexClass><enabled>true</enabled></classAccesses>"
                    + "<layoutAssignments><layout>Account-Account Layout</layout></layoutAssignments>"
                    + "<layoutAssignments><layout>Invoice__c-Invoice Layout</layout><recordType>Invoice__c.Export</recordType></layoutAssignments>"
                    + "<tabVisibilities><tab>standard-Account</tab><visibility>DefaultOn</visibility></tabVisibilities>"),
                ["classes/InvoiceService.cls"] = "public class InvoiceService {}",
                ["classes/InvoiceService.cls-meta.xml"] = Xml("ApexClass", "<apiVersion>62.0</apiVersion><status>Active</status>"),
            },
            new[] { "CustomField Account.Rating__c", "CustomObject Invoice__c", "Layout Invoice__c-Invoice Layout", "RecordType Account.Business", "RecordType Invoice__c.Export" }
        },
        {
            "a layout's, list view's, compact layout's and validation rule's fields",
            new()
            {
                ["layouts/Account-Account Layout.layout"] = Xml("Layout", "<layoutSections><layoutColumns><layoutItems><field>Name</field></layoutItems><layoutItems><field>Tier__c</field></layoutItems></layoutColumns></layoutSections>"),
                ["objects/Account.object"] = Xml("CustomObject", "<compactLayouts><fullName>Slim</fullName><fields>Name</fields><fields>Score__c</fields><label>Slim</label></compactLayouts>"
                    + "<listViews><fullName>Big</fullName><columns>ACCOUNT.NAME</columns><columns>Region__c</columns><filterScope>Everything</filterScope><filters><field>Segment__c</field><operation>equals</operation><value>A</value></filters><label>Big</label></listViews>"
                    + "<validationRules><fullName>Discount</fullName><active>true</active><errorConditionFormula>Discount__c &gt; 0.5 &amp;&amp; Parent__r.Limit__c &lt; 1</errorConditionFormula><errorMessage>Too much</errorMessage></validationRules>"),
            },
            new[] { "CustomField Account.Discount__c", "CustomField Account.Region__c", "CustomField Account.Score__c", "CustomField Account.Segment__c", "CustomField Account.Tier__c" }
        },
        {
            "a flow's object and fields, and a custom field's object",
            new()
            {
                ["flows/Invoice_Sync.flow"] = Xml("Flow", "<apiVersion>62.0</apiVersion><recordLookups><name>Find</name><object>Invoice__c</object><filters><field>Status__c</field><operator>EqualTo</operator></filters><queriedFields>Amount__c</queriedFields></recordLookups>"),
                ["objects/Payment__c.object"] = Xml("CustomObject", "<fields><fullName>Amount__c</fullName><label>Amount</label><type>Number</type><precision>18</precision><scale>2</scale></fields>"),
            },
            new[] { "CustomField Invoice__c.Amount__c", "CustomField Invoice__c.Status__c", "CustomObject Invoice__c", "CustomObject Payment__c" }
        },
    };

    [Theory]
    [MemberData(nameof(References))]
    public void What_a_component_names_and_the_package_lacks_is_a_warning_without_a_target(string shape, Dictionary<string, string> files, string[] missing)
    {
        using var package = Package(files);

        var findings = Check(package, PackageTarget.None).Where(f => f.RuleId == PackageChecker.MissingReference).ToList();

        Assert.True(missing.SequenceEqual(findings.Select(f => f.Component).OrderBy(c => c, StringComparer.Ordinal)), shape + ": " + string.Join(", ", findings.Select(f => f.Component)));
        Assert.All(findings, f => Assert.Equal(FindingSeverity.Warning, f.Severity));
    }

    [Fact]
    public void With_a_target_what_it_holds_is_found_there_and_the_rest_is_an_error_naming_who_names_it()
    {
        using var package = Package((Dictionary<string, string>)References.First()[1]);
        using var targetTree = new TempTree()
            .Write("objects/Account.object", Xml("CustomObject", "<fields><fullName>Rating__c</fullName><label>Rating</label><type>Text</type><length>10</length></fields><recordTypes><fullName>Business</fullName><active>true</active><label>Business</label></recordTypes>"))
            .Write("layouts/Invoice__c-Invoice Layout.layout", Xml("Layout", string.Empty));

        var findings = Check(package, Target(targetTree)).Where(f => f.RuleId == PackageChecker.MissingReference).ToList();

        Assert.Equal(new[] { "CustomObject Invoice__c", "RecordType Invoice__c.Export" }, findings.Select(f => f.Component).OrderBy(c => c, StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Equal(FindingSeverity.Error, f.Severity));
        Assert.Contains("Profile Sales (objectPermissions) names it, and neither the package nor", findings[0].Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, Version?, string?> ApiVersions => new()
    {
        { "a retired version", "29.0", null, "retired" },
        { "newer than the target serves", "66.0", new Version(62, 0), "serves versions up to 62.0" },
        { "one the target serves", "62.0", new Version(62, 0), null },
    };

    [Theory]
    [MemberData(nameof(ApiVersions))]
    public void An_api_version_the_target_cannot_take_is_an_error(string shape, string version, Version? latest, string? says)
    {
        using var package = Package(new()
        {
            ["package.xml"] = Xml("Package", $"<types><members>Tax</members><name>ApexClass</name></types><version>{version}</version>"),
            ["classes/Tax.cls"] = "public class Tax {}",
            ["classes/Tax.cls-meta.xml"] = Xml("ApexClass", $"<apiVersion>{version}</apiVersion><status>Active</status>"),
        });
        using var targetTree = new TempTree().Write("classes/Other.cls", "public class Other {}").Write("classes/Other.cls-meta.xml", Xml("ApexClass", "<apiVersion>62.0</apiVersion>"));

        var findings = Check(package, Target(targetTree, latest)).Where(f => f.RuleId == PackageChecker.ApiVersion).ToList();

        if (says is null)
        {
            Assert.Empty(findings);
            return;
        }

        Assert.Equal(new[] { null, "ApexClass Tax" }, findings.Select(f => f.Component).OrderBy(c => c, StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Contains(says, f.Message, StringComparison.Ordinal));
        Assert.All(findings, f => Assert.Equal(FindingSeverity.Error, f.Severity));
        Assert.True(findings.Count == 2, shape);
    }

    [Fact]
    public void Deletions_salesforce_refuses_are_errors_that_say_what_to_do_instead()
    {
        using var package = Package(new()
        {
            ["package.xml"] = Xml("Package", "<version>62.0</version>"),
            ["destructiveChangesPost.xml"] = Xml("Package", "<types><members>Account.Business</members><name>RecordType</name></types><types><members>Account.Name</members><members>Account.Old__c</members><name>CustomField</name></types><types><members>OldClass</members><name>ApexClass</name></types>"),
        });

        var findings = Check(package, PackageTarget.None).Where(f => f.RuleId == PackageChecker.UndeletableDeletion).ToList();

        Assert.Equal(new[] { "CustomField Account.Name", "RecordType Account.Business" }, findings.Select(f => f.Component).OrderBy(c => c, StringComparer.Ordinal));
        Assert.Contains("deactivate it instead", findings.Single(f => f.Component == "RecordType Account.Business").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Permissions_the_target_grants_and_a_profile_file_leaves_out_stay_granted_and_are_said()
    {
        using var package = Package(new()
        {
            ["profiles/Sales.profile"] = Xml("Profile", "<fieldPermissions><editable>false</editable><field>Account.Rating__c</field><readable>true</readable></fieldPermissions>"),
        });
        using var targetTree = new TempTree().Write("profiles/Sales.profile", Xml("Profile", "<fieldPermissions><editable>true</editable><field>Account.Rating__c</field><readable>true</readable></fieldPermissions>"
            + "<userPermissions><enabled>true</enabled><name>ViewAllData</name></userPermissions><userPermissions><enabled>false</enabled><name>ModifyAllData</name></userPermissions>"
            + "<tabVisibilities><tab>Invoice__c</tab><visibility>Hidden</visibility></tabVisibilities>"))
            .Write("objects/Account.object", Xml("CustomObject", "<fields><fullName>Rating__c</fullName><label>Rating</label><type>Text</type><length>10</length></fields>"));

        var finding = Assert.Single(Check(package, Target(targetTree)), f => f.RuleId == PackageChecker.CannotRevoke);

        Assert.Equal("Profile Sales", finding.Component);
        Assert.Contains("1 permission(s)", finding.Message, StringComparison.Ordinal);
        Assert.Contains("userPermissions ViewAllData", finding.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, bool, bool, FindingSeverity?> ApexTests => new()
    {
        { "no test class, to a sandbox", false, false, FindingSeverity.Warning },
        { "no test class, to production", false, true, FindingSeverity.Error },
        { "with its test class", true, true, null },
    };

    [Theory]
    [MemberData(nameof(ApexTests))]
    public void Apex_without_a_test_class_is_said_and_fails_a_deploy_to_production(string shape, bool withTest, bool toProduction, FindingSeverity? severity)
    {
        var files = new Dictionary<string, string>
        {
            ["classes/Tax.cls"] = "public class Tax { public static Decimal rate() { return 0.2; } }",
            ["classes/Tax.cls-meta.xml"] = Xml("ApexClass", "<apiVersion>62.0</apiVersion>"),
            ["triggers/InvoiceTrigger.trigger"] = "trigger InvoiceTrigger on Invoice__c (before insert) {}",
            ["triggers/InvoiceTrigger.trigger-meta.xml"] = Xml("ApexTrigger", "<apiVersion>62.0</apiVersion>"),
        };
        if (withTest)
        {
            files["classes/TaxTest.cls"] = "@IsTest\nprivate class TaxTest { @IsTest static void rates() { System.assertEquals(0.2, Tax.rate()); } }";
            files["classes/TaxTest.cls-meta.xml"] = Xml("ApexClass", "<apiVersion>62.0</apiVersion>");
        }

        using var package = Package(files);

        var findings = Check(package, PackageTarget.Unread("uat", toProduction, Array.Empty<string>())).Where(f => f.RuleId == PackageChecker.ApexWithoutTests).ToList();

        Assert.True(severity == findings.SingleOrDefault()?.Severity, shape);
        Assert.All(findings, f => Assert.Contains("2 Apex class(es) or trigger(s)", f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Salesforce_deploy_limits_are_errors_that_say_to_split()
    {
        var findings = new List<PackageFinding>();

        PackageChecker.Limits(10_001, 700L * 1024 * 1024, 40L * 1024 * 1024, findings);

        Assert.Equal(3, findings.Count);
        Assert.All(findings, f => Assert.Equal((PackageChecker.DeployLimit, FindingSeverity.Error), (f.RuleId, f.Severity)));
        Assert.Contains(findings, f => f.Message.Contains("10,001 files", StringComparison.Ordinal));
        var none = new List<PackageFinding>();
        PackageChecker.Limits(10_000, 600L * 1024 * 1024, null, none);
        Assert.Empty(none);
    }

    [Fact]
    public void Record_ids_and_production_urls_in_apex_and_metadata_are_found_and_look_alikes_are_not()
    {
        using var package = Package(new()
        {
            ["classes/Router.cls"] = "public class Router {\n  static final Id QUEUE = '00G5e000000AbCdEAK';\n  static final String NOT_AN_ID = 'HelloWorldHello';\n  static final String HASH = 'a3f9c2e81b7d4f60';\n"
                + "  static final String PROD = 'https://acme.my.salesforce.com/services/data';\n  static final String UAT = 'https://acme--uat.sandbox.my.salesforce.com';\n  // '0015e000001XyZa' in a comment is not a literal the code uses\n}",
            ["classes/Router.cls-meta.xml"] = Xml("ApexClass", "<apiVersion>62.0</apiVersion>"),
            ["objects/Account.object"] = Xml("CustomObject", "<validationRules><fullName>Gold</fullName><active>true</active><errorConditionFormula>RecordTypeId = \"0125e000000AbCd\"</errorConditionFormula><errorMessage>x</errorMessage></validationRules>"),
            ["remoteSiteSettings/Billing.remoteSite"] = Xml("RemoteSiteSetting", "<isActive>true</isActive><url>https://billing.example.com/api</url>"),
        });
        var target = PackageTarget.Unread("uat", isProduction: false, new[] { "https://billing.example.com" });

        var findings = Check(package, target);

        var ids = findings.Where(f => f.RuleId == PackageChecker.HardCodedId).ToDictionary(f => f.Component!, f => f.Message);
        Assert.Equal(new[] { "ApexClass Router", "ValidationRule Account.Gold" }, ids.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Contains("00G5e000000AbCdEAK", ids["ApexClass Router"], StringComparison.Ordinal);
        Assert.DoesNotContain("HelloWorldHello", ids["ApexClass Router"], StringComparison.Ordinal);
        Assert.DoesNotContain("0015e000001XyZa", ids["ApexClass Router"], StringComparison.Ordinal);
        var urls = findings.Where(f => f.RuleId == PackageChecker.ProductionUrl).ToDictionary(f => f.Component!, f => f.Message);
        Assert.Equal(new[] { "ApexClass Router", "RemoteSiteSetting Billing" }, urls.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.DoesNotContain("sandbox", urls["ApexClass Router"], StringComparison.Ordinal);
        Assert.DoesNotContain(Check(package, PackageTarget.Unread("prod", isProduction: true, new[] { "https://billing.example.com" })), f => f.RuleId == PackageChecker.ProductionUrl);
    }

    [Theory]
    [InlineData("001000000000001AAA", true)] // checksum of an all-digit id
    [InlineData("001000000000001AAB", false)] // wrong checksum
    [InlineData("0015e000001XyZa", true)]
    [InlineData("000000000000000", false)] // the empty id
    [InlineData("HelloWorldHello", false)]
    [InlineData("441234098765432", false)] // digits only, nothing of an id's record number
    public void A_record_id_is_told_from_a_string_of_its_length(string text, bool isId) =>
        Assert.Equal(isId, LiteralScanner.IsRecordId(text));

    private static IReadOnlyList<PackageFinding> Check(TempTree package, PackageTarget target)
    {
        using var source = MetadataSource.Open(package.Root);
        return new PackageChecker(new EngineContext(new RecordingObserver())).Check(source, target, zippedBytes: null).Findings;
    }

    private static PackageTarget Target(TempTree tree, Version? latest = null)
    {
        using var source = MetadataSource.Open(tree.Root);
        return PackageTarget.Read(source, latest, isProduction: false, Array.Empty<string>(), new EngineContext(new RecordingObserver()));
    }

    private static TempTree Package(Dictionary<string, string> files)
    {
        var tree = new TempTree();
        if (!files.ContainsKey("package.xml"))
        {
            tree.Write("package.xml", Xml("Package", "<version>62.0</version>"));
        }

        foreach (var (path, content) in files)
        {
            tree.Write(path, content);
        }

        return tree;
    }

    private static string Xml(string root, string body) => $"{Meta}<{root}{Ns}>{body}</{root}>\n";
}
