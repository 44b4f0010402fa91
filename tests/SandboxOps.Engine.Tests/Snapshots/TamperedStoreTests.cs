using System.IO;
using System.IO.Compression;
using System.Linq;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Snapshots;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.Snapshots;

/// <summary>A backup hands back what it recorded or says it cannot: every read from a store is checked.</summary>
public sealed class TamperedStoreTests
{
    private static readonly string Production = Path.Combine(TempTree.RepositoryRoot, "docs/samples/production");

    private static (TempTree Tree, SnapshotStore Store, OrgSnapshot Snapshot) Exported()
    {
        var tree = new TempTree();
        var store = SnapshotStore.Open(tree.PathOf("store"), create: true);
        using var source = MetadataSource.Open(Production);
        var snapshot = new SnapshotExporter(new EngineContext(new RecordingObserver())).Export(store, source, "prod", "test", "0.1.0", ReadOptions.All);
        return (tree, store, snapshot);
    }

    /// <summary>Replaces a file's blob with other valid gzip, as a hostile or unlucky hand might.</summary>
    private static void Replace(SnapshotStore store, string path, string content)
    {
        var entry = store.Load("prod").Files.Single(f => f.Path == path);
        var blob = store.BlobPath(entry.Sha256);
        File.Delete(blob);
        using var output = new GZipStream(File.Create(blob), CompressionLevel.Fastest);
        using var writer = new StreamWriter(output);
        writer.Write(content);
    }

    [Fact]
    public void A_blob_replaced_by_other_valid_gzip_is_never_compared_as_the_snapshot()
    {
        var (tree, store, _) = Exported();
        using (tree)
        {
            Replace(store, "classes/InvoiceService.cls", "public class InvoiceService { /* not what was recorded */ }");
            var observer = new RecordingObserver();
            using var snapshot = store.OpenSource("prod");
            using var original = MetadataSource.Open(Production);

            var differences = new MetadataComparer(new EngineContext(observer)).Compare(snapshot, original, new CompareOptions(ReadOptions.All)).ToList();

            var invoice = Assert.Single(differences);
            Assert.Equal((DifferenceStatus.Unreadable, "InvoiceService"), (invoice.Status, invoice.FullName));
            var problem = Assert.Single(observer.Errors);
            Assert.Contains("classes/InvoiceService.cls", problem.Message, System.StringComparison.Ordinal);
            Assert.Contains("prod", problem.Message, System.StringComparison.Ordinal);
            Assert.Contains("does not hold what the snapshot recorded", problem.Message, System.StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_restore_of_a_tampered_blob_restores_nothing_and_names_it()
    {
        var (tree, store, _) = Exported();
        using (tree)
        {
            Replace(store, "classes/InvoiceService.cls", "tampered");

            var failure = Assert.Throws<SnapshotStoreException>(() => SnapshotRestorer.Restore(store, "prod", tree.PathOf("restored"), null, ReadOptions.All, filtered: false, new EngineContext(new RecordingObserver())));

            Assert.Equal("BlobCorrupt", failure.Reason);
            Assert.Contains("classes/InvoiceService.cls", failure.Message, System.StringComparison.Ordinal);
            Assert.False(Directory.Exists(tree.PathOf("restored")));
        }
    }

    [Fact]
    public void A_restore_with_a_missing_blob_restores_nothing_and_says_which()
    {
        var (tree, store, _) = Exported();
        using (tree)
        {
            File.Delete(store.BlobPath(store.Load("prod").Files.Single(f => f.Path == "classes/InvoiceService.cls").Sha256));

            var failure = Assert.Throws<SnapshotStoreException>(() => SnapshotRestorer.Restore(store, "prod", tree.PathOf("restored"), null, ReadOptions.All, filtered: false, new EngineContext(new RecordingObserver())));

            Assert.Equal("BlobMissing", failure.Reason);
            Assert.False(Directory.Exists(tree.PathOf("restored")));
        }
    }

    [Fact]
    public void A_manifest_changed_after_its_seal_is_not_loaded()
    {
        var (tree, store, _) = Exported();
        using (tree)
        {
            // Re-pointed: the manifest still parses, and names another description than the one it was sealed with.
            var manifest = Path.Combine(store.SnapshotDirectory("prod"), SnapshotStore.ManifestFile);
            string json;
            using (var reader = new StreamReader(new GZipStream(File.OpenRead(manifest), CompressionMode.Decompress)))
            {
                json = reader.ReadToEnd();
            }

            using (var writer = new StreamWriter(new GZipStream(File.Create(manifest), CompressionLevel.Fastest)))
            {
                writer.Write(json.Replace("\"test\"", "\"tampered\"", System.StringComparison.Ordinal));
            }

            var failure = Assert.Throws<SnapshotStoreException>(() => store.OpenSource("prod"));

            Assert.Equal("SealBroken", failure.Reason);
        }
    }

    [Fact]
    public void A_stopped_export_leaves_the_store_as_it_was()
    {
        using var tree = new TempTree();
        var store = SnapshotStore.Open(tree.PathOf("store"), create: true);
        using var source = MetadataSource.Open(Production);
        using var stop = new System.Threading.CancellationTokenSource();
        var observer = new StoppingObserver(stop, afterStoredFiles: 10);

        Assert.ThrowsAny<System.OperationCanceledException>(() => new SnapshotExporter(new EngineContext(observer, cancellation: stop.Token)).Export(store, source, "stopped", "test", "0.1.0", ReadOptions.All));

        Assert.Empty(store.List());
        Assert.Empty(Directory.EnumerateFiles(tree.PathOf("store/blobs"), "*", SearchOption.AllDirectories)); // no blob no snapshot lists
    }

    [Fact]
    public void What_a_killed_export_left_is_collected_by_the_next_removal_even_of_nothing()
    {
        var (tree, store, _) = Exported();
        using (tree)
        {
            var orphan = store.PutBlob(System.Text.Encoding.UTF8.GetBytes("left by a killed export"), 23);

            new SnapshotRemover(new EngineContext(new RecordingObserver())).Remove(store, _ => System.Array.Empty<OrgSnapshot>(), _ => true, collectOrphans: true);

            Assert.False(store.HasBlob(orphan));
            Assert.Empty(SnapshotVerifier.Verify(store, "prod")); // what a snapshot lists stays
        }
    }

    /// <summary>Stops an export once it has stored some files: a Ctrl+C half way.</summary>
    private sealed class StoppingObserver : Diagnostics.IOperationObserver
    {
        private readonly System.Threading.CancellationTokenSource _stop;
        private readonly int _after;

        public StoppingObserver(System.Threading.CancellationTokenSource stop, int afterStoredFiles)
        {
            _stop = stop;
            _after = afterStoredFiles;
        }

        public void ReportProblem(Model.MetadataProblem problem)
        {
        }

        public void ReportProgress(Diagnostics.OperationProgress progress)
        {
            if (progress.Activity.StartsWith("Storing", System.StringComparison.Ordinal) && progress.Completed >= _after)
            {
                _stop.Cancel();
            }
        }
    }
}
