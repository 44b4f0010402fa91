using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Merging;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Packaging;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Registry;
using SandboxOps.Engine.Xml;
using XmlNode = SandboxOps.Engine.Xml.XmlNode;

namespace SandboxOps.Engine.BackPromotion;

/// <summary>
/// Writes one component of a source into a target folder in the target's own format, or removes it,
/// touching nothing else: a child that lives inside its parent's file (a field in Account.object, a label
/// in CustomLabels.labels) is merged into that file element by element, so the target's other children
/// (work in progress among them) stay as they are. Every change is staged (<see cref="StagedChanges"/>);
/// the target itself changes only when the staged changes are committed.
/// </summary>
internal sealed class ComponentPlacer
{
    private readonly StagedChanges _target;
    private readonly MetadataFormat _format;
    private readonly string _newComponentRoot;
    private static readonly ComponentPathResolver Resolver = new(MetadataTypeRegistry.Default);
    private readonly FormatConverter _converter;
    private readonly Lazy<SourceIndex> _sourceIndex;

    public ComponentPlacer(EngineContext context, MetadataSource source, StagedChanges target, MetadataFormat format, string newComponentRoot)
    {
        _target = target;
        _format = format;
        _newComponentRoot = newComponentRoot;
        _converter = new FormatConverter(context);
        _sourceIndex = new Lazy<SourceIndex>(() => new MetadataReader(context).Index(source));
    }

    /// <summary>Writes the source's version of <paramref name="key"/>; <paramref name="existing"/> is the target's component, if any.</summary>
    public void Write(ComponentKey key, MetadataComponent? existing)
    {
        using var staged = StagedOutput.TemporaryFolder("sandboxops-place-");
        var scratch = staged.Path;
        Directory.CreateDirectory(scratch);
        _converter.Convert(_sourceIndex.Value, scratch, _format, unit => PackageBuilder.Selected(unit, new[] { key }, Array.Empty<ComponentKey>()), k => k == key);
        var written = Directory.EnumerateFiles(scratch, "*", SearchOption.AllDirectories)
            .Select(f => f.Substring(scratch.Length + 1).Replace('\\', '/'))
            .Where(f => f is not "package.xml" and not SfdxProject.FileName)
            .ToList();
        var prefix = _format == MetadataFormat.Source ? "force-app/main/default/" : string.Empty;
        var existingRoot = existing is null ? null : RootOf(existing.Files[0]);
        var root = existing is null ? _newComponentRoot : existingRoot ?? string.Empty;
        // A component kept outside any type folder (NPSP's force-app/test/X.cls) is rewritten where it is.
        var inPlace = existing is not null && existingRoot is null ? existing.Files[0].Substring(0, existing.Files[0].LastIndexOf('/') + 1) : null;
        var intoSharedFile = IsContainerChild(key, written);
        if (existing is not null && !intoSharedFile)
        {
            foreach (var file in existing.Files.Where(f => !IsShared(existing, f)))
            {
                _target.Delete(file);
            }
        }

        foreach (var file in written)
        {
            var typeRelative = file.StartsWith(prefix, StringComparison.Ordinal) ? file.Substring(prefix.Length) : file;
            var relative = inPlace is null ? root + typeRelative : inPlace + typeRelative.Substring(typeRelative.LastIndexOf('/') + 1);
            var destination = _target.PathFor(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            if (intoSharedFile && File.Exists(destination))
            {
                Merge(destination, Replacements(Path.Combine(scratch, file), key), key);
            }
            else
            {
                File.Copy(Path.Combine(scratch, file), destination, overwrite: true);
            }
        }
    }

    /// <summary>
    /// Whether a merge of the target's component can be written in place: a component with files of its own, or
    /// a child in its parent's file. A parent's own elements in a file shared with its children are not merged.
    /// </summary>
    public static bool CanWriteMerged(MetadataComponent existing) => !InSharedFile(existing) || InParentFile(existing);

    /// <summary>Writes a merge over the target's component: each merged file over its own, a child into its parent's file.</summary>
    public void WriteMerged(MetadataComponent existing, MergeResult<IReadOnlyList<MergedPart>> merge)
    {
        if (merge.Merged.Count == 0)
        {
            return; // the merge is the target as it is (conflicts kept the target's values)
        }

        if (InParentFile(existing))
        {
            var element = XmlNode.Create(Placement(existing.Key).Child!.XmlElement);
            element.AddRange(merge.Merged.Single().Tree!.Children);
            Merge(_target.PathFor(existing.Files[0]), new[] { element }, existing.Key);
            return;
        }

        foreach (var part in merge.Merged)
        {
            var path = _target.PathFor(FileFor(existing, part.Role));
            if (part.Bytes is not null)
            {
                File.WriteAllBytes(path, part.Bytes);
            }
            else if (part.Tree is not null)
            {
                File.WriteAllBytes(path, XmlNodeWriter.Write(part.Tree));
            }
            else
            {
                File.WriteAllText(path, part.Text, new System.Text.UTF8Encoding(false));
            }
        }
    }

    /// <summary>Removes the target's component: its own files, or its element from the parent's file.</summary>
    public void Remove(MetadataComponent existing)
    {
        var key = existing.Key;
        if (InParentFile(existing))
        {
            var path = _target.PathFor(existing.Files[0]);
            var root = Read(path);
            var (parentType, child) = Placement(key);
            var kept = root.Children.Where(n => !IsChild(n, child!, key, parentType)).ToList();
            WriteTree(path, root.Name, kept);
            return;
        }

        foreach (var file in existing.Files)
        {
            _target.Delete(file);
        }
    }

    /// <summary>True when the component lives inside a shared file in the target's format (a child in its parent's file, or a parent's own elements there).</summary>
    private static bool IsContainerChild(ComponentKey key, List<string> written) =>
        written.Count == 1 && Resolver.Resolve(written[0]).Kind == UnitKind.Container
        && (MetadataTypeRegistry.Default.FindParentOfChild(key.Type) is not null || MetadataTypeRegistry.Default.FindByName(key.Type)?.Children.Count > 0);

    private static bool IsShared(MetadataComponent component, string file) => component.Parent is not null && file.EndsWith(".object", StringComparison.Ordinal);

    /// <summary>The component's elements in a converted parent file: a child's element, or the parent's own elements.</summary>
    private static List<XmlNode> Replacements(string incoming, ComponentKey key)
    {
        var (parentType, child) = Placement(key);
        return Read(incoming).Children.Where(n => child is null ? parentType.ChildForElement(n.Name) is null : n.Name == child.XmlElement).ToList();
    }

    /// <summary>Replaces (or adds) the component's elements in the target's file, keeping every other element.</summary>
    private static void Merge(string destination, IEnumerable<XmlNode> replacements, ComponentKey key)
    {
        var existing = Read(destination);
        var (parentType, child) = Placement(key);
        var kept = child is null
            ? existing.Children.Where(n => parentType.ChildForElement(n.Name) is not null).ToList() // the parent's own elements are replaced
            : existing.Children.Where(n => !IsChild(n, child, key, parentType)).ToList();
        var merged = kept.Concat(replacements)
            .OrderBy(n => n.Name == "fullName" ? string.Empty : n.Name, StringComparer.Ordinal)
            .ToList();
        WriteTree(destination, existing.Name, merged);
    }

    private static (MetadataTypeDefinition ParentType, ChildTypeDefinition? Child) Placement(ComponentKey key)
    {
        var registry = MetadataTypeRegistry.Default;
        var parentType = registry.FindParentOfChild(key.Type) ?? registry.FindByName(key.Type)!;
        return (parentType, parentType.Children.FirstOrDefault(c => c.Name == key.Type));
    }

    /// <summary>A child held in its parent's file in the target (a field in Account.object, a label in CustomLabels.labels).</summary>
    private static bool InParentFile(MetadataComponent existing) =>
        MetadataTypeRegistry.Default.FindParentOfChild(existing.Type) is not null && InSharedFile(existing);

    private static bool InSharedFile(MetadataComponent existing) =>
        existing.Files.Count == 1 && Resolver.Resolve(StripRoot(existing.Files[0])).Kind == UnitKind.Container;

    /// <summary>The target's file that holds a part: the only file, the -meta.xml for the XML, the other for the content, else by its path in a bundle.</summary>
    private static string FileFor(MetadataComponent existing, string role)
    {
        if (existing.Files.Count == 1)
        {
            return existing.Files[0];
        }

        return role switch
        {
            ResolvedFile.MetaRole => existing.Files.First(f => f.EndsWith("-meta.xml", StringComparison.Ordinal)),
            ResolvedFile.ContentRole => existing.Files.First(f => !f.EndsWith("-meta.xml", StringComparison.Ordinal)),
            _ => existing.Files.First(f => f.EndsWith("/" + role, StringComparison.Ordinal)),
        };
    }

    private static bool IsChild(XmlNode node, ChildTypeDefinition child, ComponentKey key, MetadataTypeDefinition parentType)
    {
        if (node.Name != child.XmlElement)
        {
            return false;
        }

        var name = node.ChildText(child.IdentityElement)?.Trim() ?? string.Empty;
        var fullName = child.NameIncludesParent ? key.FullName.Substring(0, key.FullName.IndexOf('.') + 1) + name : name;
        return parentType.ChildForElement(node.Name) is not null && string.Equals(fullName, key.FullName, StringComparison.OrdinalIgnoreCase);
    }

    private static XmlNode Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = SafeXml.Open(stream);
        SafeXml.MoveToRoot(reader);
        return XmlNode.Read(reader);
    }

    private static void WriteTree(string path, string rootName, IEnumerable<XmlNode> children)
    {
        var root = XmlNode.Create(rootName);
        root.AddRange(children);
        File.WriteAllBytes(path, XmlNodeWriter.Write(root));
    }

    /// <summary>The part of a target path before its type folder (a package directory in a DX project); null when no folder of the path is a type folder.</summary>
    private static string? RootOf(string path)
    {
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (MetadataTypeRegistry.Default.IsTypeDirectory(segments[i]))
            {
                return i == 0 ? string.Empty : string.Join("/", segments.Take(i)) + "/";
            }
        }

        return null;
    }

    private static string StripRoot(string path) => path.Substring(RootOf(path)?.Length ?? 0);
}
