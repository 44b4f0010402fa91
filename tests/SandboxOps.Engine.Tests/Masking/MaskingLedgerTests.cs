using System.IO;
using SandboxOps.Engine.Masking;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.Masking;

/// <summary>The ledger a masking run keeps: what it replays, and what a crash can leave in it.</summary>
public sealed class MaskingLedgerTests
{
    [Fact]
    public void A_line_cut_short_by_a_crash_is_dropped_and_what_follows_starts_a_line_of_its_own()
    {
        using var tree = new TempTree();
        using (var ledger = MaskingLedger.Open(tree.Root, "00DORG", "Contact", "Email:email", "fingerprint"))
        {
            ledger.Started("750A");
            ledger.Masked(new[] { "003A", "003B" });
        }

        var path = Directory.GetFiles(Path.Combine(tree.Root, "00DORG"))[0];
        File.AppendAllText(path, "003C"); // the run died in the middle of a line

        Assert.Equal(2, MaskingLedger.CountIn(tree.Root, "00DORG", "Contact", "Email:email"));
        using (var ledger = MaskingLedger.Open(tree.Root, "00DORG", "Contact", "Email:email", "fingerprint"))
        {
            Assert.Equal(new[] { "750A" }, ledger.UnfinishedJobs);
            Assert.False(ledger.Contains("003C"));
            ledger.Finished("750A");
        }

        Assert.EndsWith("003B\ndone 750A\n", File.ReadAllText(path), System.StringComparison.Ordinal);
        Assert.Equal(0, MaskingLedger.CountIn(tree.Root, "00DORG", "Contact", "Email:email, Phone:phone")); // other rules, another ledger
    }
}
