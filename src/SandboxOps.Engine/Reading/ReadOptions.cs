using System;
using System.Collections.Generic;
using System.Linq;

namespace SandboxOps.Engine.Reading;

/// <summary>Which components a read should produce. Files of other types are not even opened.</summary>
public sealed class ReadOptions
{
    private readonly HashSet<string>? _types;
    private readonly HashSet<string> _excludedTypes;
    private readonly Func<string, bool>? _nameFilter;

    public ReadOptions(IEnumerable<string>? types = null, Func<string, bool>? nameFilter = null, IEnumerable<string>? excludedTypes = null)
    {
        var list = types?.ToList();
        _types = list is { Count: > 0 } ? new HashSet<string>(list, StringComparer.OrdinalIgnoreCase) : null;
        _excludedTypes = new HashSet<string>(excludedTypes ?? Enumerable.Empty<string>(), StringComparer.OrdinalIgnoreCase);
        _nameFilter = nameFilter;
    }

    public static ReadOptions All { get; } = new();

    /// <summary>The types asked for, or null for every type (what an org retrieve can be narrowed to).</summary>
    public IReadOnlyCollection<string>? Types => _types;

    /// <summary>No type, excluded type or name was asked for: every component, and every file, is wanted.</summary>
    public bool SelectsEverything => _types is null && _excludedTypes.Count == 0 && _nameFilter is null;

    public bool IncludesType(string typeName) => (_types is null || _types.Contains(typeName)) && !_excludedTypes.Contains(typeName);

    /// <summary>True when the unit can give a component of a type the filter selects (its files are worth opening).</summary>
    internal bool Selects(ReadUnit unit) => unit.ProducibleTypes.Any(IncludesType);

    public bool IncludesName(string fullName) => _nameFilter is null || _nameFilter(fullName);
}
