using System.IO;
using System.Reflection;

namespace SandboxOps.Engine.FileSystems;

/// <summary>
/// Where a symbolic link finally leads. The engine is built for netstandard2.0, which has no API for it;
/// .NET 6 and later (PowerShell 7) have <c>FileSystemInfo.ResolveLinkTarget</c>, found at run time. Where it
/// is missing (Windows PowerShell 5.1), the target is unknown and the link is treated as leading outside.
/// </summary>
internal static class LinkTarget
{
    private static readonly MethodInfo? ResolveLinkTarget = typeof(FileSystemInfo).GetMethod("ResolveLinkTarget", new[] { typeof(bool) });

    /// <summary>The full path the link leads to through every link on the way, or null when it cannot be told.</summary>
    public static string? Resolve(string path)
    {
        try
        {
            return (ResolveLinkTarget?.Invoke(new FileInfo(path), new object[] { true }) as FileSystemInfo)?.FullName;
        }
        catch (TargetInvocationException)
        {
            return null; // a loop, or a link that leads nowhere
        }
    }
}
