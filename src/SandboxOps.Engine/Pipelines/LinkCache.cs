using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Engine.Pipelines;

/// <summary>
/// The differences of a link, kept in the snapshot store between drift runs: keyed by everything they were
/// computed from (both places' components with their hashes and files, where the places are, the expected drift,
/// and this build of the engine), so a link whose two ends did not change since the last run is not compared
/// again. A cache only: a missing or unreadable entry is computed again, and the folder can be deleted.
/// </summary>
internal sealed class LinkCache
{
    private static readonly string Build = typeof(LinkCache).Assembly.ManifestModule.ModuleVersionId.ToString("N");
    private readonly string _folder;

    public LinkCache(SnapshotStore store)
    {
        _folder = Path.Combine(store.Root, SnapshotStore.CacheFolder, "pipeline-links");
    }

    /// <summary>What identifies a place's content: its components, their hashes and their files, in order.</summary>
    public static string ContentId(IEnumerable<SnapshotComponentEntry> components)
    {
        var text = new StringBuilder();
        foreach (var component in components)
        {
            text.Append(component.Type).Append('\t').Append(component.FullName).Append('\t').Append(component.ContentHash).Append('\t').Append(string.Join("|", component.Files)).Append('\n');
        }

        return SnapshotStore.Sha256(Encoding.UTF8.GetBytes(text.ToString()));
    }

    public static string Key(PlaceReading from, PlaceReading to, IEnumerable<IgnoreRule> rules)
    {
        var text = string.Join("\n", new[] { "links-1", Build, from.Description, from.ContentId!, to.Description, to.ContentId! }.Concat(rules.Select(r => r.Text)));
        return SnapshotStore.Sha256(Encoding.UTF8.GetBytes(text));
    }

    public (List<MetadataDifference> Differences, int Suppressed)? Find(string key)
    {
        var path = PathOf(key);
        try
        {
            using var file = File.OpenRead(path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            var entry = JsonSerializer.Deserialize<CachedLink>(gzip);
            return entry is null ? null : (entry.Differences.Select(ToDifference).ToList(), entry.Suppressed);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or InvalidDataException)
        {
            return null; // not there, or not readable: compared again
        }
    }

    /// <summary>Keeps a link's result; written aside and renamed, and a failure to write only loses the cache entry.</summary>
    public void Keep(string key, IReadOnlyList<MetadataDifference> differences, int suppressed)
    {
        var path = PathOf(key);
        var partial = path + "." + Guid.NewGuid().ToString("N") + ".partial";
        try
        {
            Directory.CreateDirectory(_folder);
            using (var file = File.Create(partial))
            using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            {
                JsonSerializer.Serialize(gzip, new CachedLink { Suppressed = suppressed, Differences = differences.Select(FromDifference).ToList() });
            }

            File.Copy(partial, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // the next run compares the link again
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private string PathOf(string key) => Path.Combine(_folder, key + ".json.gz");

    private static CachedDifference FromDifference(MetadataDifference d) => new()
    {
        Type = d.Type,
        FullName = d.FullName,
        Parent = d.Parent,
        Status = d.Status,
        Source = d.Source,
        Target = d.Target,
        SourceFiles = d.SourceFiles.Count > 0 ? d.SourceFiles.ToList() : null,
        TargetFiles = d.TargetFiles.Count > 0 ? d.TargetFiles.ToList() : null,
        Changes = d.Changes.Select(c => new CachedChange { Path = c.Path, Kind = c.Kind, Before = c.Before, After = c.After }).ToList(),
        Noise = d.Noise,
        LinesAdded = d.LinesAdded,
        LinesRemoved = d.LinesRemoved,
        TextDiff = d.TextDiff,
        IgnoredChangeCount = d.IgnoredChangeCount,
        Reason = d.Reason,
    };

    private static MetadataDifference ToDifference(CachedDifference d)
    {
        MetadataComponent? Side(List<string>? files, string source) =>
            files is null ? null : new MetadataComponent(new ComponentKey(d.Type, d.FullName), d.Parent, source, MetadataFormat.MetadataApi, files, 0, string.Empty, null);
        var text = d.LinesAdded + d.LinesRemoved > 0 || d.TextDiff is not null ? new TextChangeSummary(d.LinesAdded, d.LinesRemoved, d.TextDiff) : null;
        return new MetadataDifference(
            Side(d.SourceFiles ?? (d.TargetFiles is null ? new List<string>() : null), d.Source),
            Side(d.TargetFiles, d.Target),
            d.Source,
            d.Target,
            d.Status,
            d.Changes.Select(c => new ElementChange(c.Path, c.Kind, c.Before, c.After)).ToList(),
            d.Noise,
            text,
            d.IgnoredChangeCount,
            d.Reason);
    }

    private sealed class CachedLink
    {
        public int Suppressed { get; set; }

        public List<CachedDifference> Differences { get; set; } = new();
    }

    private sealed class CachedDifference
    {
        public string Type { get; set; } = string.Empty;

        public string FullName { get; set; } = string.Empty;

        public string? Parent { get; set; }

        public DifferenceStatus Status { get; set; }

        public string Source { get; set; } = string.Empty;

        public string Target { get; set; } = string.Empty;

        public List<string>? SourceFiles { get; set; }

        public List<string>? TargetFiles { get; set; }

        public List<CachedChange> Changes { get; set; } = new();

        public NoiseKinds Noise { get; set; }

        public int LinesAdded { get; set; }

        public int LinesRemoved { get; set; }

        public string? TextDiff { get; set; }

        public int IgnoredChangeCount { get; set; }

        public string? Reason { get; set; }
    }

    private sealed class CachedChange
    {
        public string Path { get; set; } = string.Empty;

        public ChangeKind Kind { get; set; }

        public string? Before { get; set; }

        public string? After { get; set; }
    }
}
