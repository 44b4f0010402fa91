using System;
using System.IO;
using System.Reflection;

namespace SandboxOps.Loading;

/// <summary>
/// Windows PowerShell 5.1 has no load contexts: resolve the engine and its dependencies from
/// Dependencies/ when the AppDomain cannot find them elsewhere.
/// </summary>
internal static class DesktopDependencyResolver
{
    private static string? _directory;

    public static void Register(string dependencyDirectory)
    {
        if (_directory is not null)
        {
            return;
        }

        _directory = dependencyDirectory;
        AppDomain.CurrentDomain.AssemblyResolve += Resolve;
    }

    public static void Unregister()
    {
        AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
        _directory = null;
    }

    private static Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        var directory = _directory;
        if (directory is null)
        {
            return null;
        }

        var candidate = Path.Combine(directory, new AssemblyName(args.Name).Name + ".dll");
        return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
    }
}
