using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.FileSystems;

/// <summary>
/// A retrieve zip, read in place. An entry that could escape a folder if extracted (a <c>..</c> segment,
/// an absolute or drive-rooted path) makes the whole archive untrusted: it is refused before any read.
/// </summary>
public sealed class ZipArchiveFileSystem : IMetadataFileSystem
{
    private readonly string _zipPath;
    private readonly ZipArchive _archive;
    private readonly Dictionary<string, ZipArchiveEntry> _entries;

    public ZipArchiveFileSystem(string zipPath)
    {
        _zipPath = Path.GetFullPath(zipPath);
        try
        {
            _archive = ZipFile.OpenRead(_zipPath);
        }
        catch (InvalidDataException ex)
        {
            throw new MetadataSourceException(FailureKind.InvalidData, "InvalidArchive", $"'{_zipPath}' is not a readable zip archive: {ex.Message} Retrieve it again or check the file.", ex);
        }
        catch (IOException ex)
        {
            throw new MetadataSourceException(FailureKind.Unreadable, "UnreadableFile", $"Cannot read '{_zipPath}': {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new MetadataSourceException(FailureKind.Unreadable, "UnreadableFile", $"Cannot read '{_zipPath}': access denied.", ex);
        }

        try
        {
            _entries = Index(_archive, _zipPath);
        }
        catch
        {
            _archive.Dispose();
            throw;
        }

        var root = CommonRoot(_entries.Keys);
        Root = root;
        Files = _entries
            .Where(e => e.Key.StartsWith(root, StringComparison.Ordinal))
            .Select(e => new MetadataFile(e.Key.Substring(root.Length), e.Value.Length, e.Value.LastWriteTime.UtcDateTime))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
    }

    public string Description => _zipPath;

    public SourceOrigin Origin => SourceOrigin.Zip;

    /// <summary>The folder inside the archive that holds the metadata (<c>unpackaged/</c> in a retrieve zip), or empty.</summary>
    public string Root { get; }

    public bool SupportsConcurrentReads => false;

    public IReadOnlyList<MetadataFile> Files { get; }

    public string DisplayPath(string relativePath) => _zipPath + "!/" + Root + relativePath;

    public Stream OpenRead(string relativePath) => _entries[Root + relativePath].Open();

    public string? ContentId(string relativePath) => null;

    public void Dispose() => _archive.Dispose();

    private static Dictionary<string, ZipArchiveEntry> Index(ZipArchive archive, string zipPath)
    {
        var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            var name = entry.FullName.Replace('\\', '/');
            if (IsUnsafe(name))
            {
                throw new MetadataSourceException(
                    FailureKind.Unsafe, "UnsafeArchiveEntry",
                    $"'{zipPath}' holds the entry '{entry.FullName}', whose path is absolute or climbs out with '..'. "
                    + "A Salesforce retrieve never produces such entries; the archive was refused unread. Retrieve it again from a trusted source.");
            }

            if (name.EndsWith("/", StringComparison.Ordinal))
            {
                continue;
            }

            entries[name] = entry;
        }

        return entries;
    }

    /// <summary>True for an entry name that is absolute or climbs out with "..": extracting it could write outside the folder.</summary>
    internal static bool IsUnsafe(string name) =>
        name.StartsWith("/", StringComparison.Ordinal)
        || (name.Length >= 2 && name[1] == ':')
        || name.Split('/').Any(segment => segment == "..");

    /// <summary>Where package.xml is, or the one folder everything sits in; else the archive root.</summary>
    private static string CommonRoot(IEnumerable<string> names)
    {
        var list = names.ToList();
        var manifest = list
            .Where(n => n == "package.xml" || n.EndsWith("/package.xml", StringComparison.Ordinal))
            .OrderBy(n => n.Length)
            .FirstOrDefault();
        if (manifest is not null)
        {
            return manifest.Substring(0, manifest.Length - "package.xml".Length);
        }

        var tops = list.Select(n => n.Split('/')).ToList();
        if (tops.Count > 0 && tops.All(s => s.Length > 1) && tops.Select(s => s[0]).Distinct(StringComparer.Ordinal).Count() == 1)
        {
            var top = tops[0][0];
            return Registry.MetadataTypeRegistry.Default.IsTypeDirectory(top) ? string.Empty : top + "/";
        }

        return string.Empty;
    }
}
