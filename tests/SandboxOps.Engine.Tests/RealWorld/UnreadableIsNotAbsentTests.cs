using System.IO;
using SandboxOps.Engine.BackPromotion;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Packaging;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Snapshots;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.RealWorld;

/// <summary>A component that could not be read is unknown, never absent: nothing creates, overwrites or deletes it.</summary>
public sealed class UnreadableIsNotAbsentTests
{
    private const string Conflicted = "<<<<<<< HEAD\n<CustomField/>\n=======\n>>>>>>> hotfix\n";
    private static readonly string Uat = Path.Combine(TempTree.RepositoryRoot, "docs/samples/uat");
    private static readonly string Production = Path.Combine(TempTree.RepositoryRoot, "docs/samples/production");

    [Fact]
    public void A_file_with_a_merge_conflict_is_Unreadable_not_TargetOnly()
    {
        using var copy = new TempTree().CopyFrom("docs/samples/uat").Write("force-app/main/default/objects/Account/fields/Region__c.field-meta.xml", Conflicted);

        var (differences, observer) = Compare.Run(copy.Root, Uat);

        var region = differences.Get("CustomField", "Account.Region__c");
        Assert.Equal(DifferenceStatus.Unreadable, region.Status);
        Assert.Contains("Region__c.field-meta.xml", region.Reason!, System.StringComparison.Ordinal);
        Assert.Contains("source", region.Summary, System.StringComparison.Ordinal);
        Assert.DoesNotContain(differences, d => d.Status is DifferenceStatus.TargetOnly or DifferenceStatus.SourceOnly);
        Assert.Contains(observer.Problems, p => p.Code == ProblemCode.MalformedXml);
    }

    [Fact]
    public void An_unreadable_parent_file_covers_every_child_it_holds()
    {
        using var copy = new TempTree().CopyFrom("docs/samples/production").Write("objects/Account.object", "<CustomObject><fields>");

        var (differences, _) = Compare.Run(Production, copy.Root);

        Assert.DoesNotContain(differences, d => d.Status == DifferenceStatus.SourceOnly);
        var account = Assert.Single(differences);
        Assert.Equal((DifferenceStatus.Unreadable, "CustomObject", "Account"), (account.Status, account.Type, account.FullName));
        Assert.Contains("were not compared", account.Reason!, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_component_defined_twice_is_Unreadable()
    {
        using var copy = new TempTree().CopyFrom("docs/samples/uat")
            .Write("sfdx-project.json", "{\"packageDirectories\":[{\"path\":\"force-app\",\"default\":true},{\"path\":\"extra\"}]}")
            .Write("extra/main/default/classes/InvoiceService.cls", "public class InvoiceService { /* the other copy */ }")
            .Write("extra/main/default/classes/InvoiceService.cls-meta.xml", Read.Doc("ApexClass", "<apiVersion>62.0</apiVersion>"));

        var (differences, _) = Compare.Run(copy.Root, Uat);

        Assert.Equal(DifferenceStatus.Unreadable, differences.Get("ApexClass", "InvoiceService").Status);
    }

    [Fact]
    public void Back_promotion_neither_overwrites_nor_deletes_what_the_target_could_not_read()
    {
        using var target = new TempTree().CopyFrom("docs/samples/uat").Write("force-app/main/default/objects/Account/fields/Region__c.field-meta.xml", Conflicted);
        using var scratch = new TempTree();
        var store = SnapshotStore.Open(scratch.PathOf("store"), create: true);
        using var source = MetadataSource.Open(Uat);

        var results = new BackPromoter(new EngineContext(new RecordingObserver())).Promote(source, target.Root, store, null, new BackPromotionOptions(ReadOptions.All, ConflictAction.Overwrite, true, false));

        var region = Assert.Single(results, r => r.FullName == "Account.Region__c");
        Assert.Equal(PromotionStatus.Skipped, region.Status);
        Assert.Contains("could not be read in the target", region.Reason, System.StringComparison.Ordinal);
        Assert.Equal(Conflicted, File.ReadAllText(target.PathOf("force-app/main/default/objects/Account/fields/Region__c.field-meta.xml")));
    }

    [Fact]
    public void Outputs_inside_their_input_are_refused()
    {
        using var project = new TempTree().CopyFrom("docs/samples/uat");
        using var source = MetadataSource.Open(project.Root);
        var package = Assert.Throws<PackageException>(() => new PackageBuilder(new EngineContext(new RecordingObserver())).Build(source, new[] { new ComponentKey("ApexClass", "InvoiceService") }, System.Array.Empty<ComponentKey>(), project.PathOf("out/pkg"), new PackageOptions()));
        Assert.Equal("OutputInsideSource", package.Reason);

        var store = SnapshotStore.Open(project.PathOf("snapshots"), create: true);
        var export = Assert.Throws<SnapshotStoreException>(() => new SnapshotExporter(new EngineContext(new RecordingObserver())).Export(store, source, "inside", "test", "0.1.0", ReadOptions.All));
        Assert.Equal("StoreInsideSource", export.Reason);

        using var scratch = new TempTree();
        var outside = SnapshotStore.Open(scratch.PathOf("store"), create: true);
        new SnapshotExporter(new EngineContext(new RecordingObserver())).Export(outside, source, "snap", "test", "0.1.0", ReadOptions.All);
        var restore = Assert.Throws<SnapshotStoreException>(() => SnapshotRestorer.Restore(outside, "snap", scratch.PathOf("store/restored"), null, ReadOptions.All, filtered: false, new EngineContext(new RecordingObserver())));
        Assert.Equal("DestinationInsideStore", restore.Reason);
        Assert.False(Directory.Exists(project.PathOf("out")));
    }
}
