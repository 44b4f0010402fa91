using System.IO;
using System.Linq;
using SandboxOps.Engine.BackPromotion;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Snapshots;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.BackPromotion;

/// <summary>
/// The samples as a back-promotion: production got a hotfix (a field, a class change, a permission) since
/// the last refresh; UAT has work in progress (a class, a field, a label, a permission set change).
/// </summary>
public sealed class BackPromoterTests
{
    private static readonly string Production = Path.Combine(TempTree.RepositoryRoot, "docs/samples/production");

    /// <summary>UAT as it was at the last refresh: UAT without its work in progress.</summary>
    private static TempTree LastRefresh()
    {
        var tree = new TempTree().CopyFrom("docs/samples/uat");
        const string root = "force-app/main/default/";
        File.Delete(tree.PathOf(root + "classes/InvoiceDiscountService.cls"));
        File.Delete(tree.PathOf(root + "classes/InvoiceDiscountService.cls-meta.xml"));
        File.Delete(tree.PathOf(root + "objects/Invoice__c/fields/Discount__c.field-meta.xml"));
        var labels = tree.PathOf(root + "labels/CustomLabels.labels-meta.xml");
        var text = File.ReadAllText(labels);
        var start = text.IndexOf("    <labels>\n        <fullName>Discount_Applied", System.StringComparison.Ordinal);
        File.WriteAllText(labels, text.Remove(start, text.IndexOf("</labels>\n", start, System.StringComparison.Ordinal) + 10 - start));
        File.Copy(Path.Combine(Production, "permissionsets/Invoice_Manager.permissionset"), tree.PathOf(root + "permissionsets/Invoice_Manager.permissionset-meta.xml"), overwrite: true);
        return tree;
    }

    private sealed class Scenario : System.IDisposable
    {
        public Scenario()
        {
            Store = SnapshotStore.Open(Scratch.PathOf("store"), create: true);
            using (var refresh = LastRefresh())
            using (var source = MetadataSource.Open(refresh.Root))
            {
                Baseline = new SnapshotExporter(new EngineContext(new RecordingObserver())).Export(Store, source, "refresh", null, "0", ReadOptions.All);
            }

            Target.CopyFrom("docs/samples/uat");
        }

        public TempTree Scratch { get; } = new();

        public TempTree Target { get; } = new();

        public SnapshotStore Store { get; }

        public OrgSnapshot Baseline { get; }

        public System.Collections.Generic.IReadOnlyList<BackPromotionResult> Run(ConflictAction conflicts = ConflictAction.Skip, bool deletion = false, bool whatIf = false, bool withBaseline = true, string? from = null)
        {
            using var source = MetadataSource.Open(from ?? Production);
            var options = new BackPromotionOptions(ReadOptions.All, conflicts, deletion, whatIf);
            return new BackPromoter(new EngineContext(new RecordingObserver())).Promote(source, Target.Root, Store, withBaseline ? new PromotionBaseline(Store, Store.Load("refresh")) : null, options);
        }

        public void Dispose()
        {
            Scratch.Dispose();
            Target.Dispose();
        }
    }

    private static string Of(BackPromotionResult r) => $"{r.Status} {r.Action} {r.Type} {r.FullName}";

    [Fact]
    public void Production_changes_are_promoted_and_work_in_progress_is_kept()
    {
        using var scenario = new Scenario();
        var results = scenario.Run(deletion: true);

        Assert.Equal(
            new[] { "Promoted Create CustomField Account.Credit_Limit__c", "Promoted Update ApexClass InvoiceService", "Promoted Update Profile Admin" },
            results.Where(r => r.Status == PromotionStatus.Promoted).Select(Of).OrderBy(x => x));
        Assert.Equal(
            new[] { "ApexClass InvoiceDiscountService", "CustomField Invoice__c.Discount__c", "CustomLabel Discount_Applied", "PermissionSet Invoice_Manager" },
            results.Where(r => r.Status == PromotionStatus.Skipped).Select(r => r.Type + " " + r.FullName).OrderBy(x => x));
        Assert.All(results.Where(r => r.Status == PromotionStatus.Promoted), r => Assert.NotNull(r.RollbackSnapshot));

        // The target now differs from production only by its work in progress, and stayed a DX project.
        var (differences, _) = Compare.Run(Production, scenario.Target.Root);
        Assert.Equal(new[] { "ApexClass InvoiceDiscountService", "CustomField Invoice__c.Discount__c", "CustomLabel Discount_Applied" }, differences.Keys(DifferenceStatus.TargetOnly));
        Assert.Equal(new[] { "PermissionSet Invoice_Manager" }, differences.Keys(DifferenceStatus.Changed));
        Assert.True(File.Exists(scenario.Target.PathOf("force-app/main/default/objects/Account/fields/Credit_Limit__c.field-meta.xml")));

        // A baseline was recorded: the next run has nothing to promote.
        Assert.NotNull(BackPromoter.FindBaseline(scenario.Store, Production, scenario.Target.Root));
        using var source = MetadataSource.Open(Production);
        var again = new BackPromoter(new EngineContext(new RecordingObserver())).Promote(source, scenario.Target.Root, scenario.Store, BackPromoter.FindBaseline(scenario.Store, Production, scenario.Target.Root), new BackPromotionOptions(ReadOptions.All, ConflictAction.Skip, false, false));
        Assert.DoesNotContain(again, r => r.Status == PromotionStatus.Promoted);
    }

    [Fact]
    public void The_rollback_snapshot_restores_the_target_exactly()
    {
        using var scenario = new Scenario();
        using var before = new TempTree().CopyFrom("docs/samples/uat");
        var results = scenario.Run();
        var rollback = results.First(r => r.RollbackSnapshot is not null).RollbackSnapshot!;

        var restored = SnapshotRestorer.Restore(scenario.Store, rollback, scenario.Scratch.PathOf("restored"), null, ReadOptions.All, false, new EngineContext(new RecordingObserver()));
        Assert.Empty(Compare.Run(before.Root, restored.Destination).Differences);
    }

    [Fact]
    public void A_component_removed_from_the_source_is_deleted_only_with_IncludeDeletion()
    {
        using var scenario = new Scenario();
        using var production = new TempTree().CopyFrom("docs/samples/production");
        File.Delete(production.PathOf("triggers/AccountTrigger.trigger"));
        File.Delete(production.PathOf("triggers/AccountTrigger.trigger-meta.xml"));
        var trigger = scenario.Target.PathOf("force-app/main/default/triggers/AccountTrigger.trigger");

        var kept = scenario.Run(from: production.Root).Single(r => r.FullName == "AccountTrigger");
        Assert.Equal((PromotionAction.Delete, PromotionStatus.Skipped), (kept.Action, kept.Status));
        Assert.True(File.Exists(trigger));

        var deleted = scenario.Run(deletion: true, from: production.Root).Single(r => r.FullName == "AccountTrigger");
        Assert.Equal((PromotionAction.Delete, PromotionStatus.Promoted), (deleted.Action, deleted.Status));
        Assert.False(File.Exists(trigger));
        Assert.False(File.Exists(trigger + "-meta.xml"));
        Assert.Contains(scenario.Run(deletion: true, from: production.Root), r => r.FullName == "InvoiceDiscountService" && r.Status == PromotionStatus.Skipped);
    }

    [Fact]
    public void A_component_changed_on_both_sides_is_a_conflict_unless_overwriting()
    {
        using var scenario = new Scenario();
        var code = scenario.Target.PathOf("force-app/main/default/classes/InvoiceService.cls");
        File.WriteAllText(code, File.ReadAllText(code).Replace("Status__c = 'Draft'", "Status__c = 'New'"));

        Assert.Equal(PromotionStatus.Conflict, scenario.Run(whatIf: true).Single(r => r.FullName == "InvoiceService").Status);
        var kept = scenario.Run();
        Assert.Equal(PromotionStatus.Conflict, kept.Single(r => r.FullName == "InvoiceService").Status);
        Assert.Contains("'New'", File.ReadAllText(code));
    }

    [Fact]
    public void A_profile_changed_on_both_sides_is_merged_by_element_and_keeps_both_changes()
    {
        using var scenario = new Scenario();
        var profile = scenario.Target.PathOf("force-app/main/default/profiles/Admin.profile-meta.xml");
        File.WriteAllText(profile, WithUatProfileEdits(File.ReadAllText(profile)));

        var plan = scenario.Run(whatIf: true).Single(r => r.FullName == "Admin");
        Assert.Equal(PromotionStatus.WhatIf, plan.Status);
        Assert.Contains(plan.Merged, m => m.Path == "fieldPermissions[Account.Credit_Limit__c]" && m.TakenFrom == Engine.Merging.MergeSide.Source);
        Assert.Contains(plan.Merged, m => m.Path == "userPermissions[ManageSandboxes]" && m.TakenFrom == Engine.Merging.MergeSide.Target);
        Assert.Contains(plan.Merged, m => m.Path == "fieldPermissions[Account.Region__c]" && m.TakenFrom == Engine.Merging.MergeSide.Target);
        Assert.Empty(plan.Conflicts);

        var result = scenario.Run().Single(r => r.FullName == "Admin");
        Assert.Equal(PromotionStatus.Promoted, result.Status);
        Assert.Contains("merged element by element", result.Reason);

        // What a person applying both changes by hand gets: production's profile with UAT's two edits.
        using var expected = new TempTree().CopyFrom("docs/samples/production");
        var byHand = expected.PathOf("profiles/Admin.profile");
        File.WriteAllText(byHand, WithUatProfileEdits(File.ReadAllText(byHand)));
        var (differences, _) = Compare.Run(expected.Root, scenario.Target.Root, read: new ReadOptions(new[] { "Profile" }));
        Assert.DoesNotContain(differences, d => d.FullName == "Admin" && d.Status != DifferenceStatus.Identical);
    }

    /// <summary>UAT's work in progress on the Admin profile: a permission added, a field made unreadable.</summary>
    private static string WithUatProfileEdits(string profile) => profile
        .Replace("<name>ViewSetup</name>", "<name>ViewSetup</name>\n    </userPermissions>\n    <userPermissions>\n        <enabled>true</enabled>\n        <name>ManageSandboxes</name>")
        .Replace("<field>Account.Region__c</field>\n        <readable>true</readable>", "<field>Account.Region__c</field>\n        <readable>false</readable>");

    [Fact]
    public void An_element_changed_differently_on_both_sides_is_a_conflict_of_that_element_alone()
    {
        using var scenario = new Scenario();
        var profile = scenario.Target.PathOf("force-app/main/default/profiles/Admin.profile-meta.xml");
        File.WriteAllText(profile, File.ReadAllText(profile)
            .Replace("<custom>false</custom>", "<custom>true</custom>")
            .Replace("<field>Account.Region__c</field>\n        <readable>true</readable>", "<field>Account.Region__c</field>\n        <readable>false</readable>"));
        using var production = new TempTree().CopyFrom("docs/samples/production");
        var hotfix = production.PathOf("profiles/Admin.profile");
        File.WriteAllText(hotfix, File.ReadAllText(hotfix).Replace("<custom>false</custom>", "<custom>maybe</custom>"));

        var skipped = scenario.Run(from: production.Root).Single(r => r.FullName == "Admin");
        Assert.Equal(PromotionStatus.Conflict, skipped.Status);
        var conflict = Assert.Single(skipped.Conflicts);
        Assert.Equal(("custom", "false", "maybe", "true"), (conflict.Path, conflict.Base, conflict.Source, conflict.Target));
        Assert.Contains("<custom>true</custom>", File.ReadAllText(profile));
        Assert.DoesNotContain("Credit_Limit__c", File.ReadAllText(profile));

        var kept = scenario.Run(ConflictAction.KeepTarget, from: production.Root).Single(r => r.FullName == "Admin");
        Assert.Equal(PromotionStatus.Promoted, kept.Status);
        var written = File.ReadAllText(profile);
        Assert.Contains("<custom>true</custom>", written);
        Assert.Contains("Account.Credit_Limit__c", written);
        Assert.Contains("<field>Account.Region__c</field>\n        <readable>false</readable>", written);
    }

    [Fact]
    public void A_label_changed_on_both_sides_is_merged_into_the_shared_labels_file_in_Metadata_API_format()
    {
        using var scenario = new Scenario();
        using var target = new TempTree().CopyFrom("docs/samples/production");
        using var baselineTree = new TempTree().CopyFrom("docs/samples/production");
        using (var source = MetadataSource.Open(baselineTree.Root))
        {
            new SnapshotExporter(new EngineContext(new RecordingObserver())).Export(scenario.Store, source, "prod-at-refresh", null, "0", ReadOptions.All);
        }

        using var production = new TempTree().CopyFrom("docs/samples/production");
        var labels = "labels/CustomLabels.labels";
        var original = File.ReadAllText(production.PathOf(labels));
        var label = original.Substring(original.IndexOf("<fullName>", System.StringComparison.Ordinal) + 10);
        label = label.Substring(0, label.IndexOf('<', System.StringComparison.Ordinal));
        var start = original.IndexOf("<fullName>" + label, System.StringComparison.Ordinal);
        var end = original.IndexOf("</labels>", start, System.StringComparison.Ordinal);
        string Edit(string text, string from, string to) => string.Concat(System.MemoryExtensions.AsSpan(text, 0, start), text.Substring(start, end - start).Replace(from, to), System.MemoryExtensions.AsSpan(text, end));
        File.WriteAllText(production.PathOf(labels), Edit(original, "<protected>false</protected>", "<protected>true</protected>"));
        var targetText = File.ReadAllText(target.PathOf(labels));
        File.WriteAllText(target.PathOf(labels), Edit(targetText, "<language>en_US</language>", "<language>en_GB</language>"));

        using var from = MetadataSource.Open(production.Root);
        var results = new BackPromoter(new EngineContext(new RecordingObserver())).Promote(from, target.Root, scenario.Store, new PromotionBaseline(scenario.Store, scenario.Store.Load("prod-at-refresh")), new BackPromotionOptions(ReadOptions.All, ConflictAction.Skip, false, false));

        var merged = results.Single(r => r.FullName == label);
        Assert.Equal(PromotionStatus.Promoted, merged.Status);
        var written = File.ReadAllText(target.PathOf(labels));
        var entry = written.Substring(written.IndexOf("<fullName>" + label, System.StringComparison.Ordinal));
        entry = entry.Substring(0, entry.IndexOf("</labels>", System.StringComparison.Ordinal));
        Assert.Contains("<protected>true</protected>", entry);
        Assert.Contains("<language>en_GB</language>", entry);
        Assert.Equal(original.Split("<labels>").Length, written.Split("<labels>").Length);
    }

    [Fact]
    public void Overwrite_resolves_a_conflict_in_favour_of_the_source()
    {
        using var scenario = new Scenario();
        var code = scenario.Target.PathOf("force-app/main/default/classes/InvoiceService.cls");
        File.WriteAllText(code, File.ReadAllText(code).Replace("Status__c = 'Draft'", "Status__c = 'New'"));
        Assert.Equal(PromotionStatus.Promoted, scenario.Run(ConflictAction.Overwrite).Single(r => r.FullName == "InvoiceService").Status);
        Assert.Contains("Hotfix PROD-4821", File.ReadAllText(code));
    }

    [Fact]
    public void Without_a_baseline_every_difference_is_a_conflict()
    {
        using var scenario = new Scenario();
        var results = scenario.Run(withBaseline: false);
        Assert.All(results.Where(r => r.Action != PromotionAction.Delete), r => Assert.Equal(PromotionStatus.Conflict, r.Status));
        Assert.Contains("without a baseline", results.First(r => r.Status == PromotionStatus.Conflict).Reason);
    }

    [Fact]
    public void WhatIf_changes_nothing_and_still_reports_the_plan()
    {
        using var scenario = new Scenario();
        var before = Directory.EnumerateFiles(scenario.Target.Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);
        var snapshots = scenario.Store.List().Count;
        var results = scenario.Run(whatIf: true);

        Assert.Equal(3, results.Count(r => r.Status == PromotionStatus.WhatIf));
        Assert.Equal(before, Directory.EnumerateFiles(scenario.Target.Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText));
        Assert.Equal(snapshots, scenario.Store.List().Count);
    }

    [Fact]
    public void A_failure_half_way_leaves_the_target_as_it_was_and_reports_failed()
    {
        using var scratch = new TempTree();
        var store = SnapshotStore.Open(scratch.PathOf("store"), create: true);
        using var target = new TempTree().CopyFrom("docs/samples/production");
        Directory.CreateDirectory(target.PathOf("classes/InvoiceDiscountService.cls")); // a folder where the new class must be written
        var before = Directory.EnumerateFiles(target.Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);

        using var source = MetadataSource.Open(Path.Combine(TempTree.RepositoryRoot, "docs/samples/uat"));
        var results = new BackPromoter(new EngineContext(new RecordingObserver())).Promote(source, target.Root, store, null, new BackPromotionOptions(ReadOptions.All, ConflictAction.Overwrite, false, false));

        Assert.Contains(results, r => r.Status == PromotionStatus.Failed);
        Assert.DoesNotContain(results, r => r.Status == PromotionStatus.Promoted);
        Assert.Equal(before, Directory.EnumerateFiles(target.Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText));
    }

    [Fact]
    public void A_failure_after_some_files_were_written_puts_them_back_and_says_so()
    {
        using var scratch = new TempTree();
        var store = SnapshotStore.Open(scratch.PathOf("store"), create: true);
        using var target = new TempTree().CopyFrom("docs/samples/production");
        // The new class's code lands first, then its meta file cannot be written: a folder stands there.
        Directory.CreateDirectory(target.PathOf("classes/InvoiceDiscountService.cls-meta.xml"));
        var before = Directory.EnumerateFiles(target.Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);

        using var source = MetadataSource.Open(Path.Combine(TempTree.RepositoryRoot, "docs/samples/uat"));
        var results = new BackPromoter(new EngineContext(new RecordingObserver())).Promote(source, target.Root, store, null, new BackPromotionOptions(ReadOptions.All, ConflictAction.Overwrite, false, false));

        var failed = Assert.Single(results, r => r.FullName == "InvoiceDiscountService");
        Assert.Equal(PromotionStatus.Failed, failed.Status);
        Assert.Contains("put back from the rollback snapshot", failed.Reason, System.StringComparison.Ordinal);
        Assert.DoesNotContain(results, r => r.Status == PromotionStatus.Promoted);
        Assert.Equal(before, Directory.EnumerateFiles(target.Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText));
    }

    [Fact]
    public void Only_the_files_that_change_are_written_and_links_elsewhere_stay_links()
    {
        using var scratch = new TempTree();
        var store = SnapshotStore.Open(scratch.PathOf("store"), create: true);
        using var target = new TempTree().CopyFrom("docs/samples/production");
        var untouched = target.PathOf("flows/Invoice_Reminder.flow");
        var stamp = new System.DateTime(2020, 1, 1, 0, 0, 0, System.DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(untouched, stamp);
        Directory.CreateSymbolicLink(target.PathOf("loop"), target.Root); // a link loop once failed every run (the target was copied)

        using var source = MetadataSource.Open(Path.Combine(TempTree.RepositoryRoot, "docs/samples/uat"));
        var results = new BackPromoter(new EngineContext(new RecordingObserver())).Promote(source, target.Root, store, null, new BackPromotionOptions(ReadOptions.All, ConflictAction.Overwrite, false, false));

        Assert.Contains(results, r => r.Status == PromotionStatus.Promoted);
        Assert.DoesNotContain(results, r => r.Status == PromotionStatus.Failed);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(untouched));
        Assert.NotNull(new DirectoryInfo(target.PathOf("loop")).LinkTarget);
        Assert.True(File.Exists(target.PathOf("classes/InvoiceDiscountService.cls")));
    }

    [Fact]
    public void A_component_kept_outside_a_type_folder_is_rewritten_where_it_is()
    {
        using var scratch = new TempTree();
        var store = SnapshotStore.Open(scratch.PathOf("store"), create: true);
        const string Meta = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ApexClass xmlns=\"http://soap.sforce.com/2006/04/metadata\"><apiVersion>62.0</apiVersion><status>Active</status></ApexClass>\n";
        const string Project = "{ \"packageDirectories\": [ { \"path\": \"force-app\", \"default\": true } ] }";
        using var target = new TempTree().Write("sfdx-project.json", Project).Write("force-app/test/A_TEST.cls", "class A_TEST {}\n").Write("force-app/test/A_TEST.cls-meta.xml", Meta);
        using var production = new TempTree().Write("sfdx-project.json", Project).Write("force-app/test/A_TEST.cls", "class A_TEST { /* hotfix */ }\n").Write("force-app/test/A_TEST.cls-meta.xml", Meta);

        using var source = MetadataSource.Open(production.Root);
        var result = Assert.Single(new BackPromoter(new EngineContext(new RecordingObserver())).Promote(source, target.Root, store, null, new BackPromotionOptions(ReadOptions.All, ConflictAction.Overwrite, false, false)));

        Assert.Equal(PromotionStatus.Promoted, result.Status);
        Assert.Equal(new[] { "force-app/test/A_TEST.cls", "force-app/test/A_TEST.cls-meta.xml", "sfdx-project.json" }, Directory.EnumerateFiles(target.Root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(target.Root, f)).OrderBy(f => f, System.StringComparer.Ordinal));
        Assert.Contains("hotfix", File.ReadAllText(target.PathOf("force-app/test/A_TEST.cls")));
        Assert.False(Directory.Exists(target.PathOf("classes")));
        Assert.Empty(Compare.Run(production.Root, target.Root).Differences);
    }
}
