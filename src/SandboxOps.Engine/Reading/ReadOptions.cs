using System;
using System.Collections.Generic;
using System.Linq;

namespace SandboxOps.Engine.Reading;

/// <summary>Which components a read should produce. Files of other types are not even opened.</summary>
public sealed class ReadOptions
{
    private readonly HashSet<string>? _types;
    private readonly Func<string, bool>? _nameFilter;

    public ReadOptions(IEnumerable<string>? types = null, Func<string, bool>? nameFilter = null)
    {
        var list = types?.ToList();
        _types = list is { Count: > 0 } ? new HashSet<string>(list, StringComparer.OrdinalIgnoreCase) : null;
        _nameFilter = nameFilter;
    }

    public static ReadOptions All { get; } = new();

    public bool IncludesType(string typeName) => _types is null || _types.Contains(typeName);

    public bool IncludesName(string fullName) => _nameFilter is null || _nameFilter(fullName);
}
