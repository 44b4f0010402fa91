using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Snapshots;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.Snapshots;

public sealed class SnapshotStoreTests
{
    private static readonly string Production = Path.Combine(TempTree.RepositoryRoot, "docs/samples/production");
    private static readonly string Uat = Path.Combine(TempTree.RepositoryRoot, "docs/samples/uat");

    private static OrgSnapshot Export(SnapshotStore store, string path, string name, RecordingObserver? observer = null)
    {
        using var source = MetadataSource.Open(path);
        return new SnapshotExporter(new EngineContext(observer ?? new RecordingObserver())).Export(store, source, name, "test", "0.1.0", ReadOptions.All);
    }

    private static byte[] Compress(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content, 0, content.Length);
        }

        return output.ToArray();
    }

    private static byte[] Decompress(byte[] blob)
    {
        using var gzip = new GZipStream(new MemoryStream(blob), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    private static int BlobCount(SnapshotStore store) => Directory.EnumerateFiles(store.BlobsDirectory, "*", SearchOption.AllDirectories).Count();

    [Fact]
    public void A_snapshot_records_every_file_and_component_and_reads_back_as_the_source()
    {
        using var tree = new TempTree();
        var store = SnapshotStore.Open(tree.PathOf("store"), create: true);
        var snapshot = Export(store, Production, "prod-1");

        Assert.Equal(("prod-1", 33, 27, "MetadataApi"), (snapshot.Name, snapshot.ComponentCount, snapshot.FileCount, snapshot.Format));
        var manifest = store.Load("prod-1");
        Assert.Equal(Production, manifest.Source.Description);
        Assert.All(manifest.Files, f => Assert.Matches("^[0-9a-f]{64}$", f.Sha256));
        Assert.Contains(manifest.Files, f => f.Path == "package.xml");

        using var original = MetadataSource.Open(Production);
        using var stored = store.OpenSource("prod-1");
        var expected = new MetadataReader(new EngineContext(new RecordingObserver())).Read(original, ReadOptions.All).Select(c => (c.Type, c.FullName, c.ContentHash)).OrderBy(x => x.Type).ThenBy(x => x.FullName);
        var actual = manifest.Components.Select(c => (c.Type, c.FullName, c.ContentHash)).OrderBy(x => x.Type).ThenBy(x => x.FullName);
        Assert.Equal(expected, actual);
        Assert.Equal(expected, new MetadataReader(new EngineContext(new RecordingObserver())).Read(stored, ReadOptions.All).Select(c => (c.Type, c.FullName, c.ContentHash)).OrderBy(x => x.Type).ThenBy(x => x.FullName));
    }

    [Fact]
    public void A_second_snapshot_of_an_unchanged_source_stores_nothing_new_and_reuses_hashes()
    {
        using var tree = new TempTree();
        var store = SnapshotStore.Open(tree.PathOf("store"), create: true);
        Export(store, Uat, "uat-1");
        var blobs = BlobCount(store);
        var observer = new RecordingObserver();
        using var logging = new Diagnostics.EngineLogging(observer, null);
        using (var source = MetadataSource.Open(Uat))
        {
            new SnapshotExporter(new EngineContext(observer, logging)).Export(store, source, "uat-2", null, "0.1.0", ReadOptions.All);
        }

        Assert.Equal(blobs, BlobCount(store));
        Assert.Contains(observer.Log, l => l.Message.Contains("35 hashes reused"));
        Assert.Equal(store.Load("uat-1").Components.Select(c => c.ContentHash), store.Load("uat-2").Components.Select(c => c.ContentHash));
        Assert.Equal(new[] { "uat-2", "uat-1" }, store.List().Select(s => s.Name));
    }

    [Fact]
    public void Files_are_stored_gzipped_under_their_sha256_and_read_back_byte_for_byte()
    {
        using var tree = new TempTree();
        var store = SnapshotStore.Open(tree.PathOf("store"), create: true);
        Export(store, Production, "prod");

        var flow = store.Load("prod").Files.Single(f => f.Path == "flows/Invoice_Reminder.flow");
        var original = File.ReadAllBytes(Path.Combine(Production, "flows/Invoice_Reminder.flow"));
        var blob = Path.Combine(store.BlobsDirectory, flow.Sha256.Substring(0, 2), flow.Sha256 + ".gz");
        Assert.Equal(original, Decompress(File.ReadAllBytes(blob)));
        Assert.True(new FileInfo(blob).Length < original.Length);
    }

    [Fact]
    public void A_store_written_before_compression_is_still_read_and_verified()
    {
        using var tree = new TempTree();
        var store = SnapshotStore.Open(tree.PathOf("store"), create: true);
        Export(store, Production, "prod");
        foreach (var blob in Directory.EnumerateFiles(store.BlobsDirectory, "*.gz", SearchOption.AllDirectories))
        {
            File.WriteAllBytes(blob.Substring(0, blob.Length - 3), Decompress(File.ReadAllBytes(blob)));
            File.Delete(blob);
        }

        Assert.Empty(SnapshotVerifier.Verify(store, "prod"));
        using var snapshot = store.OpenSource("prod");
        using var folder = MetadataSource.Open(Production);
        Assert.Empty(new MetadataComparer(new EngineContext(new RecordingObserver())).Compare(snapshot, folder, new CompareOptions(ReadOptions.All)).ToList());
    }

    [Fact]
    public void The_file_and_component_lists_are_parts_in_the_blobs_that_an_unchanged_snapshot_shares()
    {
        using var tree = new TempTree();
        var store = SnapshotStore.Open(tree.PathOf("store"), create: true);
        Export(store, Production, "first");
        var blobs = BlobCount(store);
        Export(store, Production, "second");

        Assert.Equal(blobs, BlobCount(store));
        var first = store.Load("first");
        var second = store.Load("second");
        Assert.Equal(first.FileParts, second.FileParts);
        Assert.Equal(first.ComponentParts, second.ComponentParts);
        Assert.Equal(first.Components.Count, second.Components.Count);
        Assert.True(new FileInfo(Path.Combine(store.SnapshotDirectory("second"), SnapshotStore.ManifestFile)).Length < 2048);

        File.Delete(store.BlobPath(second.ComponentParts![0]));
        Assert.Null(store.TryLoad("second"));
        var issue = Assert.Single(SnapshotVerifier.Verify(store, "second"));
        Assert.Equal(SnapshotIssueKind.ManifestTampered, issue.Kind);
        Assert.Contains("parts", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Listing_snapshots_reads_the_manifests_alone_and_a_manifest_without_a_summary_still_lists()
    {
        using var tree = new TempTree();
        var store = SnapshotStore.Open(tree.PathOf("store"), create: true);
        var exported = Export(store, Production, "summarized");
        Export(store, Uat, "older-format");
        RewriteWithoutSummary(store, "older-format");
        var loaded = store.Load("summarized");

        // A part of the summarized snapshot is gone: it still lists (Test-OrgSnapshot reports it), from its summary.
        File.Delete(store.BlobPath(loaded.FileParts![0]));
        var listed = store.List();

        var summarized = Assert.Single(listed, s => s.Name == "summarized");
        Assert.Equal((exported.FileCount, exported.ComponentCount, exported.Size), (summarized.FileCount, summarized.ComponentCount, summarized.Size));
        Assert.Equal((loaded.Files.Count, loaded.Components.Count, loaded.Files.Sum(f => f.Size)), (summarized.FileCount, summarized.ComponentCount, summarized.Size));
        var older = Assert.Single(listed, s => s.Name == "older-format");
        Assert.Equal(store.Load("older-format").Files.Count, older.FileCount);
        Assert.True(older.ComponentCount > 0);
    }

    private static void RewriteWithoutSummary(SnapshotStore store, string name)
    {
        var path = Path.Combine(store.SnapshotDirectory(name), SnapshotStore.ManifestFile);
        var json = System.Text.Json.Nodes.JsonNode.Parse(Decompress(File.ReadAllBytes(path)))!.AsObject();
        Assert.True(json.Remove("summary"));
        var bytes = Compress(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()));
        File.WriteAllBytes(path, bytes);
        File.WriteAllText(Path.Combine(store.SnapshotDirectory(name), "manifest.seal"), System.Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant() + "\n"); // written by that older version, sealed by it
    }

    [Fact]
    public void A_sound_snapshot_verifies_and_each_kind_of_damage_is_found()
    {
        using var tree = new TempTree();
        var store = SnapshotStore.Open(tree.PathOf("store"), create: true);
        Export(store, Production, "prod");
        Assert.Empty(SnapshotVerifier.Verify(store, "prod"));

        var manifest = store.Load("prod");
        var flow = manifest.Files.Single(f => f.Path == "flows/Invoice_Reminder.flow");
        var bytes = File.ReadAllBytes(store.BlobPath(flow.Sha256));
        bytes[10] ^= 1; // inside the compressed data
        File.WriteAllBytes(store.BlobPath(flow.Sha256), bytes);
        var tab = manifest.Files.Single(f => f.Path == "tabs/Invoice__c.tab");
        var content = Decompress(File.ReadAllBytes(store.BlobPath(tab.Sha256)));
        content[content.Length / 2] ^= 1; // one byte of the file itself, compressed again
        File.WriteAllBytes(store.BlobPath(tab.Sha256), Compress(content));
        var layout = manifest.Files.Single(f => f.Path.StartsWith("layouts/", StringComparison.Ordinal));
        File.Delete(store.BlobPath(layout.Sha256));
        File.WriteAllText(Path.Combine(store.SnapshotDirectory("prod"), "notes.txt"), "added by hand");

        var issues = SnapshotVerifier.Verify(store, "prod").ToList();
        Assert.Contains(issues, i => i.Kind == SnapshotIssueKind.Corrupt && i.Path == flow.Path);
        Assert.Contains(issues, i => i.Kind == SnapshotIssueKind.Corrupt && i.Path == tab.Path);
        Assert.Contains(issues, i => i.Kind == SnapshotIssueKind.Missing && i.Path == layout.Path);
        Assert.Contains(issues, i => i.Kind == SnapshotIssueKind.Unexpected && i.Path.EndsWith("notes.txt", StringComparison.Ordinal));
        Assert.DoesNotContain(issues, i => i.Kind == SnapshotIssueKind.ManifestTampered);
    }

    [Fact]
    public void A_tampered_manifest_is_found()
    {
        using var tree = new TempTree();
        var store = SnapshotStore.Open(tree.PathOf("store"), create: true);
        Export(store, Production, "prod");
        var path = Path.Combine(store.SnapshotDirectory("prod"), "manifest.json.gz");
        string text;
        using (var input = new StreamReader(new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress)))
        {
            text = input.ReadToEnd();
        }

        using (var output = new StreamWriter(new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Optimal)))
        {
            output.Write(text.Replace("\"Admin\"", "\"Administrator\""));
        }

        var issue = Assert.Single(SnapshotVerifier.Verify(store, "prod"));
        Assert.Equal(SnapshotIssueKind.ManifestTampered, issue.Kind);
        Assert.Contains("seal", issue.Message);
    }

    [Fact]
    public void An_interrupted_export_leaves_no_snapshot_and_its_leftovers_are_cleaned()
    {
        using var tree = new TempTree();
        var store = SnapshotStore.Open(tree.PathOf("store"), create: true);
        Export(store, Production, "kept");
        Directory.CreateDirectory(Path.Combine(store.TempDirectory, "snapshot-interrupted"));
        File.WriteAllText(Path.Combine(store.TempDirectory, "snapshot-interrupted", "manifest.json.gz"), "{ half");
        File.WriteAllText(Path.Combine(store.TempDirectory, "orphan.blob"), "x");

        Assert.Equal(new[] { "kept" }, store.List().Select(s => s.Name));
        Export(store, Uat, "doomed");
        var removed = new SnapshotRemover(new EngineContext(new RecordingObserver())).Remove(store, s => s.List().Where(x => x.Name == "doomed").ToList(), _ => true);

        Assert.Single(removed);
        Assert.Empty(Directory.EnumerateFileSystemEntries(store.TempDirectory));
        Assert.Empty(SnapshotVerifier.Verify(store, "kept"));
    }

    [Fact]
    public void Removing_a_snapshot_keeps_content_another_snapshot_uses()
    {
        using var tree = new TempTree();
        var store = SnapshotStore.Open(tree.PathOf("store"), create: true);
        Export(store, Production, "prod");
        Export(store, Uat, "uat");
        var before = BlobCount(store);
        new SnapshotRemover(new EngineContext(new RecordingObserver())).Remove(store, s => s.List().Where(x => x.Name == "uat").ToList(), _ => true);

        Assert.True(BlobCount(store) < before);
        Assert.Empty(SnapshotVerifier.Verify(store, "prod"));
        var prod = store.Load("prod");
        var prodBlobs = prod.Files.Select(f => f.Sha256).Concat(prod.FileParts!).Concat(prod.ComponentParts!).Distinct().Count();
        Assert.Equal(prodBlobs, BlobCount(store));
    }

    [Fact]
    public void Retention_keeps_the_newest_of_each_source_and_respects_age_and_names()
    {
        OrgSnapshot Snap(string name, string source, int daysAgo) => new("/store", new SnapshotManifest { Name = name, Created = DateTime.UtcNow.AddDays(-daysAgo), Source = new SnapshotSourceInfo { Description = source, Format = "Source" } });
        var all = new[] { Snap("uat-1", "uat", 1), Snap("uat-2", "uat", 2), Snap("uat-3", "uat", 3), Snap("prod-1", "prod", 10), Snap("prod-2", "prod", 20) }.OrderByDescending(s => s.Created).ToList();

        Assert.Equal(new[] { "uat-3" }, SnapshotRetention.Select(all, _ => true, keepLast: 2, olderThan: null).Select(s => s.Name));
        Assert.Equal(new[] { "prod-1", "prod-2" }, SnapshotRetention.Select(all, _ => true, keepLast: null, olderThan: DateTime.UtcNow.AddDays(-5)).Select(s => s.Name));
        Assert.Equal(new[] { "uat-2", "uat-3" }, SnapshotRetention.Select(all, n => n.StartsWith("uat", StringComparison.Ordinal), keepLast: 1, olderThan: null).Select(s => s.Name));
    }

    [Fact]
    public async Task Two_exports_into_one_store_at_once_both_succeed()
    {
        using var tree = new TempTree();
        var storePath = tree.PathOf("store");
        SnapshotStore.Open(storePath, create: true);
        var exports = Enumerable.Range(0, 4).Select(i => Task.Run(() => Export(SnapshotStore.Open(storePath, create: false), i % 2 == 0 ? Production : Uat, "parallel-" + i))).ToArray();
        await Task.WhenAll(exports);

        var store = SnapshotStore.Open(storePath, create: false);
        Assert.Equal(4, store.List().Count);
        Assert.All(store.List(), s => Assert.Empty(SnapshotVerifier.Verify(store, s.Name)));
    }

    [Fact]
    public void Restoring_gives_back_a_folder_with_no_differences_from_the_original()
    {
        using var tree = new TempTree();
        var store = SnapshotStore.Open(tree.PathOf("store"), create: true);
        Export(store, Production, "prod");
        Export(store, Uat, "uat");

        var prod = SnapshotRestorer.Restore(store, "prod", tree.PathOf("prod-restored"), null, ReadOptions.All, filtered: false, new EngineContext(new RecordingObserver()));
        var uat = SnapshotRestorer.Restore(store, "uat", tree.PathOf("uat-restored"), MetadataFormat.Source, ReadOptions.All, filtered: false, new EngineContext(new RecordingObserver()));

        Assert.Equal(27, prod.FileCount);
        Assert.Empty(Compare.Run(Production, prod.Destination, includeIdentical: false).Differences);
        Assert.Empty(Compare.Run(Uat, uat.Destination).Differences);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Production, "package.xml")), File.ReadAllBytes(Path.Combine(prod.Destination, "package.xml")));
    }

    [Theory]
    [InlineData(MetadataFormat.Source)]
    [InlineData(MetadataFormat.MetadataApi)]
    public void Restoring_in_the_other_format_keeps_files_no_type_claims(MetadataFormat format)
    {
        using var tree = new TempTree()
            .CopyFrom(format == MetadataFormat.Source ? "docs/samples/production" : "docs/samples/uat", "original")
            .Write(format == MetadataFormat.Source ? "original/notes/runbook.txt" : "original/force-app/notes/runbook.txt", "keep me");
        var store = SnapshotStore.Open(tree.PathOf("store"), create: true);
        Export(store, tree.PathOf("original"), "snap");
        var observer = new RecordingObserver();

        var result = SnapshotRestorer.Restore(store, "snap", tree.PathOf("converted"), format, ReadOptions.All, filtered: false, new EngineContext(observer));

        var kept = Path.Combine(result.Destination, format == MetadataFormat.Source ? "force-app/notes/runbook.txt" : "notes/runbook.txt");
        Assert.Equal("keep me", File.ReadAllText(kept));
        Assert.Contains(observer.Problems, p => p.Message.Contains("copied as it is", System.StringComparison.Ordinal));
        Assert.Empty(Compare.Run(tree.PathOf("original"), result.Destination).Differences);
    }

    [Theory]
    [InlineData("docs/samples/production", MetadataFormat.Source)]
    [InlineData("docs/samples/uat", MetadataFormat.MetadataApi)]
    [InlineData("tests/fixtures/production-as-source", MetadataFormat.MetadataApi)]
    public void Restoring_in_the_other_format_converts_without_changing_any_component(string sample, MetadataFormat format)
    {
        var original = Path.Combine(TempTree.RepositoryRoot, sample);
        using var tree = new TempTree();
        var store = SnapshotStore.Open(tree.PathOf("store"), create: true);
        Export(store, original, "snap");
        var observer = new RecordingObserver();
        var result = SnapshotRestorer.Restore(store, "snap", tree.PathOf("converted"), format, ReadOptions.All, filtered: false, new EngineContext(observer));

        Assert.Empty(observer.Problems);
        Assert.Equal(format.ToString(), result.Format);
        var (converted, readProblems) = Read.All(result.Destination);
        Assert.Empty(readProblems.Problems);
        Assert.All(converted, c => Assert.Equal(format, c.Format));
        Assert.Empty(Compare.Run(original, result.Destination).Differences);
        if (format == MetadataFormat.MetadataApi)
        {
            var package = File.ReadAllText(Path.Combine(result.Destination, "package.xml"));
            Assert.Contains("<name>CustomField</name>", package);
            Assert.Contains("<version>62.0</version>", package);
        }
        else
        {
            Assert.True(File.Exists(Path.Combine(result.Destination, "sfdx-project.json")));
            Assert.True(File.Exists(Path.Combine(result.Destination, "force-app/main/default/objects/Account/fields/Region__c.field-meta.xml")));
        }
    }

    [Fact]
    public void A_partial_restore_writes_only_the_selected_components_and_a_package_xml_naming_them()
    {
        using var tree = new TempTree();
        var store = SnapshotStore.Open(tree.PathOf("store"), create: true);
        Export(store, Production, "prod");
        var result = SnapshotRestorer.Restore(store, "prod", tree.PathOf("part"), null, new ReadOptions(new[] { "ApexTrigger", "Flow" }), filtered: true, new EngineContext(new RecordingObserver()));

        Assert.Equal(2, result.ComponentCount);
        var package = File.ReadAllText(Path.Combine(result.Destination, "package.xml"));
        Assert.Contains("<members>AccountTrigger</members>\n        <name>ApexTrigger</name>", package);
        Assert.Contains("<members>Invoice_Reminder</members>\n        <name>Flow</name>", package);
        Assert.Contains("<version>62.0</version>", package);
        var read = Read.All(result.Destination).Components;
        Assert.Equal(new[] { "ApexTrigger AccountTrigger", "Flow Invoice_Reminder" }, read.ByKey().Keys.OrderBy(k => k));
    }

    [Fact]
    public void Two_snapshots_of_one_store_compare_without_reading_files_that_are_the_same()
    {
        using var tree = new TempTree();
        var store = SnapshotStore.Open(tree.PathOf("store"), create: true);
        Export(store, Production, "a");
        Export(store, Uat, "b");
        var shared = store.Load("a").Files.Select(f => f.Sha256).Intersect(store.Load("b").Files.Select(f => f.Sha256)).ToList();
        Assert.NotEmpty(shared);
        foreach (var sha in shared)
        {
            File.Delete(store.BlobPath(sha)); // were they read, the compare would report unreadable files
        }

        var observer = new RecordingObserver();
        using var left = store.OpenSource("a");
        using var right = store.OpenSource("a");
        Assert.Empty(new MetadataComparer(new EngineContext(observer)).Compare(left, right, new CompareOptions(ReadOptions.All)).ToList());
        Assert.Empty(observer.Problems);
    }

    [Fact]
    public void Store_errors_name_the_store_and_what_to_do()
    {
        using var tree = new TempTree();
        tree.Write("a-file", "x").Write("other/readme.txt", "not a store");
        Assert.Equal("StoreIsAFile", Assert.Throws<SnapshotStoreException>(() => SnapshotStore.Open(tree.PathOf("a-file"), create: true)).Reason);
        Assert.Equal("NotAStore", Assert.Throws<SnapshotStoreException>(() => SnapshotStore.Open(tree.PathOf("other"), create: true)).Reason);
        Assert.Equal("StoreNotFound", Assert.Throws<SnapshotStoreException>(() => SnapshotStore.Open(tree.PathOf("missing"), create: false)).Reason);

        var store = SnapshotStore.Open(tree.PathOf("store"), create: true);
        var unknown = Assert.Throws<SnapshotStoreException>(() => store.Load("nope"));
        Assert.Equal("SnapshotNotFound", unknown.Reason);
        Assert.Contains(store.Root, unknown.Message);
        Assert.Equal("InvalidName", Assert.Throws<SnapshotStoreException>(() => Export(store, Production, "../escape")).Reason);

        Export(store, Production, "prod");
        Assert.Equal("NameExists", Assert.Throws<SnapshotStoreException>(() => Export(store, Production, "prod")).Reason);
        tree.Write("full/file.txt", "x");
        Assert.Equal("DestinationNotEmpty", Assert.Throws<SnapshotStoreException>(() => SnapshotRestorer.Restore(store, "prod", tree.PathOf("full"), null, ReadOptions.All, false, new EngineContext(new RecordingObserver()))).Reason);
        Assert.Equal("x", File.ReadAllText(tree.PathOf("full/file.txt")));
    }

    [Fact]
    public void A_read_only_store_fails_clearly_and_stays_as_it_was()
    {
        // Permission bits do not stop root (tests run as root here): a file where the blobs folder should be
        // makes the store unwritable for everyone.
        using var tree = new TempTree();
        var store = SnapshotStore.Open(tree.PathOf("store"), create: true);
        Directory.Delete(store.BlobsDirectory);
        File.WriteAllText(store.BlobsDirectory, "not a folder");
        var failure = Assert.Throws<SnapshotStoreException>(() => Export(store, Production, "prod"));
        Assert.Equal("StoreNotWritable", failure.Reason);
        Assert.Contains(store.Root, failure.Message);
        Assert.Empty(store.List());
        Assert.Empty(Directory.EnumerateDirectories(store.SnapshotsDirectory));
    }
    [Fact]
    public void A_folders_unchanged_files_keep_their_hash_and_a_changed_file_gets_its_own()
    {
        using var tree = new TempTree();
        tree.CopyFrom("docs/samples/production", "org");
        var store = SnapshotStore.Open(tree.PathOf("store"), create: true);
        var cls = tree.PathOf("org/classes/InvoiceService.cls");
        var old = DateTime.UtcNow.AddMinutes(-10);
        foreach (var file in Directory.EnumerateFiles(tree.PathOf("org"), "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, old);
        }

        var first = store.Load(Export(store, tree.PathOf("org"), "one").Name);
        File.WriteAllText(cls, File.ReadAllText(cls) + "\n// changed\n");
        var second = store.Load(Export(store, tree.PathOf("org"), "two").Name);

        var before = first.Files.ToDictionary(f => f.Path);
        var after = second.Files.ToDictionary(f => f.Path);
        Assert.Equal(old, before["classes/InvoiceService.cls"].Modified);
        Assert.NotEqual(before["classes/InvoiceService.cls"].Sha256, after["classes/InvoiceService.cls"].Sha256);
        Assert.Equal(before["classes/AccountTriggerHandler.cls"].Sha256, after["classes/AccountTriggerHandler.cls"].Sha256);
        Assert.NotEqual(
            first.Components.Single(c => c.FullName == "InvoiceService").ContentHash,
            second.Components.Single(c => c.FullName == "InvoiceService").ContentHash);
    }

    [Fact]
    public void A_file_written_again_in_the_same_moment_as_the_snapshot_is_read_again_even_with_its_size_and_time()
    {
        using var tree = new TempTree();
        tree.CopyFrom("docs/samples/production", "org");
        var store = SnapshotStore.Open(tree.PathOf("store"), create: true);
        var label = tree.PathOf("org/labels/CustomLabels.labels");
        File.WriteAllText(label, File.ReadAllText(label)); // written now, just before the snapshot
        var first = store.Load(Export(store, tree.PathOf("org"), "one").Name);
        var written = File.GetLastWriteTimeUtc(label);

        // Same size, same time, other bytes: only a time close to the snapshot's makes this detectable, and it is.
        var text = File.ReadAllText(label);
        var index = text.IndexOf("<value>", StringComparison.Ordinal) + "<value>".Length;
        File.WriteAllText(label, text.Substring(0, index) + (text[index] == 'X' ? 'Y' : 'X') + text.Substring(index + 1));
        File.SetLastWriteTimeUtc(label, written);
        var second = store.Load(Export(store, tree.PathOf("org"), "two").Name);

        Assert.NotEqual(first.Files.Single(f => f.Path == "labels/CustomLabels.labels").Sha256, second.Files.Single(f => f.Path == "labels/CustomLabels.labels").Sha256);
    }
}
