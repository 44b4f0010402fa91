using System;
using System.IO;
using System.Linq;

namespace SandboxOps.Engine.FileSystems;

/// <summary>
/// The one way SandboxOps writes a folder: aside, then moved into place at the end, so an output appears whole
/// or not at all; whatever is still staged when this is disposed (a failure, a cancel) is deleted.
/// </summary>
public sealed class StagedOutput : IDisposable
{
    private StagedOutput(string path)
    {
        Path = path;
    }

    /// <summary>The staging folder (not created: the writer creates what it needs).</summary>
    public string Path { get; }

    /// <summary>
    /// A hidden folder beside <paramref name="destination"/> (".name.purpose-id"): the same file system, so the
    /// final move is a rename, and never inside the destination, so nothing half-written is ever read as it.
    /// </summary>
    public static StagedOutput Beside(string destination, string purpose = "partial")
    {
        var full = System.IO.Path.GetFullPath(destination);
        return new StagedOutput(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, "." + System.IO.Path.GetFileName(full) + "." + purpose + "-" + Guid.NewGuid().ToString("N")));
    }

    /// <summary>A folder under <paramref name="parent"/> (a store's .tmp), named by <paramref name="prefix"/> and an id.</summary>
    public static StagedOutput Under(string parent, string prefix) =>
        new(System.IO.Path.Combine(parent, prefix + Guid.NewGuid().ToString("N")));

    /// <summary>Scratch space in the temporary folder, for work that is deleted when done (never moved anywhere).</summary>
    public static StagedOutput TemporaryFolder(string prefix) => Under(System.IO.Path.GetTempPath(), prefix);

    /// <summary>
    /// Writes one file whole or not at all: into a staging folder beside it, then moved into place (replacing
    /// what is there only when <paramref name="overwrite"/>; the caller refused otherwise).
    /// </summary>
    public static void WriteFile(string destination, byte[] content, bool overwrite)
    {
        var full = System.IO.Path.GetFullPath(destination);
        using var staged = Beside(full, "writing");
        Directory.CreateDirectory(staged.Path);
        var name = System.IO.Path.GetFileName(full);
        File.WriteAllBytes(System.IO.Path.Combine(staged.Path, name), content);
        if (overwrite && File.Exists(full))
        {
            File.Delete(full);
        }

        staged.MoveTo(full, name);
    }

    /// <summary>True when nothing is at <paramref name="destination"/>, or only an empty folder (which a move of a folder replaces).</summary>
    public static bool IsFree(string destination) =>
        !File.Exists(destination) && (!Directory.Exists(destination) || !Directory.EnumerateFileSystemEntries(destination).Any());

    /// <summary>
    /// Moves the staged folder (or what <paramref name="relativePath"/> names in it) to <paramref name="destination"/>;
    /// a folder moved there replaces an empty folder (the caller checked <see cref="IsFree"/> before writing).
    /// </summary>
    public void MoveTo(string destination, string? relativePath = null)
    {
        var staged = relativePath is null ? Path : System.IO.Path.Combine(Path, relativePath);
        if (File.Exists(staged))
        {
            File.Move(staged, destination);
            return;
        }

        if (Directory.Exists(destination))
        {
            Directory.Delete(destination); // not recursive: only an empty folder is replaced
        }

        Directory.Move(staged, destination);
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
