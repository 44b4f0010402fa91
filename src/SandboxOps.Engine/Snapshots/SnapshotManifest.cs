using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace SandboxOps.Engine.Snapshots;

/// <summary>
/// What a snapshot is, as written to <c>snapshots/&lt;name&gt;/manifest.json.gz</c> (gzipped JSON): the source it came from,
/// every file (path, SHA-256, size) and every component with its canonical hash. The files themselves
/// are in <c>blobs/</c>, named by their SHA-256. From format 2 the two lists are stored as parts in
/// <c>blobs/</c> too, and the manifest names them (<see cref="FileParts"/>, <see cref="ComponentParts"/>).
/// See docs/snapshot-store.md.
/// </summary>
public sealed class SnapshotManifest
{
    public const int CurrentFormatVersion = 2;

    [JsonPropertyName("formatVersion")]
    public int FormatVersion { get; set; } = CurrentFormatVersion;

    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("created")]
    public DateTime Created { get; set; }

    [JsonPropertyName("moduleVersion")]
    public string ModuleVersion { get; set; } = string.Empty;

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("source")]
    public SnapshotSourceInfo Source { get; set; } = new();

    [JsonPropertyName("files")]
    public List<SnapshotFileEntry> Files { get; set; } = new();

    [JsonPropertyName("components")]
    public List<SnapshotComponentEntry> Components { get; set; } = new();

    /// <summary>The SHA-256 of each part of the file list, in order (format 2; the list itself is then empty on disk).</summary>
    [JsonPropertyName("fileParts")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? FileParts { get; set; }

    /// <summary>For a snapshot of an org: every member as listMetadata gave it, with its lastModifiedDate, so that the next snapshot retrieves only what changed.</summary>
    [JsonPropertyName("orgMembers")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<SnapshotOrgMember>? OrgMembers { get; set; }

    /// <summary>For a snapshot of an org: the types its listing asked for (describeMetadata's, or those selected), members or not.</summary>
    [JsonPropertyName("orgTypes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? OrgTypes { get; set; }

    [JsonPropertyName("orgMemberParts")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? OrgMemberParts { get; set; }

    /// <summary>The SHA-256 of each part of the component list, in order (format 2).</summary>
    [JsonPropertyName("componentParts")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? ComponentParts { get; set; }

    /// <summary>Counts and size of the lists, so that listing snapshots reads no parts (null in manifests written before it existed).</summary>
    [JsonPropertyName("summary")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SnapshotSummary? Summary { get; set; }
}

/// <summary>How much a snapshot holds, as Get-OrgSnapshot shows it.</summary>
public sealed class SnapshotSummary
{
    [JsonPropertyName("files")]
    public int FileCount { get; set; }

    [JsonPropertyName("components")]
    public int ComponentCount { get; set; }

    /// <summary>Bytes of the snapshotted files (before deduplication).</summary>
    [JsonPropertyName("size")]
    public long Size { get; set; }

    /// <summary>The summary of a manifest whose lists are loaded.</summary>
    public static SnapshotSummary Of(SnapshotManifest manifest) => new()
    {
        FileCount = manifest.Files.Count,
        ComponentCount = manifest.Components.Count,
        Size = manifest.Files.Sum(f => f.Size),
    };
}

/// <summary>Where a snapshot's metadata came from. Org fields are filled when the source is a live org.</summary>
public sealed class SnapshotSourceInfo
{
    [JsonPropertyName("description")]
    public string Description { get; set; } = string.Empty;

    /// <summary>MetadataApi or Source: the layout of the stored files.</summary>
    [JsonPropertyName("format")]
    public string Format { get; set; } = string.Empty;

    /// <summary>Folder, Zip, GitRevision, Snapshot (and Org, later).</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;

    [JsonPropertyName("orgId")]
    public string? OrgId { get; set; }

    [JsonPropertyName("alias")]
    public string? Alias { get; set; }

    [JsonPropertyName("instanceUrl")]
    public string? InstanceUrl { get; set; }

    [JsonPropertyName("orgType")]
    public string? OrgType { get; set; }

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    /// <summary>
    /// For an org: true when its profiles and permission sets were retrieved with every component and
    /// their pieces merged, so they hold all their permissions (a profile retrieved alone holds almost none).
    /// </summary>
    [JsonPropertyName("permissionsComplete")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? PermissionsComplete { get; set; }
}

/// <summary>A member of an org as listed when the snapshot was taken.</summary>
public sealed class SnapshotOrgMember
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    [JsonPropertyName("fullName")]
    public string FullName { get; set; } = string.Empty;

    /// <summary>Its file (or bundle folder) in the retrieve, as listMetadata names it.</summary>
    [JsonPropertyName("fileName")]
    public string FileName { get; set; } = string.Empty;

    [JsonPropertyName("lastModifiedDate")]
    public DateTime? LastModifiedDate { get; set; }
}

public sealed class SnapshotFileEntry
{
    [JsonPropertyName("path")]
    public string Path { get; set; } = string.Empty;

    [JsonPropertyName("sha256")]
    public string Sha256 { get; set; } = string.Empty;

    [JsonPropertyName("size")]
    public long Size { get; set; }

    /// <summary>
    /// The file's last write time (UTC) when it came from a folder: the next export of the same folder takes the
    /// hash from here, without reading the file, when the size and this time are unchanged.
    /// </summary>
    [JsonPropertyName("modified")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTime? Modified { get; set; }
}

public sealed class SnapshotComponentEntry
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    [JsonPropertyName("fullName")]
    public string FullName { get; set; } = string.Empty;

    [JsonPropertyName("parent")]
    public string? Parent { get; set; }

    [JsonPropertyName("files")]
    public List<string> Files { get; set; } = new();

    [JsonPropertyName("contentHash")]
    public string ContentHash { get; set; } = string.Empty;

    [JsonPropertyName("size")]
    public long Size { get; set; }
}
