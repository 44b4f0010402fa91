using System;
using System.Collections.Generic;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Registry;

namespace SandboxOps.Engine.Pipelines;

/// <summary>
/// The components to re-examine and the files that hold them: each component's root (an object for its fields,
/// named before the dot), or, for a child not named after its parent (a custom label), every file of the parent type.
/// </summary>
internal sealed class RootSelection
{
    private readonly HashSet<string> _roots = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _containerTypes = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<ComponentKey> _components = new();

    public bool IsEmpty => _roots.Count == 0 && _containerTypes.Count == 0;

    public void Add(ComponentKey key)
    {
        _components.Add(key);
        var dot = key.FullName.IndexOf('.');
        if (MetadataTypeRegistry.Default.FindParentOfChild(key.Type) is not { } parent)
        {
            _roots.Add(key.FullName);
        }
        else if (dot > 0)
        {
            _roots.Add(key.FullName.Substring(0, dot));
        }
        else
        {
            _containerTypes.Add(parent.Name);
        }
    }

    public void AddRange(IEnumerable<ComponentKey> keys)
    {
        foreach (var key in keys)
        {
            Add(key);
        }
    }

    public ReadOptions Filter() => ReadOptions.All.Within(_roots, _containerTypes, _components);
}
