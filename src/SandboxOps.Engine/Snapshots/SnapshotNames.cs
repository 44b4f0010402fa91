using System;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using SandboxOps.Engine.Reading;

namespace SandboxOps.Engine.Snapshots;

/// <summary>
/// Names for snapshots nobody named: what was snapshotted (its folder, zip or snapshot name), a kind, the
/// UTC time, and -2, -3... when the store already has that name (two exports in one second).
/// </summary>
public static class SnapshotNames
{
    private static readonly Regex Unsafe = new("[^A-Za-z0-9_.-]+", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>&lt;source&gt;[-&lt;kind&gt;]-&lt;yyyyMMdd-HHmmss&gt;, free in the store at <paramref name="storeRoot"/>.</summary>
    public static string New(string storeRoot, MetadataSource source, string? kind)
    {
        var leaf = source.FileSystem is SnapshotFileSystem { Name: { } snapshot }
            ? snapshot
            : Path.GetFileNameWithoutExtension(source.Description.TrimEnd('/', '\\').Split('@')[0]);
        return New(storeRoot, leaf, kind);
    }

    /// <summary>&lt;leaf&gt;[-&lt;kind&gt;]-&lt;yyyyMMdd-HHmmss&gt;, free in the store at <paramref name="storeRoot"/>.</summary>
    public static string New(string storeRoot, string leaf, string? kind)
    {
        var clean = Unsafe.Replace(leaf, "-").Trim('-', '.');
        var name = (clean.Length == 0 ? "snapshot" : clean) + (kind is null ? string.Empty : "-" + kind) + "-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var candidate = name;
        for (var n = 2; Directory.Exists(Path.Combine(storeRoot, SnapshotStore.SnapshotsFolder, candidate)); n++)
        {
            candidate = name + "-" + n.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
