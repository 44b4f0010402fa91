using System;

namespace SandboxOps.Engine.Reading;

/// <summary>
/// Files an operating system leaves inside archives and folders (.DS_Store, __MACOSX/, ._x, Thumbs.db):
/// part of a static resource's bytes, never of its meaning. They are kept and listed, left out of the
/// canonical hash, and reported as noise (<see cref="Comparison.NoiseKinds.ArchiveJunk"/>).
/// </summary>
internal static class ArchiveJunk
{
    /// <param name="entryPath">A path inside the archive or resource folder, '/' separated.</param>
    public static bool Is(string entryPath)
    {
        var slash = entryPath.LastIndexOf('/');
        var name = entryPath.Substring(slash + 1);
        return name == ".DS_Store" || name.StartsWith("._", StringComparison.Ordinal)
            || string.Equals(name, "Thumbs.db", StringComparison.OrdinalIgnoreCase)
            || entryPath.StartsWith("__MACOSX/", StringComparison.Ordinal) || entryPath.IndexOf("/__MACOSX/", StringComparison.Ordinal) >= 0;
    }

    /// <summary>True for a part role that is junk inside a resource: <c>content/__MACOSX/._app.js</c>.</summary>
    public static bool IsPart(string role) =>
        role.StartsWith(ResolvedFile.ContentRole + "/", StringComparison.Ordinal) && Is(role.Substring(ResolvedFile.ContentRole.Length + 1));
}
