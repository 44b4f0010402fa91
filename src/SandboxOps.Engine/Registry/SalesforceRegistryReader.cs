using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace SandboxOps.Engine.Registry;

/// <summary>
/// Reads Salesforce's own type registry (source-deploy-retrieve's <c>metadataRegistry.json</c>, embedded
/// as <c>Registry/sdr-metadata-registry.json</c>; <c>build.ps1 -Task UpdateRegistry</c> copies a newer one
/// in) into our definitions. The type facts are Salesforce's; the layout each adapter means, and the few
/// decisions the file does not hold, are ours and are written here.
/// </summary>
internal static class SalesforceRegistryReader
{
    public const string ResourceName = "SandboxOps.Engine.Registry.sdr-metadata-registry.json";

    /// <summary>Types whose files we read in a layout of our own, kept so existing snapshots keep their hashes.</summary>
    private static readonly Dictionary<string, (ComponentLayout Layout, string? Suffix)> LayoutOverrides = new(StringComparer.Ordinal)
    {
        // experiences/X/** with experiences/X.site-meta.xml beside it: a bundle with its meta file outside.
        ["ExperienceBundle"] = (ComponentLayout.Bundle, "site"),
    };

    /// <summary>
    /// Child suffixes of the opt-in decomposed source layouts, which the registry file (the default
    /// layout's) does not carry: decomposed custom labels are labels/Greeting.label-meta.xml.
    /// </summary>
    private static readonly Dictionary<string, string> DecomposedChildSuffixes = new(StringComparer.Ordinal)
    {
        ["CustomLabel"] = "label",
    };

    public static MetadataTypeRegistry ReadEmbedded()
    {
        using var stream = typeof(SalesforceRegistryReader).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The type registry resource {ResourceName} is missing from the engine assembly.");
        return Read(stream);
    }

    public static MetadataTypeRegistry Read(Stream json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var types = root.GetProperty("types");
        var namesById = new Dictionary<string, string>(StringComparer.Ordinal);
        var directoriesById = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in types.EnumerateObject())
        {
            namesById[type.Name] = type.Value.GetProperty("name").GetString()!;
            directoriesById[type.Name] = type.Value.GetProperty("directoryName").GetString()!;
            if (type.Value.TryGetProperty("children", out var children))
            {
                foreach (var child in children.GetProperty("types").EnumerateObject())
                {
                    namesById[child.Name] = child.Value.GetProperty("name").GetString()!;
                }
            }
        }

        var strictDirectories = new HashSet<string>(
            root.GetProperty("strictDirectoryNames").EnumerateObject().Select(p => p.Value.GetString()!), StringComparer.Ordinal);
        var definitions = types.EnumerateObject()
            .Select(t => Definition(t.Name, t.Value, namesById, directoriesById, strictDirectories.Contains(t.Name)))
            .ToList();
        var suffixes = root.GetProperty("suffixes").EnumerateObject()
            .Where(p => namesById.ContainsKey(p.Value.GetString()!))
            .ToDictionary(p => p.Name, p => namesById[p.Value.GetString()!], StringComparer.Ordinal);
        return new MetadataTypeRegistry(definitions, suffixes);
    }

    private static MetadataTypeDefinition Definition(string id, JsonElement type, Dictionary<string, string> namesById, Dictionary<string, string> directoriesById, bool strict)
    {
        var name = Text(type, "name")!;
        var suffix = Text(type, "suffix");
        var adapter = type.TryGetProperty("strategies", out var strategies) ? Text(strategies, "adapter") : null;
        var children = Children(type);
        var layout = adapter switch
        {
            "matchingContentFile" => ComponentLayout.ContentWithMeta,
            "bundle" or "uiBundles" or "digitalExperience" => ComponentLayout.Bundle,
            "mixedContent" => ComponentLayout.MixedContent,
            "decomposed" => ComponentLayout.Decomposed,
            _ when children.Count > 0 => ComponentLayout.ChildrenInFile,
            _ => ComponentLayout.Plain,
        };
        if (LayoutOverrides.TryGetValue(name, out var ours))
        {
            (layout, suffix) = ours;
        }

        var inFolder = type.TryGetProperty("inFolder", out var f) && f.ValueKind == JsonValueKind.True;
        var folderType = Text(type, "folderType");
        var folderContent = Text(type, "folderContentType");
        return new MetadataTypeDefinition(
            name,
            Text(type, "directoryName")!,
            suffix,
            layout,
            folderTypeName: inFolder && folderType is not null ? namesById[folderType] : null,
            children: children,
            contentTypeName: folderContent is null ? null : namesById[folderContent],
            mergedFromSourceFolder: name == "PermissionSet",
            strictDirectory: strict,
            bundleNameDepth: adapter == "digitalExperience" ? 2 : 1,

            // Territory2 and Territory2Rule live under their model: territory2Models/M/territories/T.territory2 is M.T.
            qualifierDirectory: !inFolder && folderType is not null && folderType != id ? directoriesById[folderType] : null);
    }

    private static List<ChildTypeDefinition> Children(JsonElement type)
    {
        var children = new List<ChildTypeDefinition>();
        if (!type.TryGetProperty("children", out var block))
        {
            return children;
        }

        foreach (var child in block.GetProperty("types").EnumerateObject().Select(c => c.Value))
        {
            var directory = Text(child, "directoryName")!;
            var name = Text(child, "name")!;
            children.Add(new ChildTypeDefinition(
                name,
                Text(child, "xmlElementName") ?? directory,
                directory,
                DecomposedChildSuffixes.TryGetValue(name, out var suffix) ? suffix : Text(child, "suffix")!,
                nameIncludesParent: !(child.TryGetProperty("ignoreParentName", out var ignore) && ignore.ValueKind == JsonValueKind.True),
                identityElement: Text(child, "uniqueIdElement") ?? "fullName",
                addressable: !(child.TryGetProperty("isAddressable", out var addressable) && addressable.ValueKind == JsonValueKind.False)));
        }

        return children.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
