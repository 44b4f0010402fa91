using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Engine.BackPromotion;

/// <summary>
/// The last state source and target agreed on, as a snapshot in its store: its component hashes tell which side
/// changed what, and its content is the ancestor a component changed on both sides is merged against.
/// </summary>
public sealed class PromotionBaseline
{
    public PromotionBaseline(SnapshotStore store, SnapshotManifest manifest)
    {
        Store = store;
        Manifest = manifest;
    }

    public SnapshotStore Store { get; }

    public SnapshotManifest Manifest { get; }

    /// <summary>The snapshot's content, to read the ancestors of components to merge (from the manifest already loaded).</summary>
    public MetadataSource Open() => MetadataSource.FromFileSystem(new SnapshotFileSystem(Store, Manifest));
}
