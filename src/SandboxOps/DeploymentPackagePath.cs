using System.IO;
using SandboxOps.Engine.Model;

namespace SandboxOps;

/// <summary>A -Package argument: the full path of a package folder or zip that exists, or an error saying what to give.</summary>
internal static class DeploymentPackagePath
{
    public static string Resolve(SandboxOpsCmdlet cmdlet, string argument)
    {
        var package = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(argument);
        if (!File.Exists(package) && !Directory.Exists(package))
        {
            throw new MetadataSourceException(FailureKind.NotFound, "PathNotFound", $"-Package '{package}' does not exist. Give a folder or zip that New-DeploymentPackage wrote.");
        }

        return package;
    }
}
