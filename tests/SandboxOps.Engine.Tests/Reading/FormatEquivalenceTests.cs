using System.Linq;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.Reading;

/// <summary>A source project and its Metadata API conversion are the same metadata, component for component.</summary>
public sealed class FormatEquivalenceTests
{
    private static readonly string Production = System.IO.Path.Combine(TempTree.RepositoryRoot, "docs/samples/production");
    private static readonly string ProductionAsSource = System.IO.Path.Combine(TempTree.RepositoryRoot, "tests/fixtures/production-as-source");

    [Fact]
    public void Source_and_metadata_api_formats_of_one_org_give_the_same_components_and_hashes()
    {
        var (mdapi, mdapiObserver) = Read.All(Production);
        var (source, sourceObserver) = Read.All(ProductionAsSource);

        Assert.Empty(mdapiObserver.Problems);
        Assert.Empty(sourceObserver.Problems);
        Assert.All(mdapi, c => Assert.Equal(MetadataFormat.MetadataApi, c.Format));
        Assert.All(source, c => Assert.Equal(MetadataFormat.Source, c.Format));
        var expected = mdapi.Select(c => (c.Type, c.FullName, c.ContentHash)).OrderBy(x => x.Type).ThenBy(x => x.FullName).ToList();
        var actual = source.Select(c => (c.Type, c.FullName, c.ContentHash)).OrderBy(x => x.Type).ThenBy(x => x.FullName).ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Production_sample_holds_every_kind_of_component_the_samples_promise()
    {
        var (components, _) = Read.All(Production);
        var types = components.Select(c => c.Type).ToHashSet();
        foreach (var type in new[] { "CustomObject", "CustomField", "RecordType", "ListView", "ValidationRule", "Profile", "PermissionSet", "ApexClass", "ApexTrigger", "LightningComponentBundle", "StaticResource", "CustomLabel", "Report", "ReportFolder", "Flow", "NamedCredential", "RemoteSiteSetting" })
        {
            Assert.Contains(type, types);
        }

        var field = components.Single("CustomField", "Account.Region__c");
        Assert.Equal("Account", field.Parent);
        Assert.Equal(new[] { "objects/Account.object" }, field.Files);
        Assert.Equal(new[] { "classes/InvoiceService.cls", "classes/InvoiceService.cls-meta.xml" }, components.Single("ApexClass", "InvoiceService").Files.OrderBy(f => f));
        Assert.Equal("SalesReports/Open_Invoices", components.Single(c => c.Type == "Report").FullName);
        Assert.Matches("^[0-9a-f]{64}$", field.ContentHash);
    }

    [Fact]
    public void Uat_sample_drifts_from_production_as_written()
    {
        var production = Read.All(Production).Components.ByKey();
        var uat = Read.All(System.IO.Path.Combine(TempTree.RepositoryRoot, "docs/samples/uat")).Components.ByKey();

        var onlyProduction = production.Keys.Except(uat.Keys).OrderBy(k => k).ToList();
        var onlyUat = uat.Keys.Except(production.Keys).OrderBy(k => k).ToList();
        var changed = production.Keys.Intersect(uat.Keys).Where(k => production[k].ContentHash != uat[k].ContentHash).OrderBy(k => k).ToList();

        Assert.Equal(new[] { "CustomField Account.Credit_Limit__c" }, onlyProduction);
        Assert.Equal(new[] { "ApexClass InvoiceDiscountService", "CustomField Invoice__c.Discount__c", "CustomLabel Discount_Applied" }, onlyUat);
        Assert.Equal(new[] { "ApexClass InvoiceService", "PermissionSet Invoice_Manager", "Profile Admin" }, changed);
        Assert.Equal(production["Profile Sales User"].ContentHash, uat["Profile Sales User"].ContentHash);
    }

    [Theory]
    [InlineData("docs/samples/production")]
    [InlineData("docs/samples/uat")]
    [InlineData("tests/fixtures/production-as-source")]
    public void A_read_for_hashes_only_gives_the_hashes_and_sizes_of_a_read_that_keeps_the_trees(string sample)
    {
        using var source = MetadataSource.Open(System.IO.Path.Combine(TempTree.RepositoryRoot, sample));
        var reader = new MetadataReader(new EngineContext(new RecordingObserver()));
        var index = reader.Index(source);
        string[] Hashes(bool hashesOnly) => reader.ReaderFor(index, hashesOnly)
            .ReadAll(ReadOptions.All, "test", default)
            .Select(c => $"{c.Component.Key} {c.Component.ContentHash} {c.Component.Size}")
            .ToArray();

        var full = Hashes(hashesOnly: false);
        Assert.NotEmpty(full);
        Assert.Equal(full, Hashes(hashesOnly: true));
    }
}
