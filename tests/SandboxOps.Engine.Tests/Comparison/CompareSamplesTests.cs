using System.IO;
using System.Linq;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.Comparison;

public sealed class CompareSamplesTests
{
    private static readonly string Production = Path.Combine(TempTree.RepositoryRoot, "docs/samples/production");
    private static readonly string Uat = Path.Combine(TempTree.RepositoryRoot, "docs/samples/uat");
    private static readonly string ProductionAsSource = Path.Combine(TempTree.RepositoryRoot, "tests/fixtures/production-as-source");

    [Fact]
    public void Production_against_uat_finds_the_hotfix_the_work_in_progress_and_nothing_else()
    {
        var (differences, observer) = Compare.Run(Production, Uat);

        Assert.Empty(observer.Problems);
        Assert.Equal(new[] { "CustomField Account.Credit_Limit__c" }, differences.Keys(DifferenceStatus.SourceOnly));
        Assert.Equal(new[] { "ApexClass InvoiceDiscountService", "CustomField Invoice__c.Discount__c", "CustomLabel Discount_Applied" }, differences.Keys(DifferenceStatus.TargetOnly));
        Assert.Equal(new[] { "ApexClass InvoiceService", "PermissionSet Invoice_Manager", "Profile Admin" }, differences.Keys(DifferenceStatus.Changed));

        var admin = differences.Get("Profile", "Admin");
        var change = Assert.Single(admin.Changes);
        Assert.Equal(("fieldPermissions[Account.Credit_Limit__c]", ChangeKind.Added), (change.Path, change.Kind));

        var permissionSet = differences.Get("PermissionSet", "Invoice_Manager");
        Assert.Equal(("fieldPermissions[Invoice__c.Discount__c]", ChangeKind.Removed), (permissionSet.Changes.Single().Path, permissionSet.Changes.Single().Kind));

        var code = differences.Get("ApexClass", "InvoiceService");
        Assert.Equal((5, 0), (code.LinesAdded, code.LinesRemoved));
        Assert.Equal("content", code.Changes.Single().Path);
        Assert.Contains("+5 -0 lines", code.Summary);
    }

    [Fact]
    public void The_same_org_in_both_formats_has_no_differences_and_says_why_the_files_differ()
    {
        Assert.Empty(Compare.Run(Production, ProductionAsSource).Differences);

        var (all, _) = Compare.Run(Production, ProductionAsSource, includeIdentical: true);
        Assert.Equal(33, all.Count);
        Assert.All(all, d => Assert.Equal(DifferenceStatus.Identical, d.Status));
        Assert.All(all, d => Assert.True(d.Noise.HasFlag(NoiseKinds.Format), d.ToString()));
    }

    [Fact]
    public void A_folder_compared_with_itself_has_no_differences()
    {
        var (differences, _) = Compare.Run(Production, Production, includeIdentical: true);
        Assert.Equal(33, differences.Count);
        Assert.All(differences, d => Assert.Equal((DifferenceStatus.Identical, NoiseKinds.None), (d.Status, d.Noise)));
        Assert.Empty(Compare.Run(Uat, Uat).Differences);
    }

    [Fact]
    public void Uat_against_production_reverses_the_direction()
    {
        var (differences, _) = Compare.Run(Uat, Production);
        Assert.Equal(new[] { "CustomField Account.Credit_Limit__c" }, differences.Keys(DifferenceStatus.TargetOnly));
        var admin = differences.Get("Profile", "Admin").Changes.Single();
        Assert.Equal(ChangeKind.Removed, admin.Kind);
    }

    [Fact]
    public void Filters_apply_to_both_sides()
    {
        var (fields, _) = Compare.Run(Production, Uat, read: new ReadOptions(new[] { "CustomField" }));
        Assert.Equal(new[] { "CustomField Account.Credit_Limit__c", "CustomField Invoice__c.Discount__c" }, fields.Select(d => d.Type + " " + d.FullName).OrderBy(k => k));

        var (noFields, _) = Compare.Run(Production, Uat, read: new ReadOptions(excludedTypes: new[] { "CustomField", "ApexClass" }));
        Assert.DoesNotContain(noFields, d => d.Type is "CustomField" or "ApexClass");
        Assert.Contains(noFields, d => d.Type == "Profile");

        var (named, _) = Compare.Run(Production, Uat, read: new ReadOptions(nameFilter: n => n.StartsWith("Invoice", System.StringComparison.Ordinal)));
        Assert.All(named, d => Assert.StartsWith("Invoice", d.FullName));
    }

    [Fact]
    public void Text_diff_is_unified_on_request()
    {
        var (differences, _) = Compare.Run(Production, Uat, textDiff: true);
        var diff = differences.Get("ApexClass", "InvoiceService").TextDiff!;
        Assert.StartsWith("--- target/content\n+++ source/content\n@@ ", diff);
        Assert.Contains("+        // Hotfix PROD-4821: refuse invoices above the account's credit limit.", diff);
        Assert.Null(Compare.Run(Production, Uat).Differences.Get("ApexClass", "InvoiceService").TextDiff);
    }
}
