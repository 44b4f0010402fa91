using System;
using System.IO;

namespace SandboxOps.Engine.FileSystems;

/// <summary>
/// Whether an output would land inside an input: a package written into the project it packages, a
/// store inside the folder it snapshots, a restore inside the store it reads. The next read would take the
/// output for part of the input (and a package inside its source read as deletions), so such outputs are refused.
/// </summary>
public static class PathContainment
{
    private static readonly StringComparison PathComparison =
        Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or lies under it.</summary>
    public static bool IsInside(string path, string folder)
    {
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        var root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        return string.Equals(full, root, PathComparison) || full.StartsWith(root + Path.DirectorySeparatorChar, PathComparison);
    }

    /// <summary>
    /// The folder on disk <paramref name="source"/> reads from when <paramref name="output"/> lies inside it;
    /// null when it does not, or when the source is no folder (a zip, a git revision, a snapshot, an org).
    /// </summary>
    public static string? SourceFolderHolding(string output, IMetadataFileSystem source) =>
        source.Origin.Folder is { } folder && IsInside(output, folder) ? folder : null;
}
