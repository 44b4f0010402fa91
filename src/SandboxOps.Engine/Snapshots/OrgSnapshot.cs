using System;

namespace SandboxOps.Engine.Snapshots;

/// <summary>One snapshot in a store: what Export-OrgSnapshot emits and Get-OrgSnapshot lists.</summary>
public sealed class OrgSnapshot
{
    /// <param name="store">The store folder.</param>
    /// <param name="manifest">A manifest with its summary, or with its lists loaded.</param>
    public OrgSnapshot(string store, SnapshotManifest manifest)
    {
        var summary = manifest.Summary ?? SnapshotSummary.Of(manifest);
        Store = store;
        Name = manifest.Name;
        Source = manifest.Source.Description;
        Format = manifest.Source.Format;
        Created = DateTime.SpecifyKind(manifest.Created, DateTimeKind.Utc);
        ComponentCount = summary.ComponentCount;
        FileCount = summary.FileCount;
        Size = summary.Size;
        Description = manifest.Description;
        ModuleVersion = manifest.ModuleVersion;
    }

    public string Name { get; }

    /// <summary>The store folder the snapshot is in.</summary>
    public string Store { get; }

    /// <summary>What was snapshotted: a path, path@revision, or an org.</summary>
    public string Source { get; }

    /// <summary>MetadataApi or Source: the layout the files were stored in.</summary>
    public string Format { get; }

    /// <summary>When the snapshot was taken (UTC).</summary>
    public DateTime Created { get; }

    public int ComponentCount { get; }

    public int FileCount { get; }

    /// <summary>Bytes of the snapshotted files (before deduplication).</summary>
    public long Size { get; }

    public string? Description { get; }

    public string ModuleVersion { get; }

    public override string ToString() => Name;
}
