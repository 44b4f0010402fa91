using System;
using System.Collections.Generic;
using System.IO;

namespace SandboxOps.Engine.BackPromotion;

/// <summary>
/// The files a back-promotion changes, prepared beside the target before any is touched: a file is copied
/// into the staging folder the first time it is read or written (so merges see the target's content), and
/// deletions are only noted. Nothing of the target changes until <see cref="InPlaceCommit"/> applies them.
/// </summary>
internal sealed class StagedChanges
{
    private readonly string _target;
    private readonly string _staging;
    private readonly HashSet<string> _staged = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deleted = new(StringComparer.Ordinal);

    public StagedChanges(string target, string staging)
    {
        _target = target;
        _staging = staging;
        Directory.CreateDirectory(staging);
    }

    /// <summary>Target-relative paths of the files to write.</summary>
    public IReadOnlyCollection<string> Written => _staged;

    /// <summary>Target-relative paths of the files to delete.</summary>
    public IReadOnlyCollection<string> Deleted => _deleted;

    public string StagingPath(string relative) => Path.Combine(_staging, Native(relative));

    public string TargetPath(string relative) => Path.Combine(_target, Native(relative));

    /// <summary>Where to read or write a file: its staged copy, made from the target's file on first use.</summary>
    public string PathFor(string relative)
    {
        var staged = StagingPath(relative);
        if (_staged.Add(relative))
        {
            _deleted.Remove(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(staged)!);
            var original = TargetPath(relative);
            if (File.Exists(original))
            {
                File.Copy(original, staged, overwrite: true);
            }
        }

        return staged;
    }

    public void Delete(string relative)
    {
        if (_staged.Remove(relative))
        {
            File.Delete(StagingPath(relative));
        }

        if (File.Exists(TargetPath(relative)))
        {
            _deleted.Add(relative);
        }
    }

    private static string Native(string relative) => relative.Replace('/', Path.DirectorySeparatorChar);
}
