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
/// Turns the files of one unit into components with canonical hashes, keeping each component's parts
/// (element trees, how to reload text) for callers that diff them. File contents are streamed through
/// the hash; only one unit's XML trees are held at a time, and none at all for callers that want hashes only.
/// </summary>
internal sealed class UnitReader
{
    private const string FolderContentPrefix = ResolvedFile.ContentRole + "/";

    private readonly MetadataSource _source;
    private readonly bool _hashesOnly;

    /// <param name="source">Where the unit's files are.</param>
    /// <param name="hashesOnly">True for callers that never diff: a whole-file component is then hashed as it is read, without keeping its parts.</param>
    public UnitReader(MetadataSource source, bool hashesOnly = false)
    {
        _source = source;
        _hashesOnly = hashesOnly;
    }

    public List<ComponentContent> Read(ReadUnit unit, ReadOptions options) => unit.Kind switch
    {
        UnitKind.Container => (_hashesOnly ? HashContainer(unit, options) : options.NamesComponents ? ReadNamedChildren(unit, options) : null) ?? ReadContainer(unit, options),
        UnitKind.XmlFile => new List<ComponentContent> { ReadXmlFile(unit) },
        UnitKind.Merged => new List<ComponentContent> { ReadMerged(unit) },
        _ => new List<ComponentContent> { ReadFiles(unit) },
    };

    private ComponentContent ReadXmlFile(ReadUnit unit)
    {
        var file = unit.Files.Single();
        if (_hashesOnly)
        {
            var digest = WithFile(file, () => HashXmlFile(file, UnorderedListRules.ForType(unit.TypeName)));
            return HashedComponent(unit.TypeName, unit.FullName, unit.Parent, unit, digest, file.Size);
        }

        var (root, traits) = WithFile(file, () => ReadRoot(file.Path));
        return XmlComponent(unit.TypeName, unit.FullName, unit.Parent, unit, root, traits, file.Size);
    }

    /// <summary>
    /// Merges a decomposed permission set back into one element tree. A file in a folder named after a
    /// list (fieldPermissions/) may hold one entry's elements bare; they are wrapped in that element.
    /// Everything else contributes its root's children. The canonical form ignores order, so the result
    /// hashes like the single Metadata API file.
    /// </summary>
    private ComponentContent ReadMerged(ReadUnit unit)
    {
        var merged = XmlNode.Create(unit.TypeName);
        foreach (var part in unit.Parts)
        {
            var file = part.Value;
            var (root, _) = WithFile(file, () => ReadRoot(file.Path));
            var slash = part.Key.IndexOf('/');
            var folder = slash < 0 ? null : part.Key.Substring(0, slash);
            if (folder is null || folder == "objectSettings" || root.Children.Any(c => c.Name == folder))
            {
                merged.AddRange(root.Children);
                continue;
            }

            var entry = XmlNode.Create(folder);
            entry.AddRange(root.Children);
            merged.Add(entry);
        }

        return XmlComponent(unit.TypeName, unit.FullName, unit.Parent, unit, merged, traits: null, unit.Files.Sum(f => f.Size));
    }

    /// <summary>
    /// A parent and its children from the parent's file, or from each of its pieces in path order: the
    /// parent's own elements are merged into one component, children are components of their own (the
    /// same child in two pieces is a duplicate, refused where components are admitted).
    /// </summary>
    private List<ComponentContent> ReadContainer(ReadUnit unit, ReadOptions options)
    {
        var definition = unit.Definition!;
        var components = new List<ComponentContent>();
        var own = new List<XmlNode>();
        FileTraits? ownTraits = null;
        foreach (var file in unit.Files)
        {
            WithFile(file, () =>
            {
                var children = new List<ComponentContent>();
                using var recorder = new TraitRecordingStream(_source.FileSystem.OpenRead(file.Path));
                using var reader = SafeXml.Open(recorder);
                var declaration = SafeXml.MoveToRoot(reader);
                var root = XmlNode.Read(reader, childType => definition.ChildForElement(childType) is not null, (element, node) =>
                {
                    var childType = definition.ChildForElement(element)!;
                    if (options.IncludesType(childType.Name))
                    {
                        children.Add(Child(unit, file, childType, node));
                    }
                });

                var traits = new FileTraits(declaration, recorder.SawCarriageReturn, recorder.HasByteOrderMark);
                foreach (var child in children)
                {
                    child.Parts[0].AttachTraits(traits);
                }

                components.AddRange(children);
                own.AddRange(root.Children.Where(c => c.Name != "fullName")); // a root fullName is never hashed

                ownTraits ??= traits;
                return true;
            });
        }

        if (own.Count > 0 && options.IncludesType(definition.Name))
        {
            var merged = XmlNode.Create(definition.Name);
            merged.AddRange(own);
            components.Insert(0, XmlComponent(definition.Name, unit.FullName, unit.Parent, unit, merged, ownTraits, size: null));
        }

        return components;
    }

    /// <summary>
    /// Only the children the options name, from a container's files: each file split into its root's children by
    /// the byte scanner and only the named children parsed, so a drift link that re-examines three fields of an object does not build the other two hundred.
    /// Null when the scanner cannot vouch for a file: the parser then reads the whole unit.
    /// </summary>
    private List<ComponentContent>? ReadNamedChildren(ReadUnit unit, ReadOptions options)
    {
        var definition = unit.Definition!;
        if (options.IncludesComponent(definition.Name, unit.FullName))
        {
            return null; // the parent itself is wanted (changed, or unreadable): parsed whole, as a compare would
        }

        var components = new List<ComponentContent>();
        var buffer = WholeFile.RentBuffer();
        try
        {
            foreach (var file in unit.Files)
            {
                var length = WithFile(file, () => WholeFile.Read(_source.FileSystem, file, ref buffer));
                var fragments = XmlFragments.Split(new ArraySegment<byte>(buffer, 0, length), definition.ChildIdentity);
                if (fragments is null)
                {
                    return null;
                }

                var traits = WithFile(file, () => TraitsOf(buffer, length));
                foreach (var fragment in fragments)
                {
                    if (definition.ChildForElement(fragment.Name) is not { } childType)
                    {
                        continue;
                    }

                    if (string.IsNullOrWhiteSpace(fragment.Key))
                    {
                        return null;
                    }

                    if (options.IncludesType(childType.Name) && options.IncludesComponent(childType.Name, ChildFullName(unit, childType, fragment.Key!)))
                    {
                        var child = Child(unit, file, childType, WithFile(file, () => XmlNode.Parse(buffer, fragment.Start, fragment.Length)));
                        child.Parts[0].AttachTraits(traits);
                        components.Add(child);
                    }
                }
            }
        }
        finally
        {
            WholeFile.ReturnBuffer(buffer);
        }

        return components;
    }

    /// <summary>What the parser would record of a whole file: its declaration, line endings and byte order mark.</summary>
    private static FileTraits TraitsOf(byte[] buffer, int length)
    {
        using var reader = SafeXml.Open(new MemoryStream(buffer, 0, length, writable: false));
        var declaration = SafeXml.MoveToRoot(reader);
        return new FileTraits(declaration, TraitRecordingStream.HasCarriageReturn(buffer, 0, length), TraitRecordingStream.BeginsWithByteOrderMark(buffer, 0, length));
    }

    /// <summary>
    /// A container's components as hashes alone, straight from bytes: each file split into its root's children,
    /// each child hashed from its own bytes as its own file would be, the parent's own elements hashed together;
    /// no tree is built. Null when the byte scanner cannot vouch for a file or a child has no name: the parser
    /// then reads the unit and reports what is wrong with it.
    /// </summary>
    private List<ComponentContent>? HashContainer(ReadUnit unit, ReadOptions options)
    {
        var definition = unit.Definition!;
        var components = new List<ComponentContent>();
        using var own = new MemoryStream();
        var rootTag = System.Text.Encoding.ASCII.GetBytes("<" + definition.Name + ">");
        own.Write(rootTag, 0, rootTag.Length); // the own elements are hashed as one document under this root
        var ownElements = false;
        var buffer = WholeFile.RentBuffer();
        try
        {
            foreach (var file in unit.Files)
            {
                var length = WithFile(file, () => WholeFile.Read(_source.FileSystem, file, ref buffer));
                var fragments = XmlFragments.Split(new ArraySegment<byte>(buffer, 0, length), definition.ChildIdentity);
                if (fragments is null)
                {
                    return null;
                }

                foreach (var fragment in fragments)
                {
                    if (definition.ChildForElement(fragment.Name) is not { } childType)
                    {
                        own.Write(buffer, fragment.Start, fragment.Length); // the root's fullName is left out by the hash
                        ownElements |= fragment.Name != "fullName";
                        continue;
                    }

                    if (string.IsNullOrWhiteSpace(fragment.Key) || !CanonicalBytes.TryHash(buffer, fragment.Start, fragment.Length, UnorderedListRules.ForType(childType.Name), out var digest))
                    {
                        return null;
                    }

                    if (options.IncludesType(childType.Name))
                    {
                        components.Add(HashedComponent(childType.Name, ChildFullName(unit, childType, fragment.Key!), unit.FullName, unit, digest, digest.Length));
                    }
                }
            }
        }
        finally
        {
            WholeFile.ReturnBuffer(buffer);
        }

        if (!ownElements || !options.IncludesType(definition.Name))
        {
            return components;
        }

        own.WriteByte((byte)'<');
        own.WriteByte((byte)'/');
        own.Write(rootTag, 1, rootTag.Length - 1);
        if (!CanonicalBytes.TryHash(own.GetBuffer(), (int)own.Length, UnorderedListRules.ForType(definition.Name), out var ownDigest))
        {
            return null;
        }

        components.Insert(0, HashedComponent(definition.Name, unit.FullName, unit.Parent, unit, ownDigest, ownDigest.Length));
        return components;
    }

    /// <summary>A child component from its element, read from its parent's file.</summary>
    public ComponentContent Child(ReadUnit unit, MetadataFile file, ChildTypeDefinition childType, XmlNode node)
    {
        var name = node.ChildText(childType.IdentityElement);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw UnitFileException.For(
                file.Path,
                new XmlException($"A <{childType.XmlElement}> entry has no <{childType.IdentityElement}>, so the {childType.Name} cannot be named. Add the element or remove the entry."));
        }

        return XmlComponent(childType.Name, ChildFullName(unit, childType, name!), unit.FullName, unit, node, traits: null, size: null);
    }

    private static string ChildFullName(ReadUnit unit, ChildTypeDefinition childType, string name) =>
        childType.NameIncludesParent ? unit.FullName + "." + name.Trim() : name.Trim();

    private ComponentContent ReadFiles(ReadUnit unit)
    {
        var hashParts = new ComponentDigestBuilder();
        var parts = new List<ContentPart>();
        var folderEntries = new SortedDictionary<string, Digest>(StringComparer.Ordinal);
        var fullName = unit.FullName;
        foreach (var pair in unit.Parts)
        {
            var role = pair.Key;
            var file = pair.Value;
            if (role.StartsWith(FolderContentPrefix, StringComparison.Ordinal))
            {
                var entry = WithFile(file, () => ReadContentFile(role, file));
                if (!ArchiveJunk.IsPart(role))
                {
                    folderEntries[role.Substring(FolderContentPrefix.Length)] = entry.Digest;
                }

                parts.Add(entry);
                continue;
            }

            if (IsXmlRole(role) && _hashesOnly)
            {
                // A -meta.xml beside code: its hash from its bytes, no tree (nobody diffs what is only hashed).
                hashParts.Add(role, WithFile(file, () => HashXmlFile(file, UnorderedListRules.ForType(string.Empty))));
            }
            else if (IsXmlRole(role))
            {
                var (tree, traits) = WithFile(file, () => ReadRoot(file.Path));
                var digest = CanonicalXml.Hash(tree, UnorderedListRules.ForType(string.Empty));
                hashParts.Add(role, digest);
                parts.Add(new ContentPart(role, digest, file.Size, tree, traits, isText: true, loadText: null));
            }
            else if (unit.Definition is { Name: "StaticResource" } && role == ResolvedFile.ContentRole)
            {
                var archive = WithFile(file, () => ReadStaticResource(file));
                hashParts.Add(role, archive.Digest);
                parts.AddRange(archive.Parts);
            }
            else
            {
                var content = WithFile(file, () => ReadContentFile(role, file));
                hashParts.Add(role, content.Digest);
                parts.Add(content);
            }

            if (role == ResolvedFile.ContentRole && unit.Definition is { IsInFolder: true, Layout: ComponentLayout.MixedContent })
            {
                // A Document is named with its content file's extension: Shared/logo.png.
                fullName = fullName.Substring(0, fullName.LastIndexOf('/') + 1) + file.Path.Substring(file.Path.LastIndexOf('/') + 1);
            }
        }

        if (folderEntries.Count > 0)
        {
            hashParts.Add(ResolvedFile.ContentRole, EntriesDigest(folderEntries));
        }

        var component = Component(unit.TypeName, fullName, unit.Parent, unit, hashParts.Finish().ToHex(), unit.Files.Sum(f => f.Size));
        return new ComponentContent(component, parts.OrderBy(p => p.Role, StringComparer.Ordinal).ToList());
    }

    /// <summary>A component known by its hash alone, for callers that never diff it.</summary>
    private ComponentContent HashedComponent(string type, string fullName, string? parent, ReadUnit unit, Digest digest, long size) =>
        new(Component(type, fullName, parent, unit, digest.ToHex(), size), Array.Empty<ContentPart>());

    /// <summary>A component made of one XML tree (the whole component, or a parent's own elements).</summary>
    public ComponentContent XmlComponent(string type, string fullName, string? parent, ReadUnit unit, XmlNode tree, FileTraits? traits, long? size)
    {
        var digest = CanonicalXml.Hash(tree, UnorderedListRules.ForType(type));
        var part = new ContentPart(ResolvedFile.MetaRole, digest, size ?? digest.Length, tree, traits, isText: true, loadText: null);
        return new ComponentContent(Component(type, fullName, parent, unit, digest.ToHex(), size ?? digest.Length), new[] { part });
    }

    private MetadataComponent Component(string type, string fullName, string? parent, ReadUnit unit, string hash, long size) =>
        new(
            new ComponentKey(type, fullName),
            parent,
            _source.Description,
            _source.Format,
            unit.Paths,
            size,
            hash,
            unit.LastModified);

    private static bool IsXmlRole(string role) =>
        role == ResolvedFile.MetaRole || role.EndsWith("-meta.xml", StringComparison.Ordinal);

    private (XmlNode Root, FileTraits Traits) ReadRoot(string path)
    {
        using var recorder = new TraitRecordingStream(_source.FileSystem.OpenRead(path));
        using var reader = SafeXml.Open(recorder);
        var declaration = SafeXml.MoveToRoot(reader);
        var root = XmlNode.Read(reader);
        return (root, new FileTraits(declaration, recorder.SawCarriageReturn, recorder.HasByteOrderMark));
    }

    /// <summary>Plain files are hashed from their bytes; anything else (entities, CDATA, malformed XML) goes through the parser.</summary>
    private Digest HashXmlFile(MetadataFile file, IReadOnlyDictionary<string, string[]> keyedLists)
    {
        var buffer = WholeFile.RentBuffer();
        try
        {
            var length = WholeFile.Read(_source.FileSystem, file, ref buffer);
            if (CanonicalBytes.TryHash(buffer, length, keyedLists, out var digest))
            {
                return digest;
            }

            using var reader = SafeXml.OpenForHashing(new MemoryStream(buffer, 0, length, writable: false));
            SafeXml.MoveToRoot(reader);
            return CanonicalXml.HashStreamed(reader, keyedLists);
        }
        finally
        {
            WholeFile.ReturnBuffer(buffer);
        }
    }

    private ContentPart ReadContentFile(string role, MetadataFile file)
    {
        using var recorder = new TraitRecordingStream(_source.FileSystem.OpenRead(file.Path));
        var isText = ContentHasher.IsText(file.Path);
        var digest = ContentHasher.Hash(recorder, file.Path);
        var traits = new FileTraits(null, recorder.SawCarriageReturn, recorder.HasByteOrderMark);
        return new ContentPart(role, digest, file.Size, null, traits, isText, () => LoadText(() => _source.FileSystem.OpenRead(file.Path)));
    }

    /// <summary>
    /// A static resource that is a zip is hashed entry by entry, so it equals the same files as a folder;
    /// each entry is a part of its own for diffs.
    /// </summary>
    private (Digest Digest, List<ContentPart> Parts) ReadStaticResource(MetadataFile file)
    {
        using var stream = OpenSeekable(file.Path);
        if (!IsZip(stream))
        {
            var part = ReadContentFile(ResolvedFile.ContentRole, file);
            return (part.Digest, new List<ContentPart> { part });
        }

        using var archive = new ZipArchive(stream, ZipArchiveMode.Read);
        var entries = new SortedDictionary<string, Digest>(StringComparer.Ordinal);
        var parts = new List<ContentPart>();
        var budget = ArchiveLimits.Current.For(_source.FileSystem.DisplayPath(file.Path), stream.Length);
        foreach (var entry in archive.Entries.Where(e => !e.FullName.EndsWith("/", StringComparison.Ordinal)))
        {
            var name = entry.FullName.Replace('\\', '/');
            using var recorder = new TraitRecordingStream(budget.Open(entry.Open()));
            var digest = ContentHasher.Hash(recorder, name);
            if (!ArchiveJunk.Is(name))
            {
                entries[name] = digest;
            }

            var entryName = entry.FullName;
            parts.Add(new ContentPart(
                FolderContentPrefix + name,
                digest,
                entry.Length,
                null,
                new FileTraits(null, recorder.SawCarriageReturn, recorder.HasByteOrderMark),
                ContentHasher.IsText(name),
                () => LoadText(() => OpenZipEntry(file.Path, entryName))));
        }

        return (EntriesDigest(entries), parts);
    }

    private MemoryStream OpenZipEntry(string zipPath, string entryName)
    {
        var stream = OpenSeekable(zipPath);
        var archive = new ZipArchive(stream, ZipArchiveMode.Read);
        var content = new MemoryStream();
        using (var entry = archive.GetEntry(entryName)!.Open())
        {
            entry.CopyTo(content);
        }

        archive.Dispose();
        content.Position = 0;
        return content;
    }

    private Stream OpenSeekable(string path)
    {
        var stream = _source.FileSystem.OpenRead(path);
        if (stream.CanSeek)
        {
            return stream;
        }

        using (stream)
        {
            var memory = new MemoryStream();
            stream.CopyTo(memory);
            memory.Position = 0;
            return memory;
        }
    }

    private static string LoadText(Func<Stream> open)
    {
        using var reader = new StreamReader(open(), detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
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
        using var writer = DigestWriter.Rent();
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
