using System.IO;
using System.Management.Automation;
using System.Runtime.CompilerServices;

namespace SandboxOps.Loading;

/// <summary>
/// Runs when the module is imported, before any cmdlet touches the engine: makes SandboxOps.Engine and
/// its dependencies (in Dependencies/) resolvable without letting them collide with other modules'.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static string ModuleDirectory => Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;

    private static string DependencyDirectory => Path.Combine(ModuleDirectory, "Dependencies");

    /// <summary>PowerShell 7 runs on .NET (Core), where private load contexts exist; 5.1 on .NET Framework.</summary>
    private static bool IsCoreClr => typeof(object).Assembly.GetName().Name == "System.Private.CoreLib";

    public void OnImport()
    {
        if (IsCoreClr)
        {
            RegisterCore();
        }
        else
        {
            DesktopDependencyResolver.Register(DependencyDirectory);
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        if (IsCoreClr)
        {
            UnregisterCore();
        }
        else
        {
            DesktopDependencyResolver.Unregister();
        }
    }

    // Kept out of line so Windows PowerShell never compiles a method that names AssemblyLoadContext.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RegisterCore() =>
        EngineLoadContext.Register(DependencyDirectory, Path.Combine(ModuleDirectory, "ReadyToRun", PrecompiledFolder.ForThisProcess));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void UnregisterCore() => EngineLoadContext.Unregister();
}
