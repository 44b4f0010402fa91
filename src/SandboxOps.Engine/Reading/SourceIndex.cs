using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Hashing;
using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.Reading;

/// <summary>The units of a source: its files resolved and grouped by component, in path order. Paths only, never contents.</summary>
internal sealed class SourceIndex
{
    private SourceIndex(MetadataSource source, List<ReadUnit> units, IReadOnlyList<string> emptyPackageRoots, IReadOnlyList<IReadOnlyList<ReadUnit>> duplicates)
    {
        Source = source;
        Units = units;
        EmptyPackageRoots = emptyPackageRoots;
        Duplicates = duplicates;
    }

    public MetadataSource Source { get; }

    public IReadOnlyList<ReadUnit> Units { get; }

    /// <summary>Package directories of a DX project that hold no file at all.</summary>
    public IReadOnlyList<string> EmptyPackageRoots { get; }

    /// <summary>One component in two package directories (classes/Foo.cls in force-app/ and in extra/): which one is meant is unknown.</summary>
    public IReadOnlyList<IReadOnlyList<ReadUnit>> Duplicates { get; }

    [MethodImpl(Jit.Optimize)]
    public static SourceIndex Build(MetadataSource source, ComponentPathResolver resolver, ILogger logger)
    {
        var units = new List<ReadUnit>();
        var byKey = new Dictionary<string, ReadUnit>(StringComparer.OrdinalIgnoreCase);
        var firstOf = new Dictionary<string, ReadUnit>(StringComparer.OrdinalIgnoreCase);
        var duplicates = new Dictionary<string, List<ReadUnit>>(StringComparer.OrdinalIgnoreCase);
        var filled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in source.FileSystem.Files)
        {
            var root = source.PackageRoots.FirstOrDefault(r => file.Path.StartsWith(r, StringComparison.Ordinal));
            if (root is not null)
            {
                filled.Add(root);
            }

            if (root is null || file.Path == ForceIgnore.FileName || (source.Format == MetadataFormat.MetadataApi && MetadataSource.IsManifest(file.Path)))
            {
                continue;
            }

            if (source.Ignore?.Denies(file.Path) == true)
            {
                ReadLog.SkippedIgnored(logger, file.Path);
                continue;
            }

            var resolved = resolver.Resolve(file.Path.Substring(root.Length));
            if (resolved.Kind == UnitKind.Ignored)
            {
                ReadLog.SkippedTooling(logger, file.Path);
                continue;
            }

            // A parent split over several folders or package directories (a translation in main/ and in
            // tdtm/, labels per package) is one component merged from its pieces, as the Salesforce CLI merges it.
            var unitKey = UnitKey(resolved.Kind, resolved.TypeName, resolved.FullName);
            var key = (resolved.Kind == UnitKind.Container ? string.Empty : root) + "\n" + unitKey;
            if (!byKey.TryGetValue(key, out var unit))
            {
                unit = new ReadUnit(resolved, root);
                byKey.Add(key, unit);
                units.Add(unit);
                // A parent's pieces are one unit and an unknown file is its own path; anything else met again
                // under another package directory is one component defined twice.
                if (resolved.Kind is not (UnitKind.Container or UnitKind.Unknown))
                {
                    if (!firstOf.TryGetValue(unitKey, out var first))
                    {
                        firstOf.Add(unitKey, unit);
                    }
                    else if (duplicates.TryGetValue(unitKey, out var copies))
                    {
                        copies.Add(unit);
                    }
                    else
                    {
                        duplicates.Add(unitKey, new List<ReadUnit> { first, unit });
                    }
                }
            }

            unit.Parts.Add(new KeyValuePair<string, MetadataFile>(resolved.Role, file));
        }

        var emptyRoots = source.Format == MetadataFormat.Source ? source.PackageRoots.Where(r => r.Length > 0 && !filled.Contains(r)).ToList() : new List<string>();
        return new SourceIndex(source, units, emptyRoots, duplicates.Values.ToList<IReadOnlyList<ReadUnit>>());
    }

    /// <summary>What makes two units (of two sources in the same format) the same unit.</summary>
    public static string UnitKey(UnitKind kind, string typeName, string fullName) => kind + "\n" + typeName + "\n" + fullName;
}
