using System;
using System.Linq;
using SandboxOps.Engine.Registry;

namespace SandboxOps.Engine.Reading;

/// <summary>
/// Maps a file to the component it belongs to, from its type folder, its suffix and its type's layout.
/// Both formats go through the same rules, so a source project and its Metadata API conversion meet
/// on the same (type, fullName).
/// </summary>
internal sealed class ComponentPathResolver
{
    private const string MetaSuffix = "-meta.xml";
    private static readonly string[] ToolingFiles = { "jsconfig.json", "tsconfig.json", ".eslintrc.json", "package.json" };

    private readonly MetadataTypeRegistry _registry;

    public ComponentPathResolver(MetadataTypeRegistry registry)
    {
        _registry = registry;
    }

    /// <summary>
    /// The file's component; Unknown when no type claims it, Ignored for tooling (LWC tests, jsconfig).
    /// As Salesforce's CLI resolves: a strict type folder anywhere in the path first (lwc/, objects/,
    /// staticresources/), then the file's suffix wherever it sits (classes in nested folders, records in
    /// any folder), then a type folder anywhere (Metadata API folder meta files such as reports/F-meta.xml).
    /// </summary>
    public ResolvedFile Resolve(string path)
    {
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            var strict = _registry.FindByStrictDirectory(segments[i]);
            if (strict is not null)
            {
                return InType(strict, segments, i, path);
            }
        }

        var bySuffix = ResolveBySuffix(segments);
        if (bySuffix is not null)
        {
            return bySuffix;
        }

        for (var i = 0; i < segments.Length - 1; i++)
        {
            var type = _registry.FindByDirectory(segments[i]);
            if (type is not null)
            {
                return InType(type, segments, i, path);
            }
        }

        return UnknownFile(path);
    }

    private ResolvedFile InType(MetadataTypeDefinition type, string[] segments, int typeFolder, string path)
    {
        var rel = new string[segments.Length - typeFolder - 1];
        Array.Copy(segments, typeFolder + 1, rel, 0, rel.Length);
        var resolved = ResolveInType(type, rel) ?? UnknownFile(path);
        return resolved.Kind == UnitKind.Ignored ? ResolvedFile.Ignored(path) : resolved;
    }

    /// <summary>
    /// A file named for a top-level type's suffix: a -meta.xml file, a content file of a type that has one
    /// (Foo.cls), or any file right in its type folder (Metadata API: customMetadata/T.R.md). Other files
    /// are left to their folders, so a stray README.md or settings.xml is not taken for metadata.
    /// </summary>
    private ResolvedFile? ResolveBySuffix(string[] segments)
    {
        var fileName = segments[segments.Length - 1];
        var isMeta = fileName.EndsWith(MetaSuffix, StringComparison.Ordinal);
        var bare = StripMeta(fileName);
        var dot = bare.LastIndexOf('.');
        var type = dot <= 0 ? null : _registry.FindBySuffix(bare.Substring(dot + 1));
        if (type is null
            || !(isMeta || type.Layout == ComponentLayout.ContentWithMeta || (segments.Length > 1 && segments[segments.Length - 2] == type.DirectoryName))
            || (type.MergedFromSourceFolder && Array.IndexOf(segments, type.DirectoryName) >= 0))
        {
            return null; // a decomposed permission set is one component of its whole folder: its type folder decides
        }

        var contentType = type.IsFolder ? _registry.FindByName(type.ContentTypeName!)! : type;
        if (contentType.IsInFolder || type.Layout == ComponentLayout.Bundle || type.QualifierDirectory is not null)
        {
            // Folders name in-folder components (Sales/Q1/Pipeline) and bundles, and a model names its territories.
            var typeFolder = Array.LastIndexOf(segments, type.QualifierDirectory ?? contentType.DirectoryName, segments.Length - 2);
            if (typeFolder < 0)
            {
                return null;
            }

            if (type.QualifierDirectory is null)
            {
                return InType(contentType, segments, typeFolder, string.Join("/", segments));
            }

            return typeFolder + 1 < segments.Length - 1 ? ResolvePlain(type, fileName, segments[typeFolder + 1] + ".") : null;
        }

        return ResolveInType(type, new[] { fileName });
    }

    private static ResolvedFile UnknownFile(string path) =>
        new(UnitKind.Unknown, MetadataTypeRegistry.UnknownTypeName, path, ResolvedFile.ContentRole);

    private ResolvedFile? ResolveInType(MetadataTypeDefinition type, string[] rel)
    {
        if (type.IsInFolder)
        {
            return ResolveInFolder(type, rel);
        }

        return type.Layout switch
        {
            ComponentLayout.Plain when rel.Length == 1 => ResolvePlain(type, rel[0], string.Empty),
            ComponentLayout.Plain when type.MergedFromSourceFolder => new ResolvedFile(UnitKind.Merged, type.Name, rel[0], string.Join("/", rel.Skip(1)), type),
            ComponentLayout.ContentWithMeta => rel.Length == 1 ? ResolveContentWithMeta(type, rel[0], string.Empty) : null,
            ComponentLayout.Bundle => ResolveBundle(type, rel),
            ComponentLayout.MixedContent => ResolveStaticResource(type, rel),
            ComponentLayout.Decomposed or ComponentLayout.ChildrenInFile => ResolveWithChildren(type, rel),
            _ => null,
        };
    }

    private static ResolvedFile? ResolvePlain(MetadataTypeDefinition type, string fileName, string folder)
    {
        var name = StripSuffix(StripMeta(fileName), type.Suffix!);
        return name is null ? null : new ResolvedFile(UnitKind.XmlFile, type.Name, folder + name, ResolvedFile.MetaRole, type);
    }

    private static ResolvedFile? ResolveContentWithMeta(MetadataTypeDefinition type, string fileName, string folder)
    {
        var isMeta = fileName.EndsWith(MetaSuffix, StringComparison.Ordinal);
        var name = StripSuffix(StripMeta(fileName), type.Suffix!);
        return name is null
            ? null
            : new ResolvedFile(UnitKind.Files, type.Name, folder + name, isMeta ? ResolvedFile.MetaRole : ResolvedFile.ContentRole, type);
    }

    private static ResolvedFile? ResolveBundle(MetadataTypeDefinition type, string[] rel)
    {
        if (rel.Length == 1)
        {
            // ExperienceBundle keeps its meta file beside the folder: experiences/X.site(-meta.xml).
            var name = type.Suffix is null ? null : StripSuffix(StripMeta(rel[0]), type.Suffix);
            if (name is not null)
            {
                return new ResolvedFile(UnitKind.Files, type.Name, name, ResolvedFile.MetaRole, type);
            }

            return ToolingFiles.Contains(rel[0], StringComparer.OrdinalIgnoreCase) ? ResolvedFile.Ignored(rel[0]) : null;
        }

        if (rel.Contains("__tests__") || rel.Contains("__mocks__"))
        {
            return ResolvedFile.Ignored(rel[0]); // Jest tests live beside LWC bundles but are never deployed.
        }

        var depth = type.BundleNameDepth;
        return rel.Length <= depth
            ? null
            : new ResolvedFile(UnitKind.Files, type.Name, string.Join("/", rel.Take(depth)), string.Join("/", rel.Skip(depth)), type);
    }

    private static ResolvedFile ResolveStaticResource(MetadataTypeDefinition type, string[] rel)
    {
        var first = rel[0];
        var dot = first.IndexOf('.');
        var name = dot < 0 ? first : first.Substring(0, dot);
        string role;
        if (rel.Length > 1)
        {
            role = ResolvedFile.ContentRole + "/" + string.Join("/", rel.Skip(1));
        }
        else
        {
            role = first.EndsWith("." + type.Suffix + MetaSuffix, StringComparison.Ordinal) ? ResolvedFile.MetaRole : ResolvedFile.ContentRole;
        }

        return new ResolvedFile(UnitKind.Files, type.Name, name, role, type);
    }

    private ResolvedFile? ResolveInFolder(MetadataTypeDefinition type, string[] rel)
    {
        var folderType = _registry.FindByName(type.FolderTypeName!)!;
        var fileName = rel[rel.Length - 1];
        var folder = string.Join("/", rel.Take(rel.Length - 1));
        var folderPrefix = folder.Length == 0 ? string.Empty : folder + "/";

        // Folder metadata: F.reportFolder-meta.xml (source; Lightning email folders are F.emailTemplateFolder-meta.xml)
        // or F-meta.xml (Metadata API; folder names have no dot).
        if (fileName.EndsWith(MetaSuffix, StringComparison.Ordinal))
        {
            foreach (var candidate in _registry.FolderTypesOf(type))
            {
                var sourceFolder = StripSuffix(StripMeta(fileName), candidate.Suffix!);
                if (sourceFolder is not null)
                {
                    return new ResolvedFile(UnitKind.XmlFile, candidate.Name, folderPrefix + sourceFolder, ResolvedFile.MetaRole, candidate);
                }
            }
        }

        if (fileName.EndsWith(MetaSuffix, StringComparison.Ordinal) && StripMeta(fileName).IndexOf('.') < 0)
        {
            return new ResolvedFile(UnitKind.XmlFile, folderType.Name, folderPrefix + StripMeta(fileName), ResolvedFile.MetaRole, folderType);
        }

        if (folder.Length == 0)
        {
            return null; // content must sit in a folder
        }

        switch (type.Layout)
        {
            case ComponentLayout.Plain:
                return ResolvePlain(type, fileName, folderPrefix);
            case ComponentLayout.ContentWithMeta:
                return ResolveContentWithMeta(type, fileName, folderPrefix);
            default:
                // Document: logo.png + logo.png-meta.xml (Metadata API) or logo.document-meta.xml (source).
                // Grouped on the name before the extension; the fullName takes the content file's name.
                var isMeta = fileName.EndsWith(MetaSuffix, StringComparison.Ordinal);
                var bare = StripMeta(fileName);
                var dot = bare.IndexOf('.');
                var name = dot < 0 ? bare : bare.Substring(0, dot);
                return new ResolvedFile(UnitKind.Files, type.Name, folderPrefix + name, isMeta ? ResolvedFile.MetaRole : ResolvedFile.ContentRole, type);
        }
    }

    private static ResolvedFile? ResolveWithChildren(MetadataTypeDefinition type, string[] rel)
    {
        var fileName = rel[rel.Length - 1];
        var bare = StripMeta(fileName);
        if (rel.Length == 1)
        {
            var parentName = StripSuffix(bare, type.Suffix!);
            if (parentName is not null)
            {
                return new ResolvedFile(UnitKind.Container, type.Name, parentName, ResolvedFile.MetaRole, type);
            }

            // Opt-in decomposed labels: labels/Greeting.label-meta.xml.
            return ResolveChildFile(type, bare, parentName: null);
        }

        var parent = rel[0];
        if (rel.Length == 2 && StripSuffix(bare, type.Suffix!) == parent)
        {
            // objects/Account/Account.object-meta.xml: the parent's own elements; children have their own files.
            return new ResolvedFile(UnitKind.Container, type.Name, parent, ResolvedFile.MetaRole, type);
        }

        return ResolveChildFile(type, bare, parent);
    }

    private static ResolvedFile? ResolveChildFile(MetadataTypeDefinition type, string bareFileName, string? parentName)
    {
        foreach (var child in type.Children)
        {
            var name = StripSuffix(bareFileName, child.SourceSuffix);
            if (name is null)
            {
                continue;
            }

            var fullName = child.NameIncludesParent && parentName is not null ? parentName + "." + name : name;
            return new ResolvedFile(UnitKind.XmlFile, child.Name, fullName, ResolvedFile.MetaRole, type, parentName ?? type.Name);
        }

        return null;
    }

    private static string StripMeta(string fileName) =>
        fileName.EndsWith(MetaSuffix, StringComparison.Ordinal) ? fileName.Substring(0, fileName.Length - MetaSuffix.Length) : fileName;

    /// <summary>The name before ".suffix", or null. Called for every child type of every file of an org: it allocates only the result.</summary>
    private static string? StripSuffix(string fileName, string suffix)
    {
        var nameLength = fileName.Length - suffix.Length - 1;
        return nameLength > 0 && fileName[nameLength] == '.' && fileName.EndsWith(suffix, StringComparison.Ordinal)
            ? fileName.Substring(0, nameLength)
            : null;
    }
}
