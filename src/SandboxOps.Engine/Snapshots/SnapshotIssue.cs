namespace SandboxOps.Engine.Snapshots;

public enum SnapshotIssueKind
{
    /// <summary>A file the manifest lists is not in the store.</summary>
    Missing,

    /// <summary>A stored file's bytes no longer match the manifest's SHA-256.</summary>
    Corrupt,

    /// <summary>A file in the snapshot's folder that the snapshot does not account for.</summary>
    Unexpected,

    /// <summary>The manifest was changed after the snapshot was sealed, or cannot be read.</summary>
    ManifestTampered,
}

/// <summary>One thing Test-OrgSnapshot found wrong with a snapshot.</summary>
public sealed class SnapshotIssue
{
    public SnapshotIssue(string snapshot, SnapshotIssueKind kind, string path, string message)
    {
        Snapshot = snapshot;
        Kind = kind;
        Path = path;
        Message = message;
    }

    public string Snapshot { get; }

    public SnapshotIssueKind Kind { get; }

    /// <summary>The metadata file concerned (as the manifest names it), or the store file.</summary>
    public string Path { get; }

    public string Message { get; }

    public override string ToString() => Message;
}
