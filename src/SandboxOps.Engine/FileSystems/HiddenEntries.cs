using System;
using SandboxOps.Engine.Reading;

namespace SandboxOps.Engine.FileSystems;

/// <summary>
/// Hidden files and folders (.git, .sfdx, .vscode) are not metadata and are not listed, except a project's
/// .forceignore: it decides what is read, and a snapshot keeps it so that a restore gives the project back.
/// </summary>
internal static class HiddenEntries
{
    /// <param name="relativePath">A path relative to the source's root, '/' separated.</param>
    public static bool Skips(string relativePath) =>
        relativePath != ForceIgnore.FileName
        && (relativePath.StartsWith(".", StringComparison.Ordinal) || relativePath.IndexOf("/.", StringComparison.Ordinal) >= 0);
}
