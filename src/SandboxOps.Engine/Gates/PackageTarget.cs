using System;
using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Xml;

namespace SandboxOps.Engine.Gates;

/// <summary>
/// What the checks know of where a package goes: the components there (for references the package does not carry),
/// its profiles (for permissions a profile deploy cannot revoke), the newest API version it serves,
/// whether it is production, and the URLs that mean production (the pipeline's production endpoints).
/// </summary>
public sealed class PackageTarget
{
    /// <summary>The types a package's components name (and profiles, which a deploy cannot revoke from): what is read of a target.</summary>
    public static readonly IReadOnlyList<string> TypesRead = new[] { "CustomObject", "CustomField", "RecordType", "ApexClass", "ApexPage", "CustomPermission", "CustomTab", "CustomApplication", "Layout", "Profile" };

    private static readonly ReadOptions ProfileFiles = new(new[] { "Profile" });

    private PackageTarget(string description, ISet<ComponentKey>? components, IReadOnlyDictionary<ComponentKey, XmlNode>? profiles, Version? latestApiVersion, bool isProduction, IReadOnlyList<string>? productionUrls)
    {
        Description = description;
        Components = components;
        Profiles = profiles ?? new Dictionary<ComponentKey, XmlNode>();
        LatestApiVersion = latestApiVersion;
        IsProduction = isProduction;
        ProductionUrls = productionUrls ?? Array.Empty<string>();
    }

    /// <summary>No target: references are checked within the package, and nothing of a target is assumed.</summary>
    public static PackageTarget None { get; } = new("no target", null, null, null, isProduction: false, null);

    /// <summary>No target to read, but what is known of where the package goes (a gate's link: its production URLs).</summary>
    public static PackageTarget Unread(string description, bool isProduction, IReadOnlyList<string> productionUrls) =>
        new(description, null, null, null, isProduction, productionUrls);

    /// <summary>Reads what the checks need of a target: its components of <see cref="TypesRead"/>, and its profiles whole.</summary>
    public static PackageTarget Read(MetadataSource source, Version? latestApiVersion, bool isProduction, IReadOnlyList<string> productionUrls, EngineContext context)
    {
        var reader = new MetadataReader(context);
        var index = reader.Index(source);
        var components = new HashSet<ComponentKey>(reader.ReaderFor(index, hashesOnly: true).ReadAll(new ReadOptions(TypesRead), "Reading " + source.Description, context.Cancellation).Select(c => c.Component.Key));
        var profiles = new Dictionary<ComponentKey, XmlNode>();
        foreach (var content in reader.ReaderFor(index, hashesOnly: false).ReadAll(ProfileFiles, "Reading the profiles of " + source.Description, context.Cancellation))
        {
            if (content.Parts.FirstOrDefault(p => p.Tree is not null)?.Tree is { } tree)
            {
                profiles[content.Component.Key] = tree;
            }
        }

        return new PackageTarget(source.Description, components, profiles, latestApiVersion, isProduction, productionUrls);
    }

    public string Description { get; }

    /// <summary>The target's components; null when no target was given.</summary>
    public ISet<ComponentKey>? Components { get; }

    /// <summary>The target's profiles, by key.</summary>
    internal IReadOnlyDictionary<ComponentKey, XmlNode> Profiles { get; }

    /// <summary>The newest API version the target serves; null when it cannot be known (a folder).</summary>
    public Version? LatestApiVersion { get; }

    public bool IsProduction { get; }

    /// <summary>URL prefixes that point at production, beyond Salesforce's own production hosts.</summary>
    public IReadOnlyList<string> ProductionUrls { get; }
}
