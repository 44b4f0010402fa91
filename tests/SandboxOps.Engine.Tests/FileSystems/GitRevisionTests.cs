using System.IO;
using System.Linq;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Snapshots;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.FileSystems;

public sealed class GitRevisionTests
{
    private static TempTree Repository()
    {
        var tree = new TempTree().CopyFrom("docs/samples/uat", "project");
        tree.Git("init", "-q", "-b", "main");
        tree.Git("add", "-A");
        tree.Git("commit", "-q", "-m", "uat as of the last refresh");
        return tree;
    }

    [Fact]
    public void A_revision_reads_what_was_committed_not_the_work_tree()
    {
        using var tree = Repository();
        var project = tree.PathOf("project");
        var committed = Read.All(project).Components.ByKey();

        tree.Write("project/force-app/main/default/classes/InvoiceService.cls", "public class InvoiceService { /* edited */ }");
        File.Delete(tree.PathOf("project/force-app/main/default/classes/InvoiceDiscountService.cls"));
        tree.Write("project/force-app/main/default/tabs/New__c.tab-meta.xml", Read.Doc("CustomTab", "<customObject>true</customObject>"));

        var (atHead, observer) = Read.All(project, "HEAD");
        Assert.Empty(observer.Problems);
        Assert.Equal(
            committed.Values.Select(c => (c.Type, c.FullName, c.ContentHash)).OrderBy(x => x.Type).ThenBy(x => x.FullName),
            atHead.Select(c => (c.Type, c.FullName, c.ContentHash)).OrderBy(x => x.Type).ThenBy(x => x.FullName));
        Assert.All(atHead, c => Assert.Null(c.LastModified));
        Assert.All(atHead, c => Assert.EndsWith("@HEAD", c.Source));
        Assert.Contains("force-app/main/default/classes/InvoiceService.cls", atHead.Single("ApexClass", "InvoiceService").Files);
    }

    [Fact]
    public void An_older_revision_shows_the_older_state()
    {
        using var tree = Repository();
        tree.Write("project/force-app/main/default/classes/Later.cls", "public class Later {}")
            .Write("project/force-app/main/default/classes/Later.cls-meta.xml", Read.Doc("ApexClass", "<apiVersion>62.0</apiVersion>"));
        tree.Git("add", "-A");
        tree.Git("commit", "-q", "-m", "add Later");

        var project = tree.PathOf("project");
        Assert.Contains(Read.All(project, "HEAD").Components, c => c.FullName == "Later");
        Assert.DoesNotContain(Read.All(project, "HEAD~1").Components, c => c.FullName == "Later");
    }

    [Fact]
    public void Blob_ids_tell_unchanged_files_between_revisions_without_reading_them()
    {
        using var tree = Repository();
        tree.Write("project/force-app/main/default/classes/InvoiceService.cls", "public class InvoiceService { /* hotfix */ }");
        tree.Git("commit", "-q", "-a", "-m", "hotfix");

        var project = tree.PathOf("project");
        using var before = new GitRevisionFileSystem(project, "HEAD~1");
        using var after = new GitRevisionFileSystem(project, "HEAD");
        const string changed = "force-app/main/default/classes/InvoiceService.cls";
        const string same = "force-app/main/default/classes/InvoiceService.cls-meta.xml";
        Assert.Equal(before.ContentId(same), after.ContentId(same));
        Assert.NotEqual(before.ContentId(changed), after.ContentId(changed));
        Assert.StartsWith("git-blob:", after.ContentId(same), System.StringComparison.Ordinal);
        Assert.Null(after.ContentId("no/such/file"));

        Assert.Equal(new[] { "ApexClass InvoiceService" }, Compare.Run(project, project, sourceRevision: "HEAD", targetRevision: "HEAD~1").Differences.Select(d => $"{d.Type} {d.FullName}"));
    }

    [Fact]
    public void A_snapshot_and_a_revision_compare_by_bytes_since_their_ids_are_of_different_kinds()
    {
        using var tree = Repository();
        var project = tree.PathOf("project");
        var store = SnapshotStore.Open(tree.PathOf("store"), create: true);
        using (var work = MetadataSource.Open(project))
        {
            new SnapshotExporter(new EngineContext(new RecordingObserver())).Export(store, work, "uat", null, "0", ReadOptions.All);
        }

        using var snapshot = store.OpenSource("uat");
        using var head = MetadataSource.Open(project, "HEAD");
        var differences = new MetadataComparer(new EngineContext(new RecordingObserver())).Compare(snapshot, head, new CompareOptions(ReadOptions.All, includeIdentical: true)).ToList();
        Assert.NotEmpty(differences);
        Assert.All(differences, d => Assert.Equal(DifferenceStatus.Identical, d.Status));
    }

    [Fact]
    public void An_unknown_revision_is_a_clear_error()
    {
        using var tree = Repository();
        var failure = Assert.Throws<MetadataSourceException>(() => Read.All(tree.PathOf("project"), "no-such-branch"));
        Assert.Equal("RevisionNotFound", failure.Reason);
        Assert.Contains("no-such-branch", failure.Message);
    }

    [Fact]
    public void A_folder_outside_any_repository_is_a_clear_error()
    {
        using var tree = new TempTree().Write("a.txt", "x");
        var failure = Assert.Throws<MetadataSourceException>(() => Read.All(tree.Root, "HEAD"));
        Assert.Equal("NotAGitRepository", failure.Reason);
    }
}
