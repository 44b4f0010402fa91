using System;
using System.Collections.Generic;
using System.Linq;

namespace SandboxOps.Engine.Registry;

/// <summary>
/// The Metadata API types SandboxOps reads, writes and packages: every type of Salesforce's own registry
/// (see <see cref="SalesforceRegistryReader"/>), with the few decisions of ours it does not hold.
/// A new layout needs a rule in <c>Reading/ComponentPathResolver</c>.
/// </summary>
public sealed class MetadataTypeRegistry
{
    /// <summary>The type name given to files no registered type claims.</summary>
    public const string UnknownTypeName = "Unknown";

    private static readonly Lazy<MetadataTypeRegistry> DefaultRegistry = new(() => SalesforceRegistryReader.ReadEmbedded());

    private readonly Dictionary<string, MetadataTypeDefinition> _byName;
    private readonly Dictionary<string, MetadataTypeDefinition> _bySuffix;
    private readonly Dictionary<string, MetadataTypeDefinition> _strictByDirectory;
    private readonly Dictionary<string, MetadataTypeDefinition?> _contentTypeByDirectory;
    private readonly HashSet<string> _directories;
    private readonly Dictionary<string, ChildTypeDefinition> _childByName;
    private readonly Dictionary<string, MetadataTypeDefinition> _parentOfChild;

    /// <param name="types">Every top-level type, folder types included.</param>
    /// <param name="suffixes">File suffix to type name, where a suffix alone names a type; by default each type's own.</param>
    public MetadataTypeRegistry(IEnumerable<MetadataTypeDefinition> types, IReadOnlyDictionary<string, string>? suffixes = null)
    {
        var all = types.ToList();
        _byName = all.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
        _bySuffix = new Dictionary<string, MetadataTypeDefinition>(StringComparer.Ordinal);
        foreach (var pair in suffixes ?? all.Where(t => t.Suffix is not null).GroupBy(t => t.Suffix!).ToDictionary(g => g.Key, g => g.First().Name))
        {
            if (_byName.TryGetValue(pair.Value, out var type))
            {
                _bySuffix[pair.Key] = type;
            }
        }

        _strictByDirectory = all.Where(t => t.StrictDirectory).GroupBy(t => t.DirectoryName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        // A folder shared by several types (wave/, discovery/) names none of them: their suffixes do.
        _contentTypeByDirectory = all.Where(t => !t.IsFolder).GroupBy(t => t.DirectoryName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count() == 1 ? g.Single() : null, StringComparer.Ordinal);
        _directories = new HashSet<string>(all.Select(t => t.DirectoryName), StringComparer.Ordinal);
        _childByName = new Dictionary<string, ChildTypeDefinition>(StringComparer.OrdinalIgnoreCase);
        _parentOfChild = new Dictionary<string, MetadataTypeDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var parent in all)
        {
            foreach (var child in parent.Children)
            {
                _childByName[child.Name] = child;
                _parentOfChild[child.Name] = parent;
            }
        }

        Types = all;
    }

    public static MetadataTypeRegistry Default => DefaultRegistry.Value;

    public IReadOnlyList<MetadataTypeDefinition> Types { get; }

    /// <summary>Every type name a component can have, children included, sorted: for completers and validation.</summary>
    public IEnumerable<string> AllTypeNames =>
        _byName.Values.Select(t => t.Name).Concat(_childByName.Values.Select(c => c.Name)).Append(UnknownTypeName).OrderBy(n => n, StringComparer.Ordinal);

    public MetadataTypeDefinition? FindByName(string name) => _byName.TryGetValue(name, out var t) ? t : null;

    /// <summary>
    /// The type a type folder such as <c>classes</c> holds: the strict type of that folder, else the one
    /// content type kept there; null when none or several (wave/ holds five types told apart by suffix).
    /// </summary>
    public MetadataTypeDefinition? FindByDirectory(string directoryName) =>
        _strictByDirectory.TryGetValue(directoryName, out var strict) ? strict
        : _contentTypeByDirectory.TryGetValue(directoryName, out var t) ? t
        : null;

    /// <summary>The type whose strict folder this is (lwc, objects, staticresources), or null.</summary>
    public MetadataTypeDefinition? FindByStrictDirectory(string directoryName) =>
        _strictByDirectory.TryGetValue(directoryName, out var t) ? t : null;

    /// <summary>The top-level type a file suffix names (<c>cls</c>, <c>flow</c>, <c>reportFolder</c>), or null.</summary>
    public MetadataTypeDefinition? FindBySuffix(string suffix) => _bySuffix.TryGetValue(suffix, out var t) ? t : null;

    /// <summary>True when some type keeps its files in a folder of this name.</summary>
    public bool IsTypeDirectory(string directoryName) => _directories.Contains(directoryName);

    /// <summary>The folder types whose folders hold this in-folder type (EmailTemplate: EmailFolder and EmailTemplateFolder).</summary>
    public IEnumerable<MetadataTypeDefinition> FolderTypesOf(MetadataTypeDefinition contentType) =>
        Types.Where(t => string.Equals(t.ContentTypeName, contentType.Name, StringComparison.Ordinal));

    public bool IsKnownTypeName(string name) =>
        _byName.ContainsKey(name) || _childByName.ContainsKey(name)
        || string.Equals(name, UnknownTypeName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The parent type of a child type name (CustomObject for CustomField), or null.</summary>
    public MetadataTypeDefinition? FindParentOfChild(string childTypeName) =>
        _parentOfChild.TryGetValue(childTypeName, out var t) ? t : null;

    /// <summary>The child type of that name (CustomField), or null.</summary>
    public ChildTypeDefinition? FindChild(string childTypeName) =>
        _childByName.TryGetValue(childTypeName, out var c) ? c : null;

    /// <summary>The canonical spelling of a type name, or null when unknown.</summary>
    public string? CanonicalName(string name)
    {
        if (_byName.TryGetValue(name, out var t))
        {
            return t.Name;
        }

        if (_childByName.TryGetValue(name, out var c))
        {
            return c.Name;
        }

        return string.Equals(name, UnknownTypeName, StringComparison.OrdinalIgnoreCase) ? UnknownTypeName : null;
    }
}
