using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using SandboxOps.Engine.Hashing;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;

namespace SandboxOps.Engine.Snapshots;

/// <summary>
/// Re-reads a snapshot: the manifest against its seal, every stored file against its SHA-256 and size,
/// and the snapshot's folder for files that do not belong. Each stored file is hashed once however many
/// paths share it.
/// </summary>
public static class SnapshotVerifier
{
    public static IEnumerable<SnapshotIssue> Verify(SnapshotStore store, string name, CancellationToken cancellationToken = default)
    {
        var directory = store.SnapshotDirectory(name);
        if (!Directory.Exists(directory))
        {
            throw new SnapshotStoreException(FailureKind.NotFound, "SnapshotNotFound", $"There is no snapshot '{name}' in '{store.Root}'. List the snapshots with Get-OrgSnapshot.");
        }

        var manifestPath = Path.Combine(directory, SnapshotStore.ManifestFile);
        var sealPath = Path.Combine(directory, SnapshotStore.SealFile);
        var manifestBytes = File.Exists(manifestPath) ? File.ReadAllBytes(manifestPath) : null;
        var seal = File.Exists(sealPath) ? File.ReadAllText(sealPath, Encoding.ASCII).Trim() : null;
        if (manifestBytes is null || seal is null || !string.Equals(SnapshotStore.Sha256(manifestBytes), seal, StringComparison.OrdinalIgnoreCase))
        {
            yield return new SnapshotIssue(name, SnapshotIssueKind.ManifestTampered, manifestPath, $"Snapshot '{name}': the manifest {(manifestBytes is null ? "is missing" : seal is null ? "has no seal" : "does not match its seal: it was changed after the snapshot was taken")}. The snapshot cannot be trusted.");
        }

        foreach (var unexpected in Directory.EnumerateFileSystemEntries(directory).Where(e => Path.GetFileName(e) is not SnapshotStore.ManifestFile and not SnapshotStore.SealFile))
        {
            yield return new SnapshotIssue(name, SnapshotIssueKind.Unexpected, unexpected, $"Snapshot '{name}': '{unexpected}' does not belong to the snapshot (a snapshot folder holds only {SnapshotStore.ManifestFile} and {SnapshotStore.SealFile}).");
        }

        var manifest = store.TryLoadUnsealed(name);
        if (manifest is null)
        {
            if (manifestBytes is not null)
            {
                yield return new SnapshotIssue(name, SnapshotIssueKind.ManifestTampered, manifestPath, $"Snapshot '{name}': the manifest, or one of its parts in blobs/, is missing, damaged or not valid JSON; its files cannot be checked.");
            }

            yield break;
        }

        foreach (var issue in Files(store, manifest, cancellationToken))
        {
            yield return issue;
        }
    }

    private static IEnumerable<SnapshotIssue> Files(SnapshotStore store, SnapshotManifest manifest, CancellationToken cancellationToken)
    {
        var byHash = manifest.Files.GroupBy(f => f.Sha256, StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var (group, state) in OrderedParallel.Map(byHash, g => (Group: g, State: Check(store, g.Key, g.First().Size)), Environment.ProcessorCount, cancellationToken))
        {
            foreach (var file in group)
            {
                switch (state)
                {
                    case BlobState.Missing:
                        yield return new SnapshotIssue(manifest.Name, SnapshotIssueKind.Missing, file.Path, $"Snapshot '{manifest.Name}': '{file.Path}' is missing from the store (expected {store.BlobPath(file.Sha256)}).");
                        break;
                    case BlobState.Corrupt:
                        yield return new SnapshotIssue(manifest.Name, SnapshotIssueKind.Corrupt, file.Path, $"Snapshot '{manifest.Name}': the stored copy of '{file.Path}' ({store.BlobPath(file.Sha256)}) no longer matches its SHA-256.");
                        break;
                }
            }
        }

        foreach (var component in manifest.Components.Where(c => c.Files.Any(path => !manifest.Files.Exists(f => f.Path == path))))
        {
            yield return new SnapshotIssue(manifest.Name, SnapshotIssueKind.ManifestTampered, component.Files[0], $"Snapshot '{manifest.Name}': {component.Type} {component.FullName} names a file the manifest does not list.");
        }
    }

    private enum BlobState
    {
        Good,
        Missing,
        Corrupt,
    }

    private static BlobState Check(SnapshotStore store, string sha256, long size)
    {
        try
        {
            using var stream = new TraitRecordingStream(store.OpenBlob(sha256)); // counts the decompressed bytes in Position
            using var sha = SHA256.Create();
            var hash = SnapshotStore.Hex(sha.ComputeHash(stream));
            return stream.Position == size && string.Equals(hash, sha256, StringComparison.OrdinalIgnoreCase)
                ? BlobState.Good
                : BlobState.Corrupt;
        }
        catch (InvalidDataException)
        {
            return BlobState.Corrupt; // damaged compression
        }
        catch (FileNotFoundException)
        {
            return BlobState.Missing;
        }
        catch (DirectoryNotFoundException)
        {
            return BlobState.Missing;
        }
    }
}
