using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SandboxOps.Engine.Registry;

namespace SandboxOps.Completion;

/// <summary>Validates -Type values against the registry, so a typo fails loudly instead of matching nothing.</summary>
internal static class TypeArgument
{
    public static IReadOnlyList<string>? Canonicalize(PSCmdlet cmdlet, string[]? types)
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
                cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException($"'{type}' is not a metadata type SandboxOps knows.{hint}"),
                    "SandboxOps.Argument.UnknownType",
                    ErrorCategory.InvalidArgument,
                    type));
            }

            canonical.Add(name!);
        }

        return canonical;
    }
}
