using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Registry;

namespace SandboxOps.Engine.Packaging;

/// <summary>A component found in a written package, and the package files it needs.</summary>
internal sealed class PackagedComponent
{
    private PackagedComponent(ComponentKey key, IReadOnlyList<string> files)
    {
        Key = key;
        Files = files;
    }

    public ComponentKey Key { get; }

    public IReadOnlyList<string> Files { get; }

    /// <summary>
    /// What a written package holds. A file that is one component is known from its path alone, so only
    /// parent files (objects, labels, workflows), whose children are elements, are parsed: a read with
    /// hashes would parse every file whole, a large profile included, to learn nothing more.
    /// </summary>
    public static List<PackagedComponent> ListIn(MetadataSource package, EngineContext context)
    {
        var reader = new MetadataReader(context);
        var index = reader.Index(package);
        var units = index.Units;
        var byPath = units
            .Where(KnownByPath)
            .Select(u => new PackagedComponent(new ComponentKey(u.TypeName, u.FullName), u.Paths))
            .ToList();
        var parsedTypes = units
            .Where(u => !KnownByPath(u))
            .SelectMany(u => u.Definition is { } d ? d.Children.Select(c => c.Name).Append(d.Name) : new[] { u.TypeName })
            .Distinct()
            .ToList();
        if (parsedTypes.Count == 0)
        {
            return byPath;
        }

        var parsed = reader.ReaderFor(index, hashesOnly: true).ReadAll(new ReadOptions(parsedTypes), "Listing " + package.Description, context.Cancellation)
            .Select(c => new PackagedComponent(c.Component.Key, c.Component.Files));
        return byPath.Concat(parsed).ToList();
    }

    /// <summary>One file (or file set) that is one component named by its path; a Document is named by its
    /// content file's extension, which the reader works out.</summary>
    private static bool KnownByPath(ReadUnit unit) =>
        unit.Kind is UnitKind.XmlFile or UnitKind.Files
        && unit.Definition is { Children.Count: 0 } definition
        && !(definition.IsInFolder && definition.Layout == ComponentLayout.MixedContent);
}
