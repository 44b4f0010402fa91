using System.IO;
using System.Linq;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Packaging;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.RealWorld;

/// <summary>A source is its folder: a file link is followed inside it and never out of it.</summary>
public sealed class SymbolicLinkTests
{
    private static TempTree WithLink(string linkTarget)
    {
        var tree = new TempTree()
            .CopyFrom("docs/samples/production", "org")
            .Write("outside/secret.txt", "root:x:0:0:root:/root:/bin/bash")
            .Write("org/classes/Passwd.cls-meta.xml", Read.Doc("ApexClass", "<apiVersion>62.0</apiVersion>"));
        File.CreateSymbolicLink(tree.PathOf("org/classes/Passwd.cls"), tree.PathOf(linkTarget));
        return tree;
    }

    [Fact]
    public void A_link_out_of_the_source_is_reported_and_never_read()
    {
        using var tree = WithLink("outside/secret.txt");

        var (components, observer) = Read.All(tree.PathOf("org"));

        Assert.DoesNotContain(components, c => c.FullName == "Passwd");
        var problem = Assert.Single(observer.Errors);
        Assert.Equal(ProblemCode.UnreadableFile, problem.Code);
        Assert.Contains("outside the source", problem.Message, System.StringComparison.Ordinal);

        using var source = MetadataSource.Open(tree.PathOf("org"));
        Assert.ThrowsAny<IOException>(() => new PackageBuilder(new EngineContext(new RecordingObserver())).Build(source, new[] { new ComponentKey("ApexClass", "Passwd") }, System.Array.Empty<ComponentKey>(), tree.PathOf("pkg"), new PackageOptions()));
        Assert.False(Directory.Exists(tree.PathOf("pkg")));
        Assert.DoesNotContain(Directory.EnumerateFiles(tree.Root, "*", SearchOption.AllDirectories).Where(f => !f.StartsWith(tree.PathOf("outside"), System.StringComparison.Ordinal)), f => File.ReadAllText(f).Contains("root:x:0:0", System.StringComparison.Ordinal) && !f.EndsWith("Passwd.cls", System.StringComparison.Ordinal));
    }

    [Fact]
    public void A_link_inside_the_source_is_followed()
    {
        using var tree = WithLink("org/classes/InvoiceService.cls");

        var (components, observer) = Read.All(tree.PathOf("org"));

        Assert.Empty(observer.Errors);
        var (differences, _) = Compare.Run(tree.PathOf("org"), Path.Combine(TempTree.RepositoryRoot, "docs/samples/production"));
        Assert.Equal(DifferenceStatus.SourceOnly, differences.Get("ApexClass", "Passwd").Status);
        Assert.Contains(components, c => c.FullName == "Passwd");
    }
}
