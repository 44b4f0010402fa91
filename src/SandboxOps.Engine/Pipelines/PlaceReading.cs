using System;
using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;

namespace SandboxOps.Engine.Pipelines;

/// <summary>
/// One place of a pipeline (an environment or the repository) read once: its listing, which every link it is
/// on compares from, and each component's canonical hash (its version), which says which components differ
/// between any two places without reading either again.
/// </summary>
internal sealed class PlaceReading : IDisposable
{
    private readonly Dictionary<ComponentKey, string> _versions;

    public PlaceReading(string name, EnvironmentRole? role, SourceIndex index, Dictionary<ComponentKey, string> versions, IEnumerable<UnreadableComponent> unreadable, string? contentId = null)
    {
        ContentId = contentId;
        Name = name;
        Role = role;
        Index = index;
        _versions = versions;
        Unreadable = unreadable.Select(u => u.Key).ToList();
    }

    public string Name { get; }

    /// <summary>Null for the repository.</summary>
    public EnvironmentRole? Role { get; }

    public SourceIndex Index { get; }

    public string Description => Index.Source.Description;

    /// <summary>Components this place could not read: always re-examined, so they are reported as Compare-OrgMetadata reports them.</summary>
    public IReadOnlyList<ComponentKey> Unreadable { get; }

    /// <summary>What identifies the place's content (components, hashes, files), when it was recorded as a snapshot.</summary>
    public string? ContentId { get; }

    public IEnumerable<KeyValuePair<ComponentKey, string>> Versions => _versions;

    /// <summary>The component's canonical hash here, or null when the place does not have it.</summary>
    public string? Version(ComponentKey key) => _versions.TryGetValue(key, out var hash) ? hash : null;

    public void Dispose() => Index.Source.Dispose();
}
