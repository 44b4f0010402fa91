using System.IO;
using System.IO.Compression;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.RealWorld;

/// <summary>An archive static resource is its entries, whether it is a zip or a folder; OS junk in it is noise.</summary>
public sealed class StaticResourceArchiveTests
{
    private const string Meta = "<cacheControl>Private</cacheControl><contentType>application/zip</contentType>";

    [Fact]
    public void A_zip_with_os_junk_equals_the_same_files_as_a_folder_and_says_why_its_bytes_differ()
    {
        using var zipped = ZippedResource(("app.js", "x()"), ("__MACOSX/._app.js", "junk"), (".DS_Store", "junk"), ("img/Thumbs.db", "junk"));
        using var expanded = ExpandedResource(("app.js", "x()"));

        var (differences, _) = Compare.Run(zipped.Root, expanded.Root, includeIdentical: true);

        var resource = differences.Get("StaticResource", "App");
        Assert.Equal(DifferenceStatus.Identical, resource.Status);
        Assert.True(resource.Noise.HasFlag(NoiseKinds.ArchiveJunk));
    }

    [Fact]
    public void Dot_files_inside_a_resource_folder_are_part_of_the_resource()
    {
        using var zipped = ZippedResource(("app.js", "x()"), (".config.json", "{}"));
        using var expanded = ExpandedResource(("app.js", "x()"), (".config.json", "{}"));
        using var withoutIt = ExpandedResource(("app.js", "x()"));

        Assert.Equal(DifferenceStatus.Identical, Compare.Run(zipped.Root, expanded.Root, includeIdentical: true).Differences.Get("StaticResource", "App").Status);
        var changed = Compare.Run(zipped.Root, withoutIt.Root).Differences.Get("StaticResource", "App");
        Assert.Equal(DifferenceStatus.Changed, changed.Status);
        Assert.Contains(changed.Changes, c => c.Path == "content/.config.json");
    }

    [Fact]
    public void Junk_changes_no_resource_but_real_content_still_does()
    {
        using var left = ExpandedResource(("app.js", "x()"), (".DS_Store", "one"));
        using var right = ExpandedResource(("app.js", "y()"), (".DS_Store", "two"));

        var changed = Compare.Run(left.Root, right.Root).Differences.Get("StaticResource", "App");
        Assert.Equal(new[] { "content/app.js" }, System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(changed.Changes, c => c.Path)));
    }

    [Fact]
    public void A_zip_bomb_is_refused_with_its_name_not_expanded()
    {
        // 64 MB of zeros zips to about 64 KB: a thousandfold, where Salesforce caps a static resource at 5 MB.
        using var tree = new TempTree()
            .Write("package.xml", Read.Doc("Package", "<version>62.0</version>"))
            .Write("staticresources/Bomb.resource-meta.xml", Read.Doc("StaticResource", Meta));
        using (var archive = ZipFile.Open(tree.PathOf("staticresources/Bomb.resource"), ZipArchiveMode.Create))
        using (var entry = archive.CreateEntry("zeros.bin", CompressionLevel.Optimal).Open())
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++)
            {
                entry.Write(zeros, 0, zeros.Length);
            }
        }

        var (components, observer) = Read.All(tree.Root);

        Assert.DoesNotContain(components, c => c.FullName == "Bomb");
        Assert.Contains(observer.Errors, p => p.Message.Contains("Bomb.resource", System.StringComparison.Ordinal) && p.Message.Contains("over the limits", System.StringComparison.Ordinal));

        // Converting to source format would expand it: refused, naming it, before the disk fills.
        using var source = SandboxOps.Engine.Reading.MetadataSource.Open(tree.Root);
        using var output = new TempTree();
        var failure = Assert.Throws<SandboxOps.Engine.Model.MetadataSourceException>(() =>
            new SandboxOps.Engine.Packaging.FormatConverter(new EngineContext(new RecordingObserver())).Convert(source, output.PathOf("converted"), SandboxOps.Engine.Model.MetadataFormat.Source, _ => true, null));
        Assert.Equal("ArchiveTooLarge", failure.Reason);
        Assert.Contains("Bomb.resource", failure.Message, System.StringComparison.Ordinal);
    }

    private static TempTree ZippedResource(params (string Name, string Text)[] entries)
    {
        var tree = new TempTree()
            .Write("package.xml", Read.Doc("Package", "<version>62.0</version>"))
            .Write("staticresources/App.resource-meta.xml", Read.Doc("StaticResource", Meta));
        using var archive = ZipFile.Open(tree.PathOf("staticresources/App.resource"), ZipArchiveMode.Create);
        foreach (var (name, text) in entries)
        {
            using var writer = new StreamWriter(archive.CreateEntry(name).Open());
            writer.Write(text);
        }

        return tree;
    }

    private static TempTree ExpandedResource(params (string Name, string Text)[] files)
    {
        var tree = new TempTree()
            .Write("package.xml", Read.Doc("Package", "<version>62.0</version>"))
            .Write("staticresources/App.resource-meta.xml", Read.Doc("StaticResource", Meta));
        foreach (var (name, text) in files)
        {
            tree.Write("staticresources/App/" + name, text);
        }

        return tree;
    }
}
