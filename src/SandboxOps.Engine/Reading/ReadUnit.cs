using System;
using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Registry;

namespace SandboxOps.Engine.Reading;

/// <summary>The files that are read together because they make one component (or a parent and its children).</summary>
internal sealed class ReadUnit
{
    public ReadUnit(ResolvedFile first, string packageRoot)
    {
        Kind = first.Kind;
        TypeName = first.TypeName;
        FullName = first.FullName;
        Definition = first.Definition;
        Parent = first.Parent;
        PackageRoot = packageRoot;
    }

    private ComponentFiles? _paths;

    public UnitKind Kind { get; }

    public string TypeName { get; }

    public string FullName { get; }

    public MetadataTypeDefinition? Definition { get; }

    public string? Parent { get; }

    public string PackageRoot { get; }

    /// <summary>Files with their role; the same role twice means two files claim one component.</summary>
    public List<KeyValuePair<string, MetadataFile>> Parts { get; } = new();

    public IEnumerable<MetadataFile> Files => Parts.Select(p => p.Value);

    /// <summary>
    /// The unit's file paths as components list them, built once after indexing: every child of an object
    /// file shares the one list rather than holding a copy each (a 100k-component org has 80k such children).
    /// </summary>
    public ComponentFiles Paths => _paths ??= new ComponentFiles(Files.Select(f => f.Path).ToList());

    public DateTime? LastModified => Files.Select(f => f.LastModified).Max();

    /// <summary>Every type this unit can produce: for a container, the parent's and its children's.</summary>
    public IEnumerable<string> ProducibleTypes => Kind == UnitKind.Container && Definition is not null
        ? Definition.Children.Select(c => c.Name).Prepend(Definition.Name)
        : new[] { TypeName };
}
