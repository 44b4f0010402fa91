using System;
using System.Collections.Generic;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Engine.Pipelines;

/// <summary>How a drift run opens places, which environments it looks at, and where it keeps its snapshots.</summary>
public sealed class PipelineDriftOptions
{
    public PipelineDriftOptions(Func<string, SnapshotStore?, MetadataSource> open, IReadOnlyCollection<string>? environments = null, SnapshotStore? store = null, string moduleVersion = "")
    {
        Open = open;
        Environments = environments;
        Store = store;
        ModuleVersion = moduleVersion;
    }

    /// <summary>Opens a place's source (an environment's or the repository's); called on worker threads, once per place. The store is given so an org's retrieve can be incremental.</summary>
    public Func<string, SnapshotStore?, MetadataSource> Open { get; }

    /// <summary>Only the links touching these environments (null: every link).</summary>
    public IReadOnlyCollection<string>? Environments { get; }

    /// <summary>With a store, every place read is also recorded as a snapshot, and back-promotion baselines are looked up there.</summary>
    public SnapshotStore? Store { get; }

    public string ModuleVersion { get; }

    /// <summary>Called (on any thread) for a place that could not be read; its links are left out.</summary>
    public Action<string, Exception>? PlaceFailed { get; set; }
}
