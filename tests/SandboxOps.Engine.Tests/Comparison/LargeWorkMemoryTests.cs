using System;
using System.IO;
using System.Linq;
using System.Runtime;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.FileSystems;

namespace SandboxOps.Engine.Tests.Comparison;

/// <summary>The latency mode and the shared whole-file buffers are the process's: these tests run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMemorySettings
{
    public const string Name = "Process-wide memory settings";
}

[Collection(ProcessWideMemorySettings.Name)]
public sealed class LargeWorkMemoryTests
{
    [Fact]
    public void Full_collections_block_while_any_large_work_runs_and_the_setting_comes_back_after_the_last()
    {
        var before = GCSettings.LatencyMode;
        var outer = LargeWorkMemory.Begin();
        var inner = LargeWorkMemory.Begin();
        Assert.Equal(GCLatencyMode.Batch, GCSettings.LatencyMode);

        inner.Dispose();
        inner.Dispose(); // twice is once
        Assert.Equal(GCLatencyMode.Batch, GCSettings.LatencyMode);

        outer.Dispose();
        Assert.Equal(before, GCSettings.LatencyMode);
    }

    [Fact]
    public void The_buffers_a_large_file_grew_are_let_go_when_the_work_ends_and_the_small_ones_kept()
    {
        const int profileLength = 3 << 20;
        using var files = new InMemoryFileSystem("org:uat", budgetBytes: 1 << 24);
        files.TryAdd("profiles/Admin.profile", new MemoryStream(new byte[profileLength]), profileLength);

        using (LargeWorkMemory.Begin())
        {
            var buffer = WholeFile.RentBuffer();
            Assert.Equal(profileLength, WholeFile.Read(files, files.Files.Single(), ref buffer));
            WholeFile.ReturnBuffer(buffer);
            Assert.Contains(Rented(), b => b.Length > profileLength); // kept for the next file while the work runs
        }

        var afterwards = Rented();
        Assert.All(afterwards, b => Assert.True(b.Length < profileLength, $"a buffer of {b.Length} bytes was kept"));
    }

    // Every buffer the pool holds, given back at once.
    private static byte[][] Rented()
    {
        var buffers = Enumerable.Range(0, 2 * Environment.ProcessorCount).Select(_ => WholeFile.RentBuffer()).ToArray();
        Array.ForEach(buffers, WholeFile.ReturnBuffer);
        return buffers;
    }
}
