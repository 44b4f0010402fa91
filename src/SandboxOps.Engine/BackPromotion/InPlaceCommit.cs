using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Engine.BackPromotion;

/// <summary>
/// Applies staged changes to the target in place, file by file, each atomically (a temporary file beside it,
/// then a rename over it), touching nothing else of the target: its other files, links, owners and modes stay
/// as they are. A process killed at any moment leaves either the old or the new file at every path (and
/// perhaps a hidden .sandboxops temporary file, which no reader lists). A failure part-way puts the files
/// already written back from the rollback snapshot, and says exactly what happened.
/// </summary>
internal sealed class InPlaceCommit
{
    /// <summary>
    /// For kill tests only: the process dies (as under kill -9) after this many files were written, so that tests
    /// can check what a kill at that moment leaves. Unset, it does nothing.
    /// </summary>
    private static readonly int? KillAfterWrites =
        int.TryParse(Environment.GetEnvironmentVariable("SANDBOXOPS_TEST_KILL_AFTER_WRITES"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    private readonly StagedChanges _changes;
    private readonly SnapshotStore _store;
    private readonly string _rollback;

    public InPlaceCommit(StagedChanges changes, SnapshotStore store, string rollback)
    {
        _changes = changes;
        _store = store;
        _rollback = rollback;
    }

    /// <summary>Null when every change was applied; otherwise what the target holds now, for the results' reason.</summary>
    public string? Apply()
    {
        var done = new List<string>();
        try
        {
            foreach (var relative in _changes.Written.OrderBy(p => p, StringComparer.Ordinal))
            {
                Replace(_changes.TargetPath(relative), () => File.OpenRead(_changes.StagingPath(relative)));
                done.Add(relative);
                if (done.Count == KillAfterWrites)
                {
                    Environment.FailFast("SANDBOXOPS_TEST_KILL_AFTER_WRITES: killed after " + done.Count + " file(s), as a kill -9 would");
                }
            }

            foreach (var relative in _changes.Deleted.OrderBy(p => p, StringComparer.Ordinal))
            {
                File.Delete(_changes.TargetPath(relative));
                done.Add(relative);
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return RollBack(done, ex);
        }
    }

    /// <summary>Writes a file as a whole or not at all: the new content lands beside it, then replaces it by rename.</summary>
    internal static void Replace(string path, Func<Stream> content)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, "." + Path.GetFileName(path) + ".sandboxops-" + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (var input = content())
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                input.CopyTo(output);
                output.Flush(flushToDisk: true);
            }

            if (File.Exists(path))
            {
                File.Replace(temp, path, destinationBackupFileName: null);
            }
            else
            {
                File.Move(temp, path);
            }
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private string RollBack(List<string> done, Exception failure)
    {
        if (done.Count == 0)
        {
            return $"Nothing was changed in the target: {failure.Message}";
        }

        var before = _store.Load(_rollback).Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var stuck = new List<string>();
        foreach (var relative in done)
        {
            try
            {
                if (before.TryGetValue(relative, out var original))
                {
                    Replace(_changes.TargetPath(relative), () => _store.OpenBlob(original.Sha256, $"The rollback copy of '{relative}'"));
                }
                else
                {
                    File.Delete(_changes.TargetPath(relative)); // it was new
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                stuck.Add(relative);
            }
        }

        return stuck.Count == 0
            ? $"Nothing was changed in the target: {failure.Message} The {done.Count} file(s) already written were put back from the rollback snapshot '{_rollback}'."
            : $"The target is partly changed: {failure.Message} {stuck.Count} file(s) could not be put back ({string.Join(", ", stuck.Take(5))}); Restore-OrgSnapshot '{_rollback}' puts the target back.";
    }
}
