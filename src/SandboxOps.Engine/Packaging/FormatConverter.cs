using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Registry;
using SandboxOps.Engine.Xml;
using XmlNode = SandboxOps.Engine.Xml.XmlNode;

namespace SandboxOps.Engine.Packaging;

/// <summary>
/// Writes the metadata of any source in either format: Metadata API (one file per object holding its
/// children, package.xml, zipped static resources) or source (decomposed objects, -meta.xml files,
/// expanded static resources, sfdx-project.json). The element trees are carried over as they are, so the
/// canonical hash of every component is the same before and after.
/// </summary>
public sealed class FormatConverter
{
    private const string SourceRoot = "force-app/main/default/";
    private const string DefaultApiVersion = "62.0";
    private static readonly Regex VersionElement = new("<version>([^<]+)</version>", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex SourceApiVersion = new("\"sourceApiVersion\"\\s*:\\s*\"([^\"]+)\"", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private readonly EngineContext _context;
    private readonly IOperationObserver _observer;
    private readonly MetadataReader _reader;

    public FormatConverter(EngineContext context)
    {
        _context = context;
        _observer = context.Observer;
        _reader = new MetadataReader(context);
    }

    /// <summary>Writes the selected units of <paramref name="source"/> into the empty folder <paramref name="destination"/>.</summary>
    /// <returns>The number of files written.</returns>
    /// <param name="source">What to convert.</param>
    /// <param name="destination">An empty folder.</param>
    /// <param name="target">The format to write.</param>
    /// <param name="include">Which units (file groups) to convert.</param>
    /// <param name="components">
    /// Within a parent's file, which children (and, by the parent's key, which own elements) to keep: a
    /// changed field goes out inside an object file that holds just that field. Null keeps everything.
    /// </param>
    internal int Convert(MetadataSource source, string destination, MetadataFormat target, Func<ReadUnit, bool> include, Func<ComponentKey, bool>? components) =>
        Convert(_reader.Index(source), destination, target, include, components);

    /// <summary>As above, over an index already made: a caller converting one component at a time lists the source once.</summary>
    internal int Convert(SourceIndex index, string destination, MetadataFormat target, Func<ReadUnit, bool> include, Func<ComponentKey, bool>? components)
    {
        var cancellationToken = _context.Cancellation;
        var source = index.Source;
        var writer = new OutputFolder(destination, target == MetadataFormat.Source ? SourceRoot : string.Empty);
        var families = new Dictionary<(string Type, string Name), Family>();
        foreach (var unit in index.Units.Where(include))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var definition = unit.Definition;
            if (unit.Kind is UnitKind.Unknown or UnitKind.Ignored || definition is null)
            {
                // Nothing is dropped: a file no type claims keeps its place under the package directory.
                var file = unit.Files.First();
                _observer.ReportProblem(new MetadataProblem(ProblemSeverity.Warning, ProblemCode.UnknownType, file.Path, $"'{source.FileSystem.DisplayPath(file.Path)}' is not metadata of a known type; it was copied as it is, to {unit.FullName} under the package directory."));
                writer.CopyToPackageDirectory(source, file, unit.FullName);
                continue;
            }

            if (unit.Kind == UnitKind.Merged)
            {
                // A decomposed permission set: merged as the reader merges it, written as one file.
                var merged = new UnitReader(source).Read(unit, ReadOptions.All).Single().Parts[0].Tree!;
                var suffix = "." + definition.Suffix + (target == MetadataFormat.Source ? "-meta.xml" : string.Empty);
                writer.Write(definition.DirectoryName + "/" + unit.FullName + suffix, XmlNodeWriter.Write(merged));
                continue;
            }

            if (unit.Kind == UnitKind.Container || (unit.Kind == UnitKind.XmlFile && definition.Children.Any(c => c.Name == unit.TypeName)))
            {
                var name = unit.Kind == UnitKind.XmlFile ? unit.Parent! : unit.FullName;
                if (!families.TryGetValue((definition.Name, name), out var family))
                {
                    families[(definition.Name, name)] = family = new Family(definition, name);
                }

                family.Add(source, unit);
                continue;
            }

            WriteUnit(source, unit, definition, target, writer);
        }

        foreach (var family in families.Values)
        {
            family.Write(target, writer, components ?? (_ => true));
        }

        WriteManifest(source, destination, target, writer);
        return writer.Count;
    }

    private static void WriteUnit(MetadataSource source, ReadUnit unit, MetadataTypeDefinition definition, MetadataFormat target, OutputFolder writer)
    {
        var directory = definition.DirectoryName + "/";
        var toSource = target == MetadataFormat.Source;
        if (unit.Kind == UnitKind.XmlFile)
        {
            // A plain component or a folder: only the file name changes between formats.
            var file = unit.Files.Single();
            var suffix = definition.IsFolder
                ? (toSource ? "." + definition.Suffix + "-meta.xml" : "-meta.xml")
                : "." + definition.Suffix + (toSource ? "-meta.xml" : string.Empty);
            writer.Copy(source, file, directory + unit.FullName + suffix);
            return;
        }

        switch (definition.Name)
        {
            case "StaticResource":
                WriteStaticResource(source, unit, directory, toSource, writer);
                return;
            case "Document":
                foreach (var part in unit.Parts)
                {
                    var folder = unit.FullName.Substring(0, unit.FullName.LastIndexOf('/') + 1);
                    var content = unit.Parts.FirstOrDefault(p => p.Key == ResolvedFile.ContentRole).Value;
                    var contentName = content is null ? unit.FullName.Substring(folder.Length) : Path.GetFileName(content.Path);
                    var baseName = contentName.Contains('.') ? contentName.Substring(0, contentName.IndexOf('.')) : contentName;
                    var name = part.Key == ResolvedFile.ContentRole ? contentName : toSource ? baseName + ".document-meta.xml" : contentName + "-meta.xml";
                    writer.Copy(source, part.Value, directory + folder + name);
                }

                return;
            default:
                foreach (var part in unit.Parts)
                {
                    writer.Copy(source, part.Value, directory + WithinTypeDirectory(part.Value.Path, definition, part.Key, toSource));
                }

                return;
        }
    }

    /// <summary>A file's path below its type folder, the same in both formats except for a bundle's sibling meta file.</summary>
    private static string WithinTypeDirectory(string path, MetadataTypeDefinition definition, string role, bool toSource)
    {
        var segments = path.Split('/');
        var at = Array.IndexOf(segments, definition.DirectoryName);
        var within = string.Join("/", segments.Skip(at + 1));
        if (definition.Layout == ComponentLayout.Bundle && role == ResolvedFile.MetaRole && definition.Suffix is not null)
        {
            var bare = within.EndsWith("-meta.xml", StringComparison.Ordinal) ? within.Substring(0, within.Length - "-meta.xml".Length) : within;
            return toSource ? bare + "-meta.xml" : bare;
        }

        return within;
    }

    /// <summary>A folder of files is zipped for the Metadata API; a zip whose content type says so is expanded for source format.</summary>
    private static void WriteStaticResource(MetadataSource source, ReadUnit unit, string directory, bool toSource, OutputFolder writer)
    {
        var meta = unit.Parts.FirstOrDefault(p => p.Key == ResolvedFile.MetaRole).Value;
        if (meta is not null)
        {
            writer.Copy(source, meta, directory + unit.FullName + ".resource-meta.xml");
        }

        var entries = unit.Parts.Where(p => p.Key.StartsWith(ResolvedFile.ContentRole + "/", StringComparison.Ordinal)).ToList();
        var single = unit.Parts.FirstOrDefault(p => p.Key == ResolvedFile.ContentRole).Value;
        var contentType = meta is null ? string.Empty : ReadRoot(source, meta).ChildText("contentType") ?? string.Empty;
        if (!toSource)
        {
            if (entries.Count > 0)
            {
                writer.Write(directory + unit.FullName + ".resource", Zip(source, entries));
            }
            else if (single is not null)
            {
                writer.Copy(source, single, directory + unit.FullName + ".resource");
            }

            return;
        }

        if (entries.Count > 0)
        {
            foreach (var entry in entries)
            {
                writer.Copy(source, entry.Value, directory + unit.FullName + "/" + entry.Key.Substring(ResolvedFile.ContentRole.Length + 1));
            }
        }
        else if (single is not null && contentType.IndexOf("zip", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            Unzip(source, single, directory + unit.FullName + "/", writer);
        }
        else if (single is not null)
        {
            writer.Copy(source, single, directory + unit.FullName + ExtensionFor(contentType));
        }
    }

    private static string ExtensionFor(string contentType) => contentType.ToLowerInvariant() switch
    {
        "application/javascript" or "text/javascript" or "application/x-javascript" => ".js",
        "text/css" => ".css",
        "text/html" => ".html",
        "application/json" => ".json",
        "text/plain" => ".txt",
        "text/xml" or "application/xml" => ".xml",
        "image/png" => ".png",
        "image/jpeg" => ".jpeg",
        "image/gif" => ".gif",
        "image/svg+xml" => ".svg",
        "application/pdf" => ".pdf",
        _ => ".bin",
    };

    private static byte[] Zip(MetadataSource source, List<KeyValuePair<string, MetadataFile>> entries)
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                using var target = archive.CreateEntry(entry.Key.Substring(ResolvedFile.ContentRole.Length + 1), CompressionLevel.Optimal).Open();
                using var input = source.FileSystem.OpenRead(entry.Value.Path);
                input.CopyTo(target);
            }
        }

        return output.ToArray();
    }

    private static void Unzip(MetadataSource source, MetadataFile file, string folder, OutputFolder writer)
    {
        using var stream = new MemoryStream();
        using (var input = source.FileSystem.OpenRead(file.Path))
        {
            input.CopyTo(stream);
        }

        stream.Position = 0;
        using var archive = new ZipArchive(stream, ZipArchiveMode.Read);
        var budget = ArchiveLimits.Current.For(source.FileSystem.DisplayPath(file.Path), stream.Length);
        foreach (var entry in archive.Entries.Where(e => !e.FullName.EndsWith("/", StringComparison.Ordinal)))
        {
            var name = entry.FullName.Replace('\\', '/');
            if (name.StartsWith("/", StringComparison.Ordinal) || name.Split('/').Contains(".."))
            {
                throw new MetadataSourceException(FailureKind.Unsafe, "UnsafeArchiveEntry", $"The static resource '{source.FileSystem.DisplayPath(file.Path)}' holds the entry '{entry.FullName}', which would land outside its folder; it was not expanded.");
            }

            try
            {
                using var entryStream = budget.Open(entry.Open());
                using var output = writer.Create(folder + name);
                entryStream.CopyTo(output);
            }
            catch (InvalidDataException ex)
            {
                throw new MetadataSourceException(FailureKind.Unsafe, "ArchiveTooLarge", ex.Message);
            }
        }
    }

    private static XmlNode ReadRoot(MetadataSource source, MetadataFile file)
    {
        using var stream = source.FileSystem.OpenRead(file.Path);
        using var reader = SafeXml.Open(stream);
        SafeXml.MoveToRoot(reader);
        return XmlNode.Read(reader);
    }

    /// <summary>package.xml (listing what was written) for the Metadata API; sfdx-project.json for source format.</summary>
    private void WriteManifest(MetadataSource source, string destination, MetadataFormat target, OutputFolder writer)
    {
        var version = ApiVersionOf(source);
        if (target == MetadataFormat.Source)
        {
            writer.Write("sfdx-project.json", Encoding.UTF8.GetBytes("{\n  \"packageDirectories\": [ { \"path\": \"force-app\", \"default\": true } ],\n  \"sourceApiVersion\": \"" + version + "\"\n}\n"));
            return;
        }

        writer.Write("package.xml", Encoding.UTF8.GetBytes(PackageManifest.Write(Array.Empty<ComponentKey>(), version)));
        using var written = MetadataSource.Open(destination);
        var keys = PackagedComponent.ListIn(written, _context).Select(c => c.Key).ToList();
        File.WriteAllText(Path.Combine(destination, "package.xml"), PackageManifest.Write(keys, version), new UTF8Encoding(false));
    }

    private static string ApiVersionOf(MetadataSource source)
    {
        var files = source.FileSystem.Files.Select(f => f.Path).ToList();
        string Text(string path)
        {
            using var reader = new StreamReader(source.FileSystem.OpenRead(path));
            return reader.ReadToEnd();
        }

        if (files.Contains("package.xml") && VersionElement.Match(Text("package.xml")) is { Success: true } package)
        {
            return package.Groups[1].Value.Trim();
        }

        if (files.Contains(SfdxProject.FileName) && SourceApiVersion.Match(Text(SfdxProject.FileName)) is { Success: true } project)
        {
            return project.Groups[1].Value.Trim();
        }

        return DefaultApiVersion;
    }

    /// <summary>A parent and its children, gathered from one file (Metadata API) or a folder of files (source).</summary>
    private sealed class Family
    {
        private readonly MetadataTypeDefinition _definition;
        private readonly string _name;
        private readonly List<XmlNode> _own = new();
        private readonly List<(ChildTypeDefinition Type, XmlNode Node)> _children = new();

        public Family(MetadataTypeDefinition definition, string name)
        {
            _definition = definition;
            _name = name;
        }

        public void Add(MetadataSource source, ReadUnit unit)
        {
            foreach (var file in unit.Files)
            {
                var root = ReadRoot(source, file);
                var childFile = _definition.Children.FirstOrDefault(c => c.Name == unit.TypeName);
                if (childFile is not null)
                {
                    _children.Add((childFile, Rename(root, childFile.XmlElement)));
                    continue;
                }

                foreach (var element in root.Children)
                {
                    var childType = _definition.ChildForElement(element.Name);
                    if (childType is null)
                    {
                        _own.Add(element);
                    }
                    else
                    {
                        _children.Add((childType, element));
                    }
                }
            }
        }

        public void Write(MetadataFormat target, OutputFolder writer, Func<ComponentKey, bool> keep)
        {
            var own = keep(new ComponentKey(_definition.Name, _name)) ? _own : new List<XmlNode>();
            var children = _children.Where(c => keep(new ComponentKey(c.Type.Name, ChildName(c.Type, c.Node)))).ToList();
            if (own.Count == 0 && children.Count == 0)
            {
                return;
            }

            var directory = _definition.DirectoryName + "/";
            var decomposeInSource = _definition.Layout == ComponentLayout.Decomposed;
            if (target == MetadataFormat.MetadataApi || !decomposeInSource)
            {
                var whole = XmlNode.Create(_definition.Name);
                whole.AddRange(own.Concat(children.Select(c => c.Node))
                    .OrderBy(n => n.Name == "fullName" ? string.Empty : n.Name, StringComparer.Ordinal));
                var suffix = "." + _definition.Suffix + (target == MetadataFormat.Source ? "-meta.xml" : string.Empty);
                writer.Write(directory + _name + suffix, XmlNodeWriter.Write(whole));
                return;
            }

            if (own.Count > 0)
            {
                var parent = XmlNode.Create(_definition.Name);
                parent.AddRange(own);
                writer.Write($"{directory}{_name}/{_name}.{_definition.Suffix}-meta.xml", XmlNodeWriter.Write(parent));
            }

            foreach (var (type, node) in children)
            {
                var childName = node.ChildText(type.IdentityElement)?.Trim() ?? "unnamed";
                writer.Write($"{directory}{_name}/{type.SourceDirectory}/{childName}.{type.SourceSuffix}-meta.xml", XmlNodeWriter.Write(Rename(node, type.Name)));
            }
        }

        private string ChildName(ChildTypeDefinition type, XmlNode node)
        {
            var name = node.ChildText(type.IdentityElement)?.Trim() ?? string.Empty;
            return type.NameIncludesParent ? _name + "." + name : name;
        }

        private static XmlNode Rename(XmlNode node, string name)
        {
            var renamed = XmlNode.Create(name);
            renamed.AddRange(node.Children);
            return renamed;
        }
    }

    /// <summary>The folder being written, with the prefix of the format's layout.</summary>
    private sealed class OutputFolder
    {
        private readonly string _root;
        private readonly string _prefix;

        public OutputFolder(string root, string prefix)
        {
            _root = root;
            _prefix = prefix;
        }

        private readonly HashSet<string> _folders = new(StringComparer.Ordinal);

        public int Count { get; private set; }

        /// <summary>Copies a file to a path relative to the package directory (force-app/ in source format, the root in Metadata API format).</summary>
        public void CopyToPackageDirectory(MetadataSource source, MetadataFile file, string relative)
        {
            var packageDirectory = _prefix.Length == 0 ? string.Empty : _prefix.Substring(0, _prefix.IndexOf('/') + 1);
            using var input = source.FileSystem.OpenRead(file.Path);
            using var output = CreateAtRoot(packageDirectory + relative);
            input.CopyTo(output);
        }

        public void Copy(MetadataSource source, MetadataFile file, string relative)
        {
            using var input = source.FileSystem.OpenRead(file.Path);
            using var output = Create(relative);
            input.CopyTo(output);
        }

        public void Write(string relative, byte[] content)
        {
            using var output = relative == "package.xml" || relative == SfdxProject.FileName ? CreateAtRoot(relative) : Create(relative);
            output.Write(content, 0, content.Length);
        }

        public FileStream Create(string relative) => CreateAtRoot(_prefix + relative);

        private FileStream CreateAtRoot(string relative)
        {
            var path = Path.Combine(_root, relative.Replace('/', Path.DirectorySeparatorChar));
            var folder = Path.GetDirectoryName(path)!;
            if (_folders.Add(folder))
            {
                Directory.CreateDirectory(folder); // once per folder, not once per file in it
            }

            Count++;
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        }
    }
}
