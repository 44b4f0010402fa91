using System;
using System.Collections.Generic;
using System.Linq;

using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.Reading;

/// <summary>Which components a read should produce. Files of other types are not even opened.</summary>
public sealed class ReadOptions
{
    private readonly HashSet<string>? _types;
    private readonly HashSet<string> _excludedTypes;
    private readonly Func<string, bool>? _nameFilter;
    private readonly HashSet<string>? _roots;
    private readonly HashSet<string>? _containerTypes;
    private readonly HashSet<ComponentKey>? _components;

    public ReadOptions(IEnumerable<string>? types = null, Func<string, bool>? nameFilter = null, IEnumerable<string>? excludedTypes = null)
    {
        var list = types?.ToList();
        _types = list is { Count: > 0 } ? new HashSet<string>(list, StringComparer.OrdinalIgnoreCase) : null;
        _excludedTypes = new HashSet<string>(excludedTypes ?? Enumerable.Empty<string>(), StringComparer.OrdinalIgnoreCase);
        _nameFilter = nameFilter;
    }

    private ReadOptions(ReadOptions filter, HashSet<string> roots, HashSet<string> containerTypes, HashSet<ComponentKey> components)
    {
        _components = components;
        _types = filter._types;
        _excludedTypes = filter._excludedTypes;
        _nameFilter = filter._nameFilter;
        _roots = roots;
        _containerTypes = containerTypes;
    }

    public static ReadOptions All { get; } = new();

    /// <summary>The types asked for, or null for every type (what an org retrieve can be narrowed to).</summary>
    public IReadOnlyCollection<string>? Types => _types;

    /// <summary>No type, excluded type or name was asked for: every component, and every file, is wanted.</summary>
    public bool SelectsEverything => _types is null && _excludedTypes.Count == 0 && _nameFilter is null && _roots is null;

    public bool IncludesType(string typeName) => (_types is null || _types.Contains(typeName)) && !_excludedTypes.Contains(typeName);

    /// <summary>True when the unit can give a component of a type the filter selects (its files are worth opening).</summary>
    internal bool Selects(ReadUnit unit) =>
        WithinRoots(unit) && (unit.Parent is null || IncludesComponent(unit.TypeName, unit.FullName)) && unit.ProducibleTypes.Any(IncludesType);

    /// <summary>True unless the filter was narrowed to named components and this is not one of them.</summary>
    public bool IncludesComponent(string type, string fullName) => _components is null || _components.Contains(new ComponentKey(type, fullName));

    /// <summary>Narrowed to named components: a container's other children need not even be parsed.</summary>
    internal bool NamesComponents => _components is not null;

    /// <summary>
    /// This filter narrowed to the given components, read from the units of their roots (an object and its fields,
    /// a class) and of the given container types: what a pipeline's drift re-examines after the hashes said which
    /// components differ.
    /// </summary>
    internal ReadOptions Within(HashSet<string> rootNames, HashSet<string> containerTypes, HashSet<ComponentKey> components) => new(this, rootNames, containerTypes, components);

    /// <summary>The unit belongs to a root asked for, or is of a container type asked for whole (CustomLabels, whose children are not named after it).</summary>
    private bool WithinRoots(ReadUnit unit) =>
        _roots is null || _roots.Contains(unit.Parent ?? unit.FullName) || _containerTypes!.Contains(unit.Definition?.Name ?? unit.TypeName);

    public bool IncludesName(string fullName) => _nameFilter is null || _nameFilter(fullName);
}
