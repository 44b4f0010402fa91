using System.IO;
using System.IO.Compression;
using System.Linq;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.FileSystems;

public sealed class ZipArchiveTests
{
    [Fact]
    public void A_retrieve_zip_reads_like_the_folder_it_came_from()
    {
        using var tree = new TempTree().CopyFrom("docs/samples/production");
        var zip = tree.Zip("retrieve.zip", entryPrefix: "unpackaged/");
        try
        {
            var fromFolder = Read.All(tree.Root).Components.Select(c => (c.Type, c.FullName, c.ContentHash)).OrderBy(x => x.Type).ThenBy(x => x.FullName);
            var (fromZip, observer) = Read.All(zip);
            Assert.Empty(observer.Problems);
            Assert.Equal(fromFolder, fromZip.Select(c => (c.Type, c.FullName, c.ContentHash)).OrderBy(x => x.Type).ThenBy(x => x.FullName));
            Assert.All(fromZip, c => Assert.Equal(Path.GetFullPath(zip), c.Source));
            Assert.Contains(fromZip, c => c.Files.Contains("objects/Account.object"));
        }
        finally
        {
            File.Delete(zip);
        }
    }

    [Theory]
    [InlineData("../../etc/evil.cls")]
    [InlineData("unpackaged/../../evil.cls")]
    [InlineData("/etc/evil.cls")]
    [InlineData("C:/Windows/evil.cls")]
    public void An_entry_that_escapes_is_refused_before_anything_is_read(string entryName)
    {
        var zip = Path.Combine(Path.GetTempPath(), Path.GetRandomFileName() + ".zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using (var writer = new StreamWriter(archive.CreateEntry("unpackaged/package.xml").Open()))
            {
                writer.Write(Read.Doc("Package", string.Empty));
            }

            using (var writer = new StreamWriter(archive.CreateEntry(entryName).Open()))
            {
                writer.Write("class Evil {}");
            }
        }

        try
        {
            var failure = Assert.Throws<MetadataSourceException>(() => Read.All(zip));
            Assert.Equal("UnsafeArchiveEntry", failure.Reason);
            Assert.Contains(entryName, failure.Message);
            Assert.Contains(zip, failure.Message);
        }
        finally
        {
            File.Delete(zip);
        }
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_a_clear_error()
    {
        var notZip = Path.Combine(Path.GetTempPath(), Path.GetRandomFileName() + ".zip");
        File.WriteAllText(notZip, "this is not a zip");
        try
        {
            var failure = Assert.Throws<MetadataSourceException>(() => Read.All(notZip));
            Assert.Equal("InvalidArchive", failure.Reason);
            Assert.Contains(notZip, failure.Message);
        }
        finally
        {
            File.Delete(notZip);
        }
    }
}
