using System;
using System.IO;
using System.Linq;
using SandboxOps.Engine.Gates;
using SandboxOps.Engine.Pipelines;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.Gates;

/// <summary>The gates' judgement and their records in a store: what passes, what is kept, what a package's hash is.</summary>
public sealed class GateLedgerTests
{
    private const string Hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public void Each_gate_is_judged_from_what_was_found_and_one_that_could_not_run_fails()
    {
        var judge = new LinkGateJudge("uat", "prod", Hash);
        var warning = new PackageFinding("PKG007", FindingSeverity.Warning, "ApexClass A", "an id", "look it up");

        Assert.True(judge.StaticChecks(new[] { warning }, FindingSeverity.Error).Passed);
        Assert.False(judge.StaticChecks(new[] { warning }, FindingSeverity.Warning).Passed);
        Assert.False(judge.Validation(null, "RunLocalTests", "'./uat' is not an org").Passed);
        Assert.Contains("no validation deploy ran", judge.Coverage(null, 75).Detail, StringComparison.Ordinal);
        var approvals = new[] { new PackageApproval(Hash, "Release-Manager", "dana", DateTimeOffset.UtcNow, "CHG-42") };
        var judged = judge.Approvals(approvals, new[] { "release-manager", "qa-lead" }).ToList();
        Assert.Equal(new[] { true, false }, judged.Select(g => g.Passed));
        Assert.Contains("CHG-42", judged[0].Detail, StringComparison.Ordinal);
        var overall = judge.Overall(judged);
        Assert.Equal((GateResult.Overall, false), (overall.Gate, overall.Passed));
        Assert.Contains("Approval:qa-lead", overall.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_approvals_and_overrides_are_kept_under_the_package_hash_newest_run_first()
    {
        using var store = new TempTree();
        var ledger = GateLedger.Open(store.PathOf("store"));
        var judge = new LinkGateJudge("uat", "prod", Hash);
        var failed = new[] { judge.Validation(null, "RunLocalTests", "no org"), judge.Overall(new[] { judge.Validation(null, "RunLocalTests", "no org") }) };
        ledger.RecordRun(Hash, failed, null, DateTimeOffset.UtcNow.AddMinutes(-5), "ci");
        var passing = new[] { judge.StaticChecks(Array.Empty<PackageFinding>(), FindingSeverity.Error) };
        ledger.RecordRun(Hash, passing.Append(judge.Overall(passing)).ToList(), "0Af000000000001AAA", DateTimeOffset.UtcNow, "ci");
        ledger.Approve(Hash, "qa lead", "dana", null, DateTimeOffset.UtcNow);
        var record = ledger.RecordOverride(Hash, "prod", "incident INC-7", "sam", DateTimeOffset.UtcNow);

        var runs = GateLedger.Open(store.PathOf("store")).Runs(Hash);

        Assert.Equal(new[] { true, false }, runs.Select(r => r.Passed));
        Assert.Equal("0Af000000000001AAA", runs[0].ValidationId);
        Assert.Equal(new[] { "Validation" }, runs[1].FailedGates);
        Assert.Equal("qa lead", ledger.Approvals(Hash).Single().Name);
        Assert.Contains("incident INC-7", File.ReadAllText(record), StringComparison.Ordinal);
        Assert.Empty(GateLedger.Open(store.PathOf("store")).Runs(string.Concat("f", Hash.AsSpan(1))));
    }

    [Fact]
    public void A_package_hashes_alike_as_a_folder_and_as_its_zip_and_differently_once_a_byte_changes()
    {
        using var tree = new TempTree().Write("package.xml", "<Package/>").Write("classes/A.cls", "public class A {}");
        var zip = tree.Zip("pkg.zip");

        string Of(string path)
        {
            using var source = MetadataSource.Open(path);
            return PackageHash.Of(source);
        }

        var folder = Of(tree.Root);
        Assert.Equal(folder, Of(zip));
        tree.Write("classes/A.cls", "public class A { }");
        Assert.NotEqual(folder, Of(tree.Root));
        File.Delete(zip);
    }
}
