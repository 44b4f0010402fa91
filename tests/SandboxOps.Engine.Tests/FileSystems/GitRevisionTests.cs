using System.IO;
using System.Linq;
using SandboxOps.Engine.Model;
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
