using System.IO;
using System.Linq;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.Comparison;

/// <summary>Each kind of noise is Identical with its reason; each kind of meaningful change is Changed with the right path.</summary>
public sealed class NoiseAndChangeTests
{
    private const string SalesUser = "profiles/Sales User.profile";
    private const string Account = "objects/Account.object";

    private static (TempTree Source, TempTree Target) Pair()
    {
        var source = new TempTree().CopyFrom("docs/samples/production");
        var target = new TempTree().CopyFrom("docs/samples/production");
        return (source, target);
    }

    private static void Rewrite(TempTree tree, string file, System.Func<string, string> change)
    {
        var path = tree.PathOf(file);
        var before = File.ReadAllText(path);
        var after = change(before);
        Assert.NotEqual(before, after);
        File.WriteAllText(path, after);
    }

    /// <summary>
    /// The one interesting difference. Also checks that the fast path (only differing elements parsed,
    /// used without -IncludeIdentical) reports exactly what the full parse reports.
    /// </summary>
    private static MetadataDifference Only(TempTree source, TempTree target)
    {
        var (differences, observer) = Compare.Run(source.Root, target.Root, includeIdentical: true);
        Assert.Empty(observer.Problems);
        var (fast, _) = Compare.Run(source.Root, target.Root);
        static string Describe(MetadataDifference d) => $"{d.Status} {d.Type} {d.FullName}: {d.Changes} (+{d.LinesAdded} -{d.LinesRemoved})";
        Assert.Equal(differences.Where(d => d.Status != DifferenceStatus.Identical).Select(Describe), fast.Select(Describe));
        return Assert.Single(differences, d => d.Status != DifferenceStatus.Identical || d.Noise != NoiseKinds.None || d.IgnoredChangeCount > 0);
    }

    public static TheoryData<string, NoiseKinds> NoiseCases() => new()
    {
        { "reorder-entries", NoiseKinds.UnorderedListOrder },
        { "reorder-groups", NoiseKinds.ElementOrder },
        { "indent", NoiseKinds.Whitespace },
        { "self-closing", NoiseKinds.EmptyTagForm },
        { "no-declaration", NoiseKinds.XmlDeclaration },
        { "prefix", NoiseKinds.NamespacePrefix },
        { "crlf", NoiseKinds.LineEndings },
    };

    private static string ApplyNoise(string kind, string xml) => kind switch
    {
        "reorder-entries" => Swap(xml, "<field>Account.Customer_Tier__c</field>", "<field>Account.Region__c</field>", "fieldPermissions"),
        "reorder-groups" => xml.Replace("    <custom>true</custom>\n", string.Empty).Replace("    <userLicense>", "    <custom>true</custom>\n    <userLicense>"),
        "indent" => xml.Replace("\n    ", "\n  "),
        "self-closing" => xml.Replace("<custom>true</custom>", "<custom>true</custom><description></description>"),
        "no-declaration" => xml.Substring(xml.IndexOf('\n') + 1),
        "prefix" => xml.Replace("<Profile xmlns=\"http://soap.sforce.com/2006/04/metadata\">", "<sf:Profile xmlns:sf=\"http://soap.sforce.com/2006/04/metadata\">").Replace("</Profile>", "</sf:Profile>"),
        "crlf" => xml.Replace("\n", "\r\n"),
        _ => xml,
    };

    /// <summary>Swaps the two list entries holding the given markers.</summary>
    private static string Swap(string xml, string first, string second, string element)
    {
        string Entry(string marker)
        {
            var at = xml.IndexOf(marker, System.StringComparison.Ordinal);
            var start = xml.LastIndexOf("    <" + element + ">", at, System.StringComparison.Ordinal);
            var end = xml.IndexOf("</" + element + ">\n", at, System.StringComparison.Ordinal) + element.Length + 4;
            return xml.Substring(start, end - start);
        }

        var a = Entry(first);
        var b = Entry(second);
        return xml.Replace(a, "\u0001").Replace(b, a).Replace("\u0001", b);
    }

    [Theory]
    [MemberData(nameof(NoiseCases))]
    public void Noise_is_identical_and_explained(string kind, NoiseKinds expected)
    {
        var (source, target) = Pair();
        using (source)
        using (target)
        {
            if (kind == "self-closing")
            {
                Rewrite(source, SalesUser, x => x.Replace("<custom>true</custom>", "<custom>true</custom><description/>"));
            }

            Rewrite(target, SalesUser, x => ApplyNoise(kind, x));
            var difference = Only(source, target);
            Assert.Equal(DifferenceStatus.Identical, difference.Status);
            Assert.True(difference.Noise.HasFlag(expected), $"{kind}: {difference.Noise}");
            Assert.Empty(Compare.Run(source.Root, target.Root).Differences);
        }
    }

    [Fact]
    public void A_changed_permission_has_a_keyed_path_with_before_and_after()
    {
        var (source, target) = Pair();
        using (source)
        using (target)
        {
            Rewrite(source, SalesUser, x => x.Replace("<editable>false</editable>\n        <field>Account.Customer_Tier__c</field>", "<editable>true</editable>\n        <field>Account.Customer_Tier__c</field>"));
            var difference = Only(source, target);
            Assert.Equal(DifferenceStatus.Changed, difference.Status);
            var change = Assert.Single(difference.Changes);
            Assert.Equal(("fieldPermissions[Account.Customer_Tier__c]/editable", "false", "true"), (change.Path, change.Before, change.After));
            Assert.Equal(1, difference.ChangeCount);
            Assert.Contains("fieldPermissions[Account.Customer_Tier__c]/editable: false -> true", difference.Summary);
        }
    }

    [Fact]
    public void A_reordered_picklist_is_a_change_of_order()
    {
        var (source, target) = Pair();
        using (source)
        using (target)
        {
            Rewrite(source, Account, x => Swap(x, "<fullName>Gold</fullName>\n                    <default>false</default>\n                    <label>Gold</label>", "<fullName>Silver</fullName>\n                    <default>false</default>\n                    <label>Silver</label>", "value"));
            var difference = Only(source, target);
            Assert.Equal(("CustomField", "Account.Customer_Tier__c", DifferenceStatus.Changed), (difference.Type, difference.FullName, difference.Status));
            var change = Assert.Single(difference.Changes);
            Assert.Equal(("valueSet/valueSetDefinition/value", ChangeKind.Reordered), (change.Path, change.Kind));
            Assert.Equal(("Gold, Silver, Bronze", "Silver, Gold, Bronze"), (change.Before, change.After));
        }
    }

    [Fact]
    public void A_reordered_layout_is_a_change()
    {
        var (source, target) = Pair();
        using (source)
        using (target)
        {
            Rewrite(source, "layouts/Invoice__c-Invoice Layout.layout", x => x.Replace("<field>Status__c</field>", "<field>TMP</field>").Replace("<field>Due_Date__c</field>", "<field>Status__c</field>").Replace("<field>TMP</field>", "<field>Due_Date__c</field>"));
            var difference = Only(source, target);
            Assert.Equal(DifferenceStatus.Changed, difference.Status);
            Assert.Contains(difference.Changes, c => c.Path.StartsWith("layoutSections/layoutColumns[2]/layoutItems[1]/field", System.StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_field_change_is_the_field_not_its_object()
    {
        var (source, target) = Pair();
        using (source)
        using (target)
        {
            Rewrite(source, Account, x => x.Replace("<length>80</length>", "<length>120</length>"));
            var difference = Only(source, target);
            Assert.Equal(("CustomField", "Account.Region__c", "Account"), (difference.Type, difference.FullName, difference.Parent));
            Assert.Equal(("length", "80", "120"), (difference.Changes[0].Path, difference.Changes[0].Before, difference.Changes[0].After));
        }
    }

    [Fact]
    public void An_object_is_changed_only_by_its_own_elements()
    {
        var (source, target) = Pair();
        using (source)
        using (target)
        {
            Rewrite(source, "objects/Invoice__c.object", x => x.Replace("<enableSearch>true</enableSearch>", "<enableSearch>false</enableSearch>"));
            var difference = Only(source, target);
            Assert.Equal(("CustomObject", "Invoice__c", "enableSearch"), (difference.Type, difference.FullName, difference.Changes.Single().Path));
        }
    }

    [Fact]
    public void An_api_version_change_alone_has_the_path_apiVersion()
    {
        var (source, target) = Pair();
        using (source)
        using (target)
        {
            Rewrite(source, "classes/AccountTriggerHandler.cls-meta.xml", x => x.Replace("62.0", "63.0"));
            var difference = Only(source, target);
            Assert.Equal(("ApexClass", DifferenceStatus.Changed), (difference.Type, difference.Status));
            Assert.Equal(("apiVersion", "62.0", "63.0"), (difference.Changes.Single().Path, difference.Changes.Single().Before, difference.Changes.Single().After));
        }
    }

    [Fact]
    public void Code_line_endings_are_noise_but_code_changes_are_not()
    {
        var (source, target) = Pair();
        using (source)
        using (target)
        {
            Rewrite(target, "classes/AccountTriggerHandler.cls", x => x.Replace("\n", "\r\n"));
            Assert.Equal(NoiseKinds.LineEndings, Only(source, target).Noise);

            Rewrite(source, "classes/AccountTriggerHandler.cls", x => x.Replace("Tier changed to ", "Tier is now "));
            var difference = Only(source, target);
            Assert.Equal(DifferenceStatus.Changed, difference.Status);
            Assert.Equal((1, 1), (difference.LinesAdded, difference.LinesRemoved));
        }
    }

    [Fact]
    public void A_zipped_static_resource_is_compared_entry_by_entry()
    {
        using var source = new TempTree().CopyFrom("tests/fixtures/production-as-source");
        using var target = new TempTree().CopyFrom("tests/fixtures/production-as-source");
        Rewrite(source, "force-app/main/default/staticresources/BrandAssets/css/invoice.css", x => x.Replace("600", "700"));
        var difference = Only(source, target);
        Assert.Equal(("StaticResource", "content/css/invoice.css"), (difference.Type, difference.Changes.Single().Path));
        Assert.Equal((1, 1), (difference.LinesAdded, difference.LinesRemoved));

        var (againstZip, _) = Compare.Run(source.Root, Path.Combine(TempTree.RepositoryRoot, "docs/samples/production"));
        Assert.Equal("content/css/invoice.css", againstZip.Get("StaticResource", "BrandAssets").Changes.Single().Path);
    }

    [Fact]
    public void Ignore_rules_drop_expected_differences()
    {
        var (source, target) = Pair();
        using (source)
        using (target)
        {
            Rewrite(target, "namedCredentials/Billing_API.namedCredential", x => x.Replace("https://billing.example.com/api/v2", "https://billing-uat.example.com/api/v2"));
            Rewrite(target, "remoteSiteSettings/Billing_API.remoteSite", x => x.Replace("https://billing.example.com", "https://billing-uat.example.com"));
            Rewrite(target, "profiles/Admin.profile", x => x.Replace("<startAddress>0.0.0.0</startAddress>", "<startAddress>10.0.0.0</startAddress>"));

            var (all, _) = Compare.Run(source.Root, target.Root);
            Assert.Equal(new[] { "NamedCredential Billing_API", "Profile Admin", "RemoteSiteSetting Billing_API" }, all.Keys(DifferenceStatus.Changed));
            Assert.Equal("namedCredentialParameters[Url]/parameterValue", all.Get("NamedCredential", "Billing_API").Changes.Single().Path);

            var rules = new[] { "NamedCredential:*:namedCredentialParameters[Url]/parameterValue", "Profile:*:loginIpRanges", "RemoteSiteSetting:Billing_*" };
            Assert.Empty(Compare.Run(source.Root, target.Root, ignore: rules).Differences);
            var (withIdentical, _) = Compare.Run(source.Root, target.Root, includeIdentical: true, ignore: rules);
            Assert.Equal(1, withIdentical.Get("NamedCredential", "Billing_API").IgnoredChangeCount);
            Assert.DoesNotContain(withIdentical, d => d.Type == "RemoteSiteSetting");
        }
    }

    [Theory]
    [InlineData("Profile")]
    [InlineData("Profile:")]
    [InlineData(":Admin")]
    public void A_malformed_ignore_rule_says_how_to_write_one(string rule) =>
        Assert.Contains("Type:FullNamePattern", Assert.Throws<System.FormatException>(() => IgnoreRule.Parse(rule)).Message);

    [Fact]
    public void A_component_present_twice_on_one_side_is_an_error_naming_both_files()
    {
        using var source = new TempTree().CopyFrom("tests/fixtures/production-as-source");
        using var target = new TempTree().CopyFrom("tests/fixtures/production-as-source");
        File.WriteAllText(target.PathOf("sfdx-project.json"), """{ "packageDirectories": [ { "path": "force-app" }, { "path": "extra" } ] }""");
        target.Write("extra/classes/InvoiceService.cls", "public class InvoiceService {}")
            .Write("extra/classes/InvoiceService.cls-meta.xml", File.ReadAllText(target.PathOf("force-app/main/default/classes/InvoiceService.cls-meta.xml")));
        var (_, observer) = Compare.Run(source.Root, target.Root);
        var problem = Assert.Single(observer.Errors);
        Assert.Equal(Model.ProblemCode.DuplicateComponent, problem.Code);
        Assert.Contains(Path.Combine("extra", "classes", "InvoiceService.cls"), problem.Message);
        Assert.Contains(Path.Combine("force-app", "main", "default", "classes", "InvoiceService.cls"), problem.Message);
    }

    [Fact]
    public void A_git_revision_compares_with_the_working_folder()
    {
        using var repo = new TempTree().CopyFrom("docs/samples/uat");
        repo.Git("init", "-q");
        repo.Git("add", "-A");
        repo.Git("commit", "-q", "-m", "uat");
        Rewrite(repo, "force-app/main/default/classes/InvoiceDiscountService.cls", x => x.Replace("50", "40"));
        File.Delete(repo.PathOf("force-app/main/default/objects/Invoice__c/fields/Discount__c.field-meta.xml"));

        var (differences, _) = Compare.Run(repo.Root, repo.Root, targetRevision: "HEAD");
        Assert.Equal(new[] { "ApexClass InvoiceDiscountService" }, differences.Keys(DifferenceStatus.Changed));
        Assert.Equal(new[] { "CustomField Invoice__c.Discount__c" }, differences.Keys(DifferenceStatus.TargetOnly));
    }

    [Fact]
    public void An_added_permission_and_a_flipped_one_in_the_same_profile_are_both_reported()
    {
        var (source, target) = Pair();
        using (source)
        using (target)
        {
            Rewrite(source, SalesUser, x => x.Replace("<editable>true</editable>\n        <field>Account.Region__c</field>", "<editable>false</editable>\n        <field>Account.Region__c</field>")
                .Replace("    <layoutAssignments>", "    <fieldPermissions>\n        <editable>false</editable>\n        <field>Invoice__c.Due_Date__c</field>\n        <readable>true</readable>\n    </fieldPermissions>\n    <layoutAssignments>"));
            var difference = Only(source, target);
            Assert.Equal(new[] { "fieldPermissions[Account.Region__c]/editable", "fieldPermissions[Invoice__c.Due_Date__c]" }, difference.Changes.Select(c => c.Path));
        }
    }

    [Fact]
    public void Fields_added_and_removed_in_one_object_file_are_source_and_target_only()
    {
        var (source, target) = Pair();
        using (source)
        using (target)
        {
            Rewrite(source, Account, x => x.Replace("<fullName>Region__c</fullName>", "<fullName>Territory__c</fullName>"));
            var (differences, _) = Compare.Run(source.Root, target.Root);
            Assert.Equal(new[] { "CustomField Account.Territory__c" }, differences.Keys(DifferenceStatus.SourceOnly));
            Assert.Equal(new[] { "CustomField Account.Region__c" }, differences.Keys(DifferenceStatus.TargetOnly));
            Assert.Equal(2, differences.Count);
        }
    }

    [Fact]
    public void A_changed_file_that_is_malformed_is_reported_not_guessed()
    {
        var (source, target) = Pair();
        using (source)
        using (target)
        {
            Rewrite(source, Account, x => x.Replace("<length>80</length>", "<length>80</lenth>"));
            var (differences, observer) = Compare.Run(source.Root, target.Root);
            Assert.Equal(Model.ProblemCode.MalformedXml, Assert.Single(observer.Errors).Code);
            Assert.Contains("Account.object", observer.Errors.Single().Message);
            var account = Assert.Single(differences); // its fields are unknown in the source, not absent from it
            Assert.Equal((DifferenceStatus.Unreadable, "CustomObject Account"), (account.Status, account.Type + " " + account.FullName));
        }
    }
}
