using System;

namespace SandboxOps.Engine.FileSystems;

/// <summary>
/// Hidden files and folders (.git, .sfdx, .vscode) are not metadata and are not listed, except a project's
/// .forceignore (it decides what is read, and a snapshot keeps it so that a restore gives the project back)
/// and whatever sits inside a static resource folder, whose every file is part of the resource (its zip
/// holds them too).
/// </summary>
internal static class HiddenEntries
{
    /// <summary>A DX project's ignore file: hidden, and listed all the same.</summary>
    public const string ForceIgnoreFile = ".forceignore";

    private const string ResourceFolder = "staticresources/";

    /// <param name="relativePath">A path relative to the source's root, '/' separated.</param>
    public static bool Skips(string relativePath)
    {
        if (relativePath == ForceIgnoreFile)
        {
            return false;
        }

        var hidden = relativePath.StartsWith(".", StringComparison.Ordinal) ? 0 : relativePath.IndexOf("/.", StringComparison.Ordinal);
        if (hidden < 0)
        {
            return false;
        }

        // Inside staticresources/<resource>/: the hidden part lies past the resource's own folder. With a '/'
        // in front, where "/staticresources/" starts is where "staticresources/" starts in the path itself.
        var resources = ("/" + relativePath).IndexOf("/" + ResourceFolder, StringComparison.Ordinal);
        var resourceFolderEnd = resources < 0 ? -1 : relativePath.IndexOf('/', resources + ResourceFolder.Length);
        return resourceFolderEnd < 0 || hidden < resourceFolderEnd;
    }
}
