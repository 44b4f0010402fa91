using System.IO;
using System.Linq;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Packaging;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.Packaging;

public sealed class PackageBuilderTests
{
    private static readonly string Production = Path.Combine(TempTree.RepositoryRoot, "docs/samples/production");
    private static readonly string Uat = Path.Combine(TempTree.RepositoryRoot, "docs/samples/uat");

    private static ComponentKey Key(string type, string name) => new(type, name);

    private static System.Collections.Generic.IReadOnlyList<DeploymentPackage> Build(string source, ComponentKey[] deploy, ComponentKey[] delete, string path, PackageOptions? options = null)
    {
        using var opened = MetadataSource.Open(source);
        return new PackageBuilder(new EngineContext(new RecordingObserver())).Build(opened, deploy, delete, path, options ?? new PackageOptions());
    }

    [Fact]
    public void Differences_become_a_package_that_reads_back_as_exactly_the_intended_components()
    {
        var (differences, _) = Compare.Run(Production, Uat);
        var deploy = differences.Where(d => d.Status is DifferenceStatus.SourceOnly or DifferenceStatus.Changed).Select(d => Key(d.Type, d.FullName)).ToArray();
        var delete = differences.Where(d => d.Status == DifferenceStatus.TargetOnly).Select(d => Key(d.Type, d.FullName)).ToArray();
        using var tree = new TempTree();

        var package = Assert.Single(Build(Production, deploy, delete, tree.PathOf("pkg")));
        Assert.Equal((4, 3), (package.ComponentCount, package.DeletionCount));
        var (components, observer) = Read.All(package.Path);
        Assert.Empty(observer.Problems);
        Assert.Equal(deploy.Select(k => k.ToString()).OrderBy(k => k), components.Select(c => c.Key.ToString()).OrderBy(k => k));

        var objectFile = File.ReadAllText(Path.Combine(package.Path, "objects/Account.object"));
        Assert.Contains("<fullName>Credit_Limit__c</fullName>", objectFile);
        Assert.DoesNotContain("Region__c", objectFile);
        Assert.DoesNotContain("<enableHistory>", objectFile);
        var destructive = File.ReadAllText(Path.Combine(package.Path, "destructiveChangesPost.xml"));
        Assert.Contains("<members>InvoiceDiscountService</members>", destructive);
        Assert.Contains("<members>Invoice__c.Discount__c</members>", destructive);
        Assert.DoesNotContain("<version>", destructive);
        Assert.Contains("<version>62.0</version>", File.ReadAllText(Path.Combine(package.Path, "package.xml")));
    }

    [Fact]
    public void A_source_project_is_packaged_in_metadata_api_format_with_folders_bundles_and_zipped_resources()
    {
        using var tree = new TempTree();
        var deploy = new[]
        {
            Key("CustomField", "Invoice__c.Discount__c"), Key("CustomLabel", "Discount_Applied"), Key("StaticResource", "BrandAssets"),
            Key("Report", "SalesReports/Open_Invoices"), Key("LightningComponentBundle", "invoiceSummary"), Key("ApexClass", "InvoiceDiscountService"),
        };
        var package = Assert.Single(Build(Uat, deploy, System.Array.Empty<ComponentKey>(), tree.PathOf("pkg")));

        var keys = Read.All(package.Path).Components.Select(c => c.Key.ToString()).OrderBy(k => k).ToList();
        Assert.Equal(deploy.Select(k => k.ToString()).Append("ReportFolder SalesReports").OrderBy(k => k), keys);
        Assert.True(File.Exists(Path.Combine(package.Path, "reports/SalesReports-meta.xml")));
        Assert.True(File.Exists(Path.Combine(package.Path, "staticresources/BrandAssets.resource")));
        Assert.True(File.Exists(Path.Combine(package.Path, "lwc/invoiceSummary/invoiceSummary.js-meta.xml")));
        var labels = File.ReadAllText(Path.Combine(package.Path, "labels/CustomLabels.labels"));
        Assert.Contains("Discount_Applied", labels);
        Assert.DoesNotContain("Invoice_Overdue", labels);
        Assert.DoesNotContain(Compare.Run(Uat, package.Path, read: new ReadOptions(nameFilter: n => deploy.Any(k => k.FullName == n))).Differences, d => d.Status != DifferenceStatus.TargetOnly);
    }

    [Fact]
    public void Undeletable_types_are_left_out_with_a_warning_that_says_what_to_do()
    {
        using var tree = new TempTree();
        var delete = new[] { Key("RecordType", "Account.Enterprise"), Key("CustomField", "Account.Name"), Key("Flow", "Invoice_Reminder"), Key("CustomObject", "Account"), Key("ApexClass", "Old") };
        var package = Assert.Single(Build(Production, new[] { Key("ApexTrigger", "AccountTrigger") }, delete, tree.PathOf("pkg"), new PackageOptions(deletionTiming: DeletionTiming.Pre)));

        Assert.Equal(1, package.DeletionCount);
        Assert.Contains(package.Warnings, w => w.Contains("deactivate it instead"));
        Assert.Contains(package.Warnings, w => w.Contains("standard fields"));
        Assert.Contains(package.Warnings, w => w.Contains("deactivate the flow"));
        Assert.Contains(package.Warnings, w => w.Contains("standard objects"));
        Assert.Contains("<members>Old</members>", File.ReadAllText(Path.Combine(package.Path, "destructiveChangesPre.xml")));
    }

    [Fact]
    public void A_package_over_the_limits_is_split_into_numbered_parts_or_refused()
    {
        using var tree = new TempTree();
        var deploy = Read.All(Production).Components.Select(c => c.Key).ToArray();
        var parts = Build(Production, deploy, new[] { Key("ApexClass", "Gone") }, tree.PathOf("big.zip"), new PackageOptions(maxFiles: 6));

        Assert.True(parts.Count > 1);
        Assert.Equal(Enumerable.Range(1, parts.Count), parts.Select(p => p.Part));
        Assert.All(parts, p => Assert.Matches(@"big-\d+\.zip$", p.Path));
        Assert.Equal(1, parts[^1].DeletionCount);
        var union = parts.SelectMany(p => Read.All(p.Path).Components).Select(c => c.Key.ToString()).OrderBy(k => k);
        Assert.Equal(deploy.Select(k => k.ToString()).OrderBy(k => k), union);
        Assert.All(parts, p => Assert.True(Read.All(p.Path).Components.SelectMany(c => c.Files).Distinct().Count() <= 6));

        var refused = Assert.Throws<PackageException>(() => Build(Production, deploy, System.Array.Empty<ComponentKey>(), tree.PathOf("refused"), new PackageOptions(noSplit: true, maxFiles: 6)));
        Assert.Equal("TooLarge", refused.Reason);
        Assert.False(Directory.Exists(tree.PathOf("refused")));
    }

    [Fact]
    public void An_existing_destination_is_refused_and_left_alone()
    {
        using var tree = new TempTree().Write("pkg/keep.txt", "mine");
        var failure = Assert.Throws<PackageException>(() => Build(Production, new[] { Key("ApexTrigger", "AccountTrigger") }, System.Array.Empty<ComponentKey>(), tree.PathOf("pkg")));
        Assert.Equal("DestinationExists", failure.Reason);
        Assert.Equal("mine", File.ReadAllText(tree.PathOf("pkg/keep.txt")));
        Assert.Single(Directory.EnumerateFileSystemEntries(tree.Root));
    }

    [Fact]
    public void A_component_not_in_the_source_is_a_warning()
    {
        using var tree = new TempTree();
        var package = Assert.Single(Build(Production, new[] { Key("ApexTrigger", "AccountTrigger"), Key("ApexClass", "Nowhere") }, System.Array.Empty<ComponentKey>(), tree.PathOf("pkg")));
        Assert.Contains(package.Warnings, w => w.Contains("ApexClass Nowhere is not in"));
        Assert.Equal(1, package.ComponentCount);
    }

    [Fact]
    public void A_package_is_split_by_its_zipped_size_not_by_its_raw_bytes()
    {
        // Profiles compress tenfold: 3 x 200 KB of XML is far over a 100 KB limit raw and far under it zipped.
        using var compressible = ProfileOrg(3, 200_000, random: false);
        using var tree = new TempTree();
        var profiles = Enumerable.Range(1, 3).Select(i => Key("Profile", "P" + i)).ToArray();

        var one = Build(compressible.Root, profiles, System.Array.Empty<ComponentKey>(), tree.PathOf("one.zip"), new PackageOptions(maxZippedBytes: 100_000));
        Assert.Single(one);
        Assert.True(new FileInfo(one[0].Path).Length < 100_000);
        Assert.DoesNotContain(one[0].Warnings, w => w.Contains("limits", System.StringComparison.Ordinal));

        // The same raw size that does not compress: one profile a part, and a warning naming each part.
        using var incompressible = ProfileOrg(3, 80_000, random: true);
        var split = Build(incompressible.Root, profiles, System.Array.Empty<ComponentKey>(), tree.PathOf("split.zip"), new PackageOptions(maxZippedBytes: 100_000));
        Assert.Equal(3, split.Count);
        Assert.All(split, p => Assert.True(new FileInfo(p.Path).Length <= 100_000, $"{p.Path} is {new FileInfo(p.Path).Length} bytes"));
        var warning = Assert.Single(split[0].Warnings, w => w.Contains("limits", System.StringComparison.Ordinal));
        Assert.Contains("part 3: 1 components (1 Profile)", warning, System.StringComparison.Ordinal);
    }

    private static TempTree ProfileOrg(int count, int bytes, bool random)
    {
        var tree = new TempTree().Write("package.xml", Read.Doc("Package", "<version>62.0</version>"));
        var noise = new System.Random(7);
        for (var i = 1; i <= count; i++)
        {
            var body = new System.Text.StringBuilder();
            while (body.Length < bytes)
            {
                var text = random ? System.Convert.ToBase64String(Enumerable.Range(0, 3000).Select(_ => (byte)noise.Next(256)).ToArray()) : "Account.Field";
                body.Append("<fieldPermissions><editable>true</editable><field>").Append(text).Append(body.Length).Append("</field><readable>true</readable></fieldPermissions>");
            }

            tree.Write($"profiles/P{i}.profile", Read.Doc("Profile", body.ToString()));
        }

        return tree;
    }
}
