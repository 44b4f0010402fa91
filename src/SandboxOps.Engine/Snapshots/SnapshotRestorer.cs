using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Packaging;
using SandboxOps.Engine.Reading;

namespace SandboxOps.Engine.Snapshots;

/// <summary>Where a restore wrote what.</summary>
public sealed class SnapshotRestoreResult
{
    public SnapshotRestoreResult(string snapshot, string destination, string format, int componentCount, int fileCount)
    {
        Snapshot = snapshot;
        Destination = destination;
        Format = format;
        ComponentCount = componentCount;
        FileCount = fileCount;
    }

    public string Snapshot { get; }

    public string Destination { get; }

    public string Format { get; }

    public int ComponentCount { get; }

    public int FileCount { get; }

    public override string ToString() => Destination;
}

/// <summary>
/// Writes a snapshot, or the components of it a filter selects, back to a folder in the layout it was
/// taken in: a Metadata API folder with its package.xml, or a DX project. The folder is written beside
/// the destination and renamed into place last, so it is whole or absent.
/// </summary>
public static class SnapshotRestorer
{
    private static readonly string[] ProjectFiles = { "sfdx-project.json", ".forceignore" };
    private static readonly Regex VersionElement = new("<version>([^<]+)</version>", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static SnapshotRestoreResult Restore(SnapshotStore store, string name, string destination, MetadataFormat? format, ReadOptions filter, bool filtered, EngineContext context)
    {
        var cancellationToken = context.Cancellation;
        var manifest = store.Load(name);
        var stored = (MetadataFormat)Enum.Parse(typeof(MetadataFormat), manifest.Source.Format);
        var wanted = format ?? stored;

        var target = Path.GetFullPath(destination);
        if (PathContainment.IsInside(target, store.Root))
        {
            throw new SnapshotStoreException(FailureKind.InvalidArgument, "DestinationInsideStore", $"'{target}' is inside the snapshot store '{store.Root}': a restore there would be taken for part of the store. Restore outside the store; nothing was written.");
        }

        if (!StagedOutput.IsFree(target))
        {
            throw new SnapshotStoreException(FailureKind.AlreadyExists, "DestinationNotEmpty", $"'{target}' already exists and is not empty. Restore into a new or empty folder; nothing was written.");
        }

        var components = manifest.Components.Where(c => !filtered || (filter.IncludesType(c.Type) && filter.IncludesName(c.FullName))).ToList();
        var byPath = manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var files = filtered
            ? components.SelectMany(c => c.Files).Concat(ProjectFiles.Where(byPath.ContainsKey)).Distinct(StringComparer.Ordinal).Select(p => byPath[p]).ToList()
            : manifest.Files;

        using var staged = StagedOutput.Beside(target);
        var staging = staged.Path;
        Directory.CreateDirectory(staging);
        try
        {
            if (wanted != stored)
            {
                // Another layout: the converter writes it from the snapshot read as a source.
                var selected = new HashSet<string>(files.Select(f => f.Path), StringComparer.Ordinal);
                using var source = store.OpenSource(name);
                var written = new FormatConverter(context).Convert(source, staging, wanted, unit => unit.Files.Any(f => selected.Contains(f.Path)), components: null);
                staged.MoveTo(target);
                return new SnapshotRestoreResult(name, target, wanted.ToString(), components.Count, written);
            }

            foreach (var file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (stored == MetadataFormat.MetadataApi && filtered && file.Path == "package.xml")
                {
                    continue;
                }

                var output = Path.Combine(staging, file.Path.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(output)!);
                using var blob = store.OpenBlob(file.Sha256, $"The stored copy of '{file.Path}' in snapshot '{name}'");
                using var copy = new FileStream(output, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                blob.CopyTo(copy);
            }

            if (stored == MetadataFormat.MetadataApi && (filtered || !byPath.ContainsKey("package.xml")))
            {
                var version = byPath.TryGetValue("package.xml", out var original) ? ApiVersionOf(store, original) : null;
                File.WriteAllText(Path.Combine(staging, "package.xml"), PackageManifest.Write(components.Select(c => new ComponentKey(c.Type, c.FullName)), version), new UTF8Encoding(false));
            }

            staged.MoveTo(target);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SnapshotStoreException(FailureKind.Corrupt, "BlobMissing", $"A file of snapshot '{name}' is missing from the store '{store.Root}' ({ex.Message}). Run Test-OrgSnapshot, and restore from another snapshot. Nothing was restored.", ex);
        }
        catch (Exception ex) when (ex is InvalidDataException || ex.InnerException is InvalidDataException)
        {
            // A restore hands back only what the snapshot recorded, every byte checked, or nothing.
            throw new SnapshotStoreException(FailureKind.Corrupt, "BlobCorrupt", $"{(ex.InnerException as InvalidDataException ?? ex).Message} Nothing was restored.", ex);
        }

        return new SnapshotRestoreResult(name, target, stored.ToString(), components.Count, files.Count);
    }

    private static string? ApiVersionOf(SnapshotStore store, SnapshotFileEntry packageXml)
    {
        using var reader = new StreamReader(store.OpenBlob(packageXml.Sha256));
        var match = VersionElement.Match(reader.ReadToEnd());
        return match.Success ? match.Groups[1].Value.Trim() : null;
    }
}
