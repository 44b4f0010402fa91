using System;
using System.Collections.Generic;

namespace SandboxOps.Engine.Model;

/// <summary>
/// What a source is, as its file system says it (a snapshot records it; a command reports it): a folder, a
/// zip, a git revision, a snapshot, or a live org with what its retrieve found. Nothing has to test a file
/// system's type to know.
/// </summary>
public sealed class SourceOrigin
{
    public SourceOrigin(string kind, RetrievedOrg? org = null, string? folder = null)
    {
        Kind = kind;
        Org = org;
        Folder = folder;
    }

    public static SourceOrigin Zip { get; } = new("Zip");

    public static SourceOrigin GitRevision { get; } = new("GitRevision");

    public static SourceOrigin Snapshot { get; } = new("Snapshot");

    /// <summary>Folder, Zip, GitRevision, Snapshot or Org.</summary>
    public string Kind { get; }

    /// <summary>For a live org: who it is and what the retrieve listed; null otherwise.</summary>
    public RetrievedOrg? Org { get; }

    /// <summary>For a folder on disk: its full path (outputs must not land inside it); null otherwise.</summary>
    public string? Folder { get; }

    public static SourceOrigin InFolder(string root) => new("Folder", folder: root);
}

/// <summary>A live org as one retrieve saw it.</summary>
public sealed class RetrievedOrg
{
    public RetrievedOrg(string orgId, string? alias, string instanceUrl, string orgType, string apiVersion, RetrieveCounts counts, bool permissionsComplete, IReadOnlyList<ListedMember> members, IReadOnlyList<string> listedTypes)
    {
        OrgId = orgId;
        Alias = alias;
        InstanceUrl = instanceUrl;
        OrgType = orgType;
        ApiVersion = apiVersion;
        Counts = counts;
        PermissionsComplete = permissionsComplete;
        Members = members;
        ListedTypes = listedTypes;
    }

    public string OrgId { get; }

    public string? Alias { get; }

    public string InstanceUrl { get; }

    /// <summary>"Sandbox (Developer Edition)" or the production edition.</summary>
    public string OrgType { get; }

    public string ApiVersion { get; }

    /// <summary>False when a profile or permission set may lack access entries of a type that could not be retrieved with it.</summary>
    public bool PermissionsComplete { get; }

    /// <summary>Every member the org listed, with its file and lastModifiedDate.</summary>
    public IReadOnlyList<ListedMember> Members { get; }

    /// <summary>The types that were listed (a narrowed retrieve lists fewer).</summary>
    public IReadOnlyList<string> ListedTypes { get; }

    public RetrieveCounts Counts { get; }
}

/// <summary>How much one retrieve brought: components, those taken unchanged from a baseline snapshot, and the chunks.</summary>
public sealed class RetrieveCounts
{
    public RetrieveCounts(int componentCount, int reusedCount, int chunkCount)
    {
        ComponentCount = componentCount;
        ReusedCount = reusedCount;
        ChunkCount = chunkCount;
    }

    public int ComponentCount { get; }

    public int ReusedCount { get; }

    public int ChunkCount { get; }

    public override string ToString() => $"{ComponentCount - ReusedCount} of {ComponentCount} components retrieved in {ChunkCount} chunks; {ReusedCount} unchanged since the last snapshot taken from it";
}

/// <summary>One member of an org's listing.</summary>
public sealed class ListedMember
{
    public ListedMember(string type, string fullName, string fileName, DateTime? lastModifiedDate)
    {
        Type = type;
        FullName = fullName;
        FileName = fileName;
        LastModifiedDate = lastModifiedDate;
    }

    public string Type { get; }

    public string FullName { get; }

    public string FileName { get; }

    public DateTime? LastModifiedDate { get; }
}
