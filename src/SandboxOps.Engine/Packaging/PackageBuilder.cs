using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Registry;

namespace SandboxOps.Engine.Packaging;

/// <summary>
/// Writes a Metadata API package for chosen components of a source, in whatever format the source is:
/// converted by <see cref="FormatConverter"/> (a changed field goes out inside an object file holding
/// just that field; a report brings its folder), listed in package.xml from what was actually written,
/// deletions in destructiveChanges, split into numbered parts over Salesforce's limits. Written beside
/// the destination and moved into place last.
/// </summary>
public sealed class PackageBuilder
{
    private readonly EngineContext _context;

    public PackageBuilder(EngineContext context)
    {
        _context = context;
    }

    public IReadOnlyList<DeploymentPackage> Build(MetadataSource source, IEnumerable<ComponentKey> deploy, IEnumerable<ComponentKey> delete, string path, PackageOptions options)
    {
        var cancellationToken = _context.Cancellation;
        var target = Path.GetFullPath(path);
        if (PathContainment.SourceFolderHolding(target, source.FileSystem) is { } sourceFolder)
        {
            throw new PackageException(FailureKind.InvalidArgument, "OutputInsideSource", $"'{target}' is inside the source '{sourceFolder}': the next read of the source would take the package for part of it. Write the package outside the source; nothing was written.");
        }

        var asZip = target.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
        using var staged = StagedOutput.Beside(target);
        var warnings = new List<string>();
        var wanted = new HashSet<ComponentKey>(deploy);
        var folders = FoldersOf(wanted);
        var all = Path.Combine(staged.Path, "all");
        Directory.CreateDirectory(all);
        new FormatConverter(_context).Convert(source, all, MetadataFormat.MetadataApi, unit => Selected(unit, wanted, folders), key => wanted.Contains(key) || folders.Contains(key));

        using var written = MetadataSource.Open(all);
        var components = PackagedComponent.ListIn(written, _context);
        var found = new HashSet<ComponentKey>(components.Select(c => c.Key));
        warnings.AddRange(wanted.Where(k => !found.Contains(k)).Select(k => $"{k} is not in {source.Description}; nothing was packaged for it."));
        var deletions = Deletable(delete, warnings);
        var version = options.ApiVersion ?? ApiVersionOf(all);

        var parts = new PackagePartitioner(options, all).Partition(components, cancellationToken);
        if (parts.Count > 1 && options.NoSplit)
        {
            throw new PackageException(FailureKind.Limit, "TooLarge", $"The package holds {components.SelectMany(c => c.Files).Distinct().Count()} files and exceeds Salesforce's limits per deploy ({PackagePartitioner.Limits(options)}). Leave out -NoSplit to write it as {parts.Count} numbered packages, or select fewer components.");
        }

        if (parts.Count > 1)
        {
            warnings.Add(PackagePartitioner.Describe(parts, options));
        }

        var packages = new List<DeploymentPackage>();
        var partsLeft = parts.SelectMany(part => part.Components.SelectMany(c => c.Files).Distinct(StringComparer.Ordinal))
            .GroupBy(file => file, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        for (var i = 0; i < parts.Count; i++)
        {
            var partDeletions = (options.DeletionTiming == DeletionTiming.Pre ? i == 0 : i == parts.Count - 1) ? deletions : new List<ComponentKey>();
            var name = parts.Count == 1 ? Path.GetFileName(target) : NumberedName(target, i + 1);
            var folder = Path.Combine(staged.Path, "out", asZip ? Path.GetFileNameWithoutExtension(name) : name);
            WritePart(all, folder, parts[i].Components, partsLeft, partDeletions, version, options.DeletionTiming);
            var final = Path.Combine(Path.GetDirectoryName(target)!, name);
            packages.Add(new DeploymentPackage(final, i + 1, parts.Count, parts[i].Components.Count, partDeletions.Count, parts[i].Components.Select(c => c.Key.Type).Distinct().OrderBy(t => t, StringComparer.Ordinal).ToList(), warnings));
        }

        Publish(staged, packages, asZip);
        return packages;
    }

    /// <summary>Each folder level of in-folder components: a report in Sales/Quarterly needs both folders' meta files.</summary>
    private static HashSet<ComponentKey> FoldersOf(IEnumerable<ComponentKey> keys)
    {
        var registry = MetadataTypeRegistry.Default;
        var folders = new HashSet<ComponentKey>();
        foreach (var key in keys)
        {
            if (registry.FindByName(key.Type)?.FolderTypeName is not { } folderType)
            {
                continue;
            }

            var segments = key.FullName.Split('/');
            for (var depth = 1; depth < segments.Length; depth++)
            {
                folders.Add(new ComponentKey(folderType, string.Join("/", segments.Take(depth))));
            }
        }

        return folders;
    }

    /// <summary>Whether converting <paramref name="unit"/> produces one of the wanted components (or folders):
    /// a parent file holds its children, a Document is wanted by its name with the extension.</summary>
    internal static bool Selected(ReadUnit unit, ICollection<ComponentKey> wanted, ICollection<ComponentKey> folders)
    {
        bool Has(ComponentKey key) => wanted.Contains(key) || folders.Contains(key);
        if (unit.Kind == UnitKind.Container && unit.Definition is { } definition)
        {
            return Has(new ComponentKey(definition.Name, unit.FullName))
                || wanted.Any(k => definition.Children.Any(c => c.Name == k.Type && (!c.NameIncludesParent || k.FullName.StartsWith(unit.FullName + ".", StringComparison.OrdinalIgnoreCase))));
        }

        if (unit.Definition is { Name: "Document" } && unit.TypeName == "Document")
        {
            return wanted.Any(k => k.Type == "Document" && (string.Equals(k.FullName, unit.FullName, StringComparison.OrdinalIgnoreCase) || k.FullName.StartsWith(unit.FullName + ".", StringComparison.OrdinalIgnoreCase)));
        }

        return Has(new ComponentKey(unit.TypeName, unit.FullName));
    }

    /// <summary>Deletions Salesforce accepts in destructiveChanges; the others become warnings saying what to do.</summary>
    private static List<ComponentKey> Deletable(IEnumerable<ComponentKey> keys, List<string> warnings)
    {
        var deletable = new List<ComponentKey>();
        foreach (var key in keys.Distinct())
        {
            if (Deletions.WhyNot(key) is { } why)
            {
                warnings.Add($"{key} was not added to the destructive changes: {why}.");
            }
            else
            {
                deletable.Add(key);
            }
        }

        return deletable;
    }

    /// <summary>
    /// Moves the part's files out of the staged conversion (copies those a later part still needs: creating
    /// a file cost more than anything else in packaging a 100,000-component org) and writes its manifests.
    /// </summary>
    private static void WritePart(string all, string folder, List<PackagedComponent> components, Dictionary<string, int> partsLeft, List<ComponentKey> deletions, string version, DeletionTiming timing)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in components.SelectMany(c => c.Files).Distinct(StringComparer.Ordinal))
        {
            var target = Path.Combine(folder, file.Replace('/', Path.DirectorySeparatorChar));
            var staged = Path.Combine(all, file.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (--partsLeft[file] == 0)
            {
                File.Move(staged, target);
            }
            else
            {
                File.Copy(staged, target);
            }
        }

        var utf8 = new UTF8Encoding(false);
        File.WriteAllText(Path.Combine(folder, "package.xml"), PackageManifest.Write(components.Select(c => c.Key), version), utf8);
        if (deletions.Count > 0)
        {
            var name = timing == DeletionTiming.Pre ? "destructiveChangesPre.xml" : "destructiveChangesPost.xml";
            File.WriteAllText(Path.Combine(folder, name), PackageManifest.Write(deletions, apiVersion: null), utf8);
        }
    }

    private static void Publish(StagedOutput staged, List<DeploymentPackage> packages, bool asZip)
    {
        foreach (var package in packages)
        {
            if (File.Exists(package.Path) || Directory.Exists(package.Path))
            {
                throw new PackageException(FailureKind.AlreadyExists, "DestinationExists", $"'{package.Path}' already exists. Give a new -Destination; nothing was written.");
            }
        }

        foreach (var package in packages)
        {
            var folder = Path.Combine("out", asZip ? Path.GetFileNameWithoutExtension(package.Path) : Path.GetFileName(package.Path));
            if (asZip)
            {
                ZipFile.CreateFromDirectory(Path.Combine(staged.Path, folder), Path.Combine(staged.Path, Path.GetFileName(package.Path)), CompressionLevel.Optimal, includeBaseDirectory: false);
                staged.MoveTo(package.Path, Path.GetFileName(package.Path));
            }
            else
            {
                staged.MoveTo(package.Path, folder);
            }
        }
    }

    private static string NumberedName(string target, int part)
    {
        var name = Path.GetFileName(target);
        return target.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
            ? Path.GetFileNameWithoutExtension(name) + "-" + part.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".zip"
            : name + "-" + part.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string ApiVersionOf(string folder)
    {
        var package = File.ReadAllText(Path.Combine(folder, "package.xml"));
        var start = package.IndexOf("<version>", StringComparison.Ordinal);
        return start < 0 ? "62.0" : package.Substring(start + 9, package.IndexOf("</version>", start, StringComparison.Ordinal) - start - 9);
    }
}
