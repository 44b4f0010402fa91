using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Hashing;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Registry;
using SandboxOps.Engine.Xml;
using XmlNode = SandboxOps.Engine.Xml.XmlNode;

namespace SandboxOps.Engine.Reading;

/// <summary>
/// Turns the files of one unit into components with canonical hashes. File contents are streamed
/// through the hash; only one component's XML tree is held at a time.
/// </summary>
internal sealed class UnitReader
{
    private readonly MetadataSource _source;

    public UnitReader(MetadataSource source)
    {
        _source = source;
    }

    public List<MetadataComponent> Read(ReadUnit unit, ReadOptions options)
    {
        return unit.Kind switch
        {
            UnitKind.Container => ReadContainer(unit, options),
            UnitKind.XmlFile => new List<MetadataComponent> { ReadXmlFile(unit) },
            UnitKind.Merged => new List<MetadataComponent> { ReadMerged(unit) },
            _ => new List<MetadataComponent> { ReadFiles(unit) },
        };
    }

    private MetadataComponent ReadXmlFile(ReadUnit unit)
    {
        var file = unit.Files.Single();
        var root = WithFile(file, () => ReadRoot(file.Path));
        var digest = CanonicalXml.Hash(root, UnorderedListRules.ForType(unit.TypeName));
        return Component(unit.TypeName, unit.FullName, unit.Parent, unit, digest.ToHex(), file.Size);
    }

    /// <summary>
    /// Merges a decomposed permission set back into one element tree. A file in a folder named after a
    /// list (fieldPermissions/) may hold one entry's elements bare; they are wrapped in that element.
    /// Everything else contributes its root's children. The canonical form ignores order, so the result
    /// hashes like the single Metadata API file.
    /// </summary>
    private MetadataComponent ReadMerged(ReadUnit unit)
    {
        var merged = XmlNode.Create(unit.TypeName);
        foreach (var part in unit.Parts)
        {
            var file = part.Value;
            var root = WithFile(file, () => ReadRoot(file.Path));
            var slash = part.Key.IndexOf('/');
            var folder = slash < 0 ? null : part.Key.Substring(0, slash);
            if (folder is null || folder == "objectSettings" || root.Children.Any(c => c.Name == folder))
            {
                merged.Children.AddRange(root.Children);
                continue;
            }

            var entry = XmlNode.Create(folder);
            entry.Children.AddRange(root.Children);
            merged.Children.Add(entry);
        }

        var digest = CanonicalXml.Hash(merged, UnorderedListRules.ForType(unit.TypeName));
        return Component(unit.TypeName, unit.FullName, unit.Parent, unit, digest.ToHex(), unit.Files.Sum(f => f.Size));
    }

    private XmlNode ReadRoot(string path)
    {
        using var stream = _source.FileSystem.OpenRead(path);
        using var reader = SafeXml.Open(stream);
        SafeXml.MoveToRoot(reader);
        return XmlNode.Read(reader);
    }

    private MetadataComponent ReadFiles(ReadUnit unit)
    {
        const string folderContent = ResolvedFile.ContentRole + "/";
        var parts = new ComponentDigestBuilder();
        var folderEntries = new SortedDictionary<string, Digest>(StringComparer.Ordinal);
        var fullName = unit.FullName;
        long size = 0;
        foreach (var part in unit.Parts)
        {
            var role = part.Key;
            var file = part.Value;
            size += file.Size;
            if (role.StartsWith(folderContent, StringComparison.Ordinal))
            {
                folderEntries[role.Substring(folderContent.Length)] = WithFile(file, () => HashContent(file.Path));
                continue;
            }

            parts.Add(role, WithFile(file, () => IsXmlRole(role) ? HashXml(file.Path) : HashContentOrArchive(unit, file.Path)));
            if (role == ResolvedFile.ContentRole && unit.Definition is { IsInFolder: true, Layout: ComponentLayout.MixedContent })
            {
                // A Document is named with its content file's extension: Shared/logo.png.
                fullName = fullName.Substring(0, fullName.LastIndexOf('/') + 1) + file.Path.Substring(file.Path.LastIndexOf('/') + 1);
            }
        }

        if (folderEntries.Count > 0)
        {
            parts.Add(ResolvedFile.ContentRole, EntriesDigest(folderEntries));
        }

        return Component(unit.TypeName, fullName, unit.Parent, unit, parts.Finish().ToHex(), size);
    }

    private List<MetadataComponent> ReadContainer(ReadUnit unit, ReadOptions options)
    {
        var definition = unit.Definition!;
        var file = unit.Files.Single();
        var components = new List<MetadataComponent>();
        WithFile(file, () =>
        {
            using var stream = _source.FileSystem.OpenRead(file.Path);
            using var reader = SafeXml.Open(stream);
            SafeXml.MoveToRoot(reader);
            var own = XmlNode.Create(reader.LocalName);
            if (!reader.IsEmptyElement)
            {
                reader.Read();
                while (reader.NodeType != XmlNodeType.EndElement && reader.NodeType != XmlNodeType.None)
                {
                    if (reader.NodeType != XmlNodeType.Element)
                    {
                        reader.Read();
                        continue;
                    }

                    var childType = definition.ChildForElement(reader.LocalName);
                    var node = XmlNode.Read(reader);
                    if (childType is null)
                    {
                        own.Children.Add(node);
                    }
                    else if (options.IncludesType(childType.Name))
                    {
                        components.Add(Child(unit, file, childType, node));
                    }
                }
            }

            var hasOwnContent = own.Children.Any(c => c.Name != "fullName");
            if (hasOwnContent && options.IncludesType(definition.Name))
            {
                var digest = CanonicalXml.Hash(own, UnorderedListRules.ForType(definition.Name));
                components.Insert(0, Component(definition.Name, unit.FullName, unit.Parent, unit, digest.ToHex(), digest.Length));
            }

            return 0;
        });
        return components;
    }

    private MetadataComponent Child(ReadUnit unit, MetadataFile file, ChildTypeDefinition childType, XmlNode node)
    {
        var name = node.ChildText(childType.IdentityElement);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw UnitFileException.For(
                file.Path,
                new XmlException($"A <{childType.XmlElement}> entry has no <{childType.IdentityElement}>, so the {childType.Name} cannot be named. Add the element or remove the entry."));
        }

        var fullName = childType.NameIncludesParent ? unit.FullName + "." + name!.Trim() : name!.Trim();
        var digest = CanonicalXml.Hash(node, UnorderedListRules.ForType(childType.Name));
        return Component(childType.Name, fullName, unit.FullName, unit, digest.ToHex(), digest.Length);
    }

    private MetadataComponent Component(string type, string fullName, string? parent, ReadUnit unit, string hash, long size) =>
        new(
            new ComponentKey(type, fullName),
            parent,
            _source.Description,
            _source.Format,
            unit.Files.Select(f => f.Path).ToList(),
            size,
            hash,
            unit.LastModified);

    private static bool IsXmlRole(string role) =>
        role == ResolvedFile.MetaRole || role.EndsWith("-meta.xml", StringComparison.Ordinal);

    private Digest HashXml(string path) => CanonicalXml.Hash(ReadRoot(path), UnorderedListRules.ForType(string.Empty));

    private Digest HashContent(string path)
    {
        using var stream = _source.FileSystem.OpenRead(path);
        return ContentHasher.Hash(stream, path);
    }

    /// <summary>A zipped static resource is hashed entry by entry, so it equals the same files as a folder.</summary>
    private Digest HashContentOrArchive(ReadUnit unit, string path)
    {
        if (unit.Definition is not { Name: "StaticResource" })
        {
            return HashContent(path);
        }

        using var stream = _source.FileSystem.OpenRead(path);
        var seekable = stream.CanSeek ? stream : CopyToMemory(stream);
        try
        {
            if (!IsZip(seekable))
            {
                return ContentHasher.HashBinary(seekable);
            }

            using var archive = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true);
            var entries = new SortedDictionary<string, Digest>(StringComparer.Ordinal);
            foreach (var entry in archive.Entries.Where(e => !e.FullName.EndsWith("/", StringComparison.Ordinal)))
            {
                using var content = entry.Open();
                entries[entry.FullName.Replace('\\', '/')] = ContentHasher.Hash(content, entry.FullName);
            }

            return EntriesDigest(entries);
        }
        finally
        {
            if (!ReferenceEquals(seekable, stream))
            {
                seekable.Dispose();
            }
        }
    }

    private static MemoryStream CopyToMemory(Stream stream)
    {
        var memory = new MemoryStream();
        stream.CopyTo(memory);
        memory.Position = 0;
        return memory;
    }

    private static bool IsZip(Stream stream)
    {
        var signature = new byte[4];
        var read = stream.Read(signature, 0, 4);
        stream.Position = 0;
        return read == 4 && signature[0] == 0x50 && signature[1] == 0x4B && signature[2] == 0x03 && signature[3] == 0x04;
    }

    private static Digest EntriesDigest(SortedDictionary<string, Digest> entries)
    {
        using var writer = new DigestWriter();
        writer.Tag('Z');
        foreach (var entry in entries)
        {
            writer.Text(entry.Key);
            writer.Bytes(entry.Value.Value);
        }

        return writer.Finish();
    }

    private static T WithFile<T>(MetadataFile file, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (UnitFileException)
        {
            throw;
        }
        catch (Exception ex) when (ex is XmlException or IOException or UnauthorizedAccessException or ForbiddenDtdException or InvalidDataException)
        {
            throw UnitFileException.For(file.Path, ex);
        }
    }
}
