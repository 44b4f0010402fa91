using System;
using System.Runtime.InteropServices;

namespace SandboxOps.Loading;

/// <summary>
/// Names the folder under ReadyToRun/ whose assemblies were precompiled for the runtime and platform this process
/// runs on, as build.ps1 names it: "net10.0-linux-x64". Native code compiled against one major version of .NET is
/// not used by another (measured: an engine precompiled for net8.0 was compiled again by the JIT on net10.0), so the
/// major version is part of the name, and a host that matches no folder loads the portable assemblies.
/// </summary>
internal static class PrecompiledFolder
{
    public static string ForThisProcess => $"net{Environment.Version.Major}.0-{OperatingSystemName}-{Architecture}";

    private static string OperatingSystemName =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win"
        : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx"
        : "linux";

    private static string Architecture => RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
}
