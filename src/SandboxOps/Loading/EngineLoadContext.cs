using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace SandboxOps.Loading;

/// <summary>
/// A private load context for the engine on PowerShell 7. The default context is asked only for
/// SandboxOps.Engine, which this context then loads; everything the engine needs comes from
/// Dependencies/, except framework assemblies the host already ships at the same or a newer version,
/// which are shared so that types like Span or IAsyncDisposable stay one type. An assembly the build
/// precompiled for this runtime and platform (see <see cref="PrecompiledFolder"/>) is loaded in place of its
/// portable twin: same IL, with native code that spares the first command the JIT.
/// </summary>
internal sealed class EngineLoadContext : AssemblyLoadContext
{
    private const string EngineAssemblyName = "SandboxOps.Engine";
    private static readonly object Gate = new();
    private static EngineLoadContext? _instance;
    private static bool _registered;

    private readonly string _dependencyDirectory;
    private readonly string _precompiledDirectory;
    private readonly Dictionary<string, string> _hostAssemblies;

    private EngineLoadContext(string dependencyDirectory, string precompiledDirectory)
    {
        _dependencyDirectory = dependencyDirectory;
        _precompiledDirectory = precompiledDirectory;
        _hostAssemblies = HostAssemblies();
    }

    public static void Register(string dependencyDirectory, string precompiledDirectory)
    {
        lock (Gate)
        {
            // One context per process: a module removed and imported again must find the engine it loaded.
            _instance ??= new EngineLoadContext(dependencyDirectory, precompiledDirectory);
            if (!_registered)
            {
                Default.Resolving += ResolveEngine;
                _registered = true;
            }
        }
    }

    public static void Unregister()
    {
        lock (Gate)
        {
            if (_registered)
            {
                Default.Resolving -= ResolveEngine;
                _registered = false;
            }
        }
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var candidate = Path.Combine(_dependencyDirectory, assemblyName.Name + ".dll");
        if (!File.Exists(candidate) || HostProvides(assemblyName))
        {
            return null; // the default context supplies framework and host assemblies
        }

        var precompiled = Path.Combine(_precompiledDirectory, assemblyName.Name + ".dll");
        return LoadFromAssemblyPath(File.Exists(precompiled) ? precompiled : candidate);
    }

    private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name)
    {
        var instance = _instance;
        if (instance is null || !string.Equals(name.Name, EngineAssemblyName, StringComparison.Ordinal))
        {
            return null;
        }

        return instance.LoadFromAssemblyName(name);
    }

    private bool HostProvides(AssemblyName requested)
    {
        if (requested.Name is null || !_hostAssemblies.TryGetValue(requested.Name, out var hostPath))
        {
            return false;
        }

        var hostVersion = AssemblyName.GetAssemblyName(hostPath).Version;
        return requested.Version is null || (hostVersion is not null && hostVersion >= requested.Version);
    }

    /// <summary>The runtime's trusted platform assemblies plus pwsh's own folder, by simple name.</summary>
    private static Dictionary<string, string> HostAssemblies()
    {
        var assemblies = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var platform = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
        foreach (var path in platform.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
        {
            assemblies[Path.GetFileNameWithoutExtension(path)] = path;
        }

        var psHome = Path.GetDirectoryName(typeof(PSObject).Assembly.Location);
        if (psHome is not null)
        {
            foreach (var path in Directory.EnumerateFiles(psHome, "*.dll"))
            {
                var name = Path.GetFileNameWithoutExtension(path);
                if (!assemblies.ContainsKey(name))
                {
                    assemblies[name] = path;
                }
            }
        }

        return assemblies;
    }
}
