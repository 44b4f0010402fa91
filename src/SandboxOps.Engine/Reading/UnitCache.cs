using System.Collections.Generic;
using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.Reading;

/// <summary>Keeps the last unit read, so the children of one container are diffed or merged from one parse.</summary>
internal sealed class UnitCache
{
    private readonly SourceReader _reader;
    private readonly ReadOptions _options;
    private ReadUnit? _unit;
    private Dictionary<ComponentKey, ComponentContent> _contents = new();

    public UnitCache(SourceReader reader, ReadOptions options)
    {
        _reader = reader;
        _options = options;
    }

    public ComponentContent? Find(ReadUnit unit, ComponentKey key)
    {
        if (!ReferenceEquals(unit, _unit))
        {
            _unit = unit;
            _contents = new Dictionary<ComponentKey, ComponentContent>();
            foreach (var content in _reader.ReadUnit(unit, _options))
            {
                _contents[content.Component.Key] = content;
            }
        }

        return _contents.TryGetValue(key, out var found) ? found : null;
    }
}
