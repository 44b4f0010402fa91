using System.IO;
using System.Linq;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.FileSystems;

public sealed class OverlayFileSystemTests
{
    [Fact]
    public void Lists_both_sources_once_in_order_and_reads_each_file_from_the_upper_one_when_both_have_it()
    {
        using var tree = new TempTree()
            .Write("upper/classes/Changed.cls", "new")
            .Write("upper/package.xml", "manifest")
            .Write("lower/classes/Changed.cls", "old")
            .Write("lower/classes/Same.cls", "same")
            .Write("lower/objects/Account.object", "object");
        using var overlay = new OverlayFileSystem(new DirectoryFileSystem(tree.PathOf("upper"), "org:qa"), new DirectoryFileSystem(tree.PathOf("lower")));

        Assert.Equal(new[] { "classes/Changed.cls", "classes/Same.cls", "objects/Account.object", "package.xml" }, overlay.Files.Select(f => f.Path));
        Assert.Equal("new", Read(overlay, "classes/Changed.cls"));
        Assert.Equal("same", Read(overlay, "classes/Same.cls"));
        Assert.Equal("org:qa", overlay.Description);
        Assert.Equal(tree.PathOf("lower/classes/Same.cls"), overlay.DisplayPath("classes/Same.cls"));
        Assert.Equal(tree.PathOf("upper/classes/Changed.cls"), overlay.DisplayPath("classes/Changed.cls"));
    }

    private static string Read(OverlayFileSystem files, string path)
    {
        using var reader = new StreamReader(files.OpenRead(path));
        return reader.ReadToEnd();
    }
}
