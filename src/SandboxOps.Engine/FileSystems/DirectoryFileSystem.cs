using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.FileSystems;

/// <summary>A folder on disk. Hidden entries (.git, .sfdx, .sf) are not metadata and are skipped.</summary>
public sealed class DirectoryFileSystem : IMetadataFileSystem
{
    private readonly string _root;
    private readonly Lazy<IReadOnlyList<MetadataFile>> _files;

    public DirectoryFileSystem(string root)
    {
        if (!Directory.Exists(root))
        {
            throw new MetadataSourceException("PathNotFound", $"The folder '{root}' does not exist. Check the path.");
        }

        _root = Path.GetFullPath(root);
        _files = new Lazy<IReadOnlyList<MetadataFile>>(List);
    }

    public string Description => _root;

    public bool SupportsConcurrentReads => true;

    public IReadOnlyList<MetadataFile> Files => _files.Value;

    public string DisplayPath(string relativePath) => Path.Combine(_root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public Stream OpenRead(string relativePath) =>
        new FileStream(DisplayPath(relativePath), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);

    public void Dispose()
    {
    }

    private List<MetadataFile> List()
    {
        var files = new List<MetadataFile>();
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(_root));
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var entry in directory.EnumerateFileSystemInfos())
            {
                if (entry.Name.StartsWith(".", StringComparison.Ordinal))
                {
                    continue;
                }

                if (entry is DirectoryInfo sub)
                {
                    if ((sub.Attributes & FileAttributes.ReparsePoint) == 0)
                    {
                        pending.Push(sub);
                    }
                }
                else if (entry is FileInfo file)
                {
                    files.Add(new MetadataFile(Relative(file.FullName), file.Length, file.LastWriteTimeUtc));
                }
            }
        }

        return files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }

    private string Relative(string fullPath) =>
        fullPath.Substring(_root.Length).TrimStart(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Replace('\\', '/');
}
