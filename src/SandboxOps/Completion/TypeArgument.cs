using System;
using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Registry;

namespace SandboxOps.Completion;

/// <summary>Validates -Type values against the registry, so a typo fails loudly instead of matching nothing.</summary>
internal static class TypeArgument
{
    public static IReadOnlyList<string>? Canonicalize(string[]? types)
    {
        if (types is null)
        {
            return null;
        }

        var registry = MetadataTypeRegistry.Default;
        var canonical = new List<string>();
        foreach (var type in types)
        {
            var name = registry.CanonicalName(type);
            if (name is null)
            {
                var close = registry.AllTypeNames.Where(n => n.IndexOf(type, StringComparison.OrdinalIgnoreCase) >= 0 || type.IndexOf(n, StringComparison.OrdinalIgnoreCase) >= 0).Take(5).ToList();
                var hint = close.Count > 0 ? " Did you mean: " + string.Join(", ", close) + "?" : " Press Tab after -Type to list the known types.";
                throw new InvalidArgumentException("UnknownType", $"'{type}' is not a metadata type SandboxOps knows.{hint}");
            }

            canonical.Add(name);
        }

        return canonical;
    }
}
