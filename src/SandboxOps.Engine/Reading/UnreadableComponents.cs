using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Registry;

namespace SandboxOps.Engine.Reading;

/// <summary>
/// What a source holds but could not be read (a malformed or unreadable file, a component defined twice).
/// Such a component is unknown, never absent: whoever compares, packages or promotes asks
/// <see cref="Covers"/> before taking a missing component for a deleted one. A parent's file that could not
/// be read covers its children too (an object file holds its fields). Thread-safe.
/// </summary>
internal sealed class UnreadableComponents
{
    private readonly object _gate = new();
    private readonly Dictionary<ComponentKey, UnreadableComponent> _byKey = new();

    public IReadOnlyList<UnreadableComponent> All
    {
        get
        {
            lock (_gate)
            {
                return _byKey.Values.ToList();
            }
        }
    }

    public void Add(ReadUnit unit, string reason) =>
        Add(new ComponentKey(unit.Definition is not null && unit.Kind == UnitKind.Container ? unit.Definition.Name : unit.TypeName, unit.FullName), unit.Kind == UnitKind.Container ? unit.Definition : null, unit.Paths, reason);

    public void Add(ComponentKey key, MetadataTypeDefinition? container, IReadOnlyList<string> files, string reason)
    {
        lock (_gate)
        {
            if (!_byKey.ContainsKey(key))
            {
                _byKey.Add(key, new UnreadableComponent(key, container, files, reason));
            }
        }
    }

    /// <summary>The unreadable component that leaves this one's state unknown: itself, or the parent whose file holds it.</summary>
    public UnreadableComponent? Covers(ComponentKey key, string? parent)
    {
        lock (_gate)
        {
            if (_byKey.TryGetValue(key, out var self))
            {
                return self;
            }

            var parentType = parent is null ? null : MetadataTypeRegistry.Default.FindParentOfChild(key.Type);
            return parentType is not null && _byKey.TryGetValue(new ComponentKey(parentType.Name, parent!), out var holder) && holder.Container is not null
                ? holder
                : null;
        }
    }
}

/// <summary>One component a source could not read, and why.</summary>
internal sealed class UnreadableComponent
{
    public UnreadableComponent(ComponentKey key, MetadataTypeDefinition? container, IReadOnlyList<string> files, string reason)
    {
        Key = key;
        Container = container;
        Files = files;
        Reason = reason;
    }

    public ComponentKey Key { get; }

    /// <summary>The parent type, when the unreadable file holds children of its own.</summary>
    public MetadataTypeDefinition? Container { get; }

    public IReadOnlyList<string> Files { get; }

    public string Reason { get; }
}
