using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Registry;

namespace SandboxOps.Engine.Reading;

/// <summary>
/// An opened source of metadata: its files, its format and the folders inside it that hold metadata
/// (the package directories of a DX project, or the root).
/// </summary>
public sealed class MetadataSource : IDisposable
{
    private static readonly string[] Manifests = { "package.xml", "destructiveChanges.xml", "destructiveChangesPre.xml", "destructiveChangesPost.xml" };

    private MetadataSource(IMetadataFileSystem fileSystem, MetadataFormat format, IReadOnlyList<string> packageRoots, ForceIgnore? ignore = null)
    {
        FileSystem = fileSystem;
        Format = format;
        PackageRoots = packageRoots;
        Ignore = ignore;
    }

    public IMetadataFileSystem FileSystem { get; }

    public MetadataFormat Format { get; }

    /// <summary>Prefixes ('force-app/') under which metadata is read; the empty string for the whole source.</summary>
    public IReadOnlyList<string> PackageRoots { get; }

    public string Description => FileSystem.Description;

    /// <summary>A DX project's .forceignore: the files it names are not read, as the Salesforce CLI would not deploy them.</summary>
    internal ForceIgnore? Ignore { get; }

    /// <summary>Opens a folder, a zip, or (with a revision) a folder of a git repository as it was then.</summary>
    public static MetadataSource Open(string path, string? revision = null)
    {
        IMetadataFileSystem fileSystem;
        if (!string.IsNullOrEmpty(revision))
        {
            fileSystem = new GitRevisionFileSystem(path, revision!);
        }
        else if (File.Exists(path))
        {
            fileSystem = new ZipArchiveFileSystem(path);
        }
        else if (Directory.Exists(path))
        {
            fileSystem = new DirectoryFileSystem(path);
        }
        else
        {
            throw new MetadataSourceException(FailureKind.NotFound, "PathNotFound", $"'{path}' does not exist. Give a retrieved folder, a retrieve zip or a Salesforce DX project.");
        }

        try
        {
            return FromFileSystem(fileSystem);
        }
        catch
        {
            fileSystem.Dispose();
            throw;
        }
    }

    public static MetadataSource FromFileSystem(IMetadataFileSystem fileSystem)
    {
        var paths = new HashSet<string>(fileSystem.Files.Select(f => f.Path), StringComparer.Ordinal);
        if (paths.Contains(SfdxProject.FileName))
        {
            return new MetadataSource(fileSystem, MetadataFormat.Source, SfdxProject.ReadPackageDirectories(fileSystem), paths.Contains(ForceIgnore.FileName) ? ForceIgnore.Read(fileSystem) : null);
        }

        if (paths.Contains("package.xml"))
        {
            return new MetadataSource(fileSystem, MetadataFormat.MetadataApi, new[] { string.Empty });
        }

        if (paths.Count == 0)
        {
            throw new MetadataSourceException(FailureKind.InvalidData, "EmptySource", $"'{fileSystem.Description}' holds no files. Give a folder with retrieved metadata or a DX project.");
        }

        return new MetadataSource(fileSystem, LooksLikeSourceFormat(paths) ? MetadataFormat.Source : MetadataFormat.MetadataApi, new[] { string.Empty });
    }

    /// <summary>
    /// A location as "path" or "path@revision" (how a git-revision source describes itself): the revision is split
    /// off only when the whole does not exist and the part before the last '@' does, so a folder with '@' in its
    /// name stays a folder.
    /// </summary>
    public static (string Path, string? Revision) SplitRevision(string location, Func<string, bool> exists)
    {
        var at = location.LastIndexOf('@');
        return at > 0 && !exists(location) && exists(location.Substring(0, at))
            ? (location.Substring(0, at), location.Substring(at + 1))
            : (location, null);
    }

    /// <summary>True for a manifest file at the root of a Metadata API folder.</summary>
    public static bool IsManifest(string relativePath) => Manifests.Contains(relativePath, StringComparer.Ordinal);

    /// <summary>
    /// Without sfdx-project.json or package.xml: source format when an XML-only type (one that has no
    /// content file) appears with a -meta.xml suffix, or a folder sits under main/default.
    /// </summary>
    private static bool LooksLikeSourceFormat(IEnumerable<string> paths)
    {
        var xmlOnlySuffixes = new HashSet<string>(
            MetadataTypeRegistry.Default.Types
                .Where(t => t.Suffix is not null && t.Layout is ComponentLayout.Plain or ComponentLayout.Decomposed or ComponentLayout.ChildrenInFile)
                .Select(t => "." + t.Suffix + "-meta.xml"),
            StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (path.Contains("/main/default/") || path.StartsWith("main/default/", StringComparison.Ordinal))
            {
                return true;
            }

            var dot = path.LastIndexOf('.', path.Length - "-meta.xml".Length - 1 < 0 ? 0 : path.Length - "-meta.xml".Length - 1);
            if (path.EndsWith("-meta.xml", StringComparison.Ordinal) && dot >= 0 && xmlOnlySuffixes.Contains(path.Substring(dot)))
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose() => FileSystem.Dispose();
}
