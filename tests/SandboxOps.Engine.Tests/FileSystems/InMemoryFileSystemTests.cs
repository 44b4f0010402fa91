using System.IO;
using System.Linq;
using System.Text;
using SandboxOps.Engine.FileSystems;

namespace SandboxOps.Engine.Tests.FileSystems;

public sealed class InMemoryFileSystemTests
{
    [Fact]
    public void Keeps_files_while_the_budget_lasts_and_refuses_the_rest_without_reading_them()
    {
        using var memory = new InMemoryFileSystem("org:qa", budgetBytes: 10);
        using var refused = new MemoryStream(Encoding.UTF8.GetBytes("12345"));

        Assert.True(memory.TryAdd("classes/B.cls", new MemoryStream(Encoding.UTF8.GetBytes("1234567")), 7));
        Assert.False(memory.TryAdd("classes/C.cls", refused, 5));
        Assert.True(memory.TryAdd("classes/A.cls", new MemoryStream(Encoding.UTF8.GetBytes("123")), 3));

        Assert.Equal(0, refused.Position);
        Assert.Equal(new[] { "classes/A.cls", "classes/B.cls" }, memory.Files.Select(f => f.Path));
        Assert.Equal(7, memory.Files[1].Size);
        using var reader = new StreamReader(memory.OpenRead("classes/B.cls"));
        Assert.Equal("1234567", reader.ReadToEnd());
        Assert.Equal("org:qa:classes/A.cls", memory.DisplayPath("classes/A.cls"));
    }
}
