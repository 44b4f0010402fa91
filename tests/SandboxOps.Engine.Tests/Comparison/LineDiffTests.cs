using SandboxOps.Engine.Comparison;

namespace SandboxOps.Engine.Tests.Comparison;

public sealed class LineDiffTests
{
    [Theory]
    [InlineData("a\nb\nc\n", "a\nb\nc\n", 0, 0)]
    [InlineData("a\nb\nc\n", "a\nx\nc\n", 1, 1)]
    [InlineData("a\nb\nc\n", "a\nb\nc\nd\n", 1, 0)]
    [InlineData("a\nb\nc\n", "b\nc\n", 0, 1)]
    [InlineData("", "a\nb\n", 2, 0)]
    [InlineData("a\nb\nc\nd\ne\n", "e\nd\nc\nb\na\n", 4, 4)]
    public void Counts_added_and_removed_lines(string before, string after, int added, int removed)
    {
        var result = LineDiff.Compare(before, after, "a", "b", unified: false);
        Assert.Equal((added, removed), (result.LinesAdded, result.LinesRemoved));
    }

    [Fact]
    public void Writes_a_unified_diff_with_context()
    {
        var before = string.Join("\n", System.Linq.Enumerable.Range(1, 20)) + "\n";
        var after = before.Replace("\n10\n", "\nten\n");
        var diff = LineDiff.Compare(before, after, "target/x", "source/x", unified: true).UnifiedDiff;
        Assert.Equal("--- target/x\n+++ source/x\n@@ -7,7 +7,7 @@\n 7\n 8\n 9\n-10\n+ten\n 11\n 12\n 13\n", diff);
    }
}
