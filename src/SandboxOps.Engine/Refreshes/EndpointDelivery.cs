using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Packaging;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps.Engine.Refreshes;

/// <summary>
/// Post-refresh tasks on a live sandbox: its integration components retrieved into a temporary folder, rewritten
/// there like any folder, and the rewritten ones sent back as one package, validated before it is deployed.
/// </summary>
public static class EndpointDelivery
{
    /// <summary>The sandbox's endpoint and credential components, retrieved into a temporary folder the caller disposes.</summary>
    public static async Task<StagedOutput> RetrieveAsync(OrgConnection org, EngineContext context)
    {
        var folder = StagedOutput.TemporaryFolder("sandboxops-postrefresh-");
        try
        {
            await new OrgRetriever(context).RetrieveAsync(org, folder.Path, RetrieveOptions.For(new ReadOptions(EndpointRewriter.Types))).ConfigureAwait(false);
            return folder;
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>Packages the rewritten components, validates the package, then deploys it; the failure's description, or null.</summary>
    public static async Task<string?> DeliverAsync(OrgConnection org, string folder, IReadOnlyCollection<EndpointChange> changes, EngineContext context)
    {
        using var packageFolder = StagedOutput.TemporaryFolder("sandboxops-postrefresh-package-");
        using var written = MetadataSource.Open(folder);
        var packages = new PackageBuilder(context).Build(written, changes.Select(c => c.Component).Distinct(), Enumerable.Empty<Model.ComponentKey>(), packageFolder.Path, new PackageOptions());
        var deployer = new OrgDeployer(context);
        foreach (var package in packages)
        {
            foreach (var checkOnly in new[] { true, false })
            {
                var result = await deployer.DeployAsync(org, package.Path, new DeployOptions(checkOnly)).ConfigureAwait(false);
                if (!result.Success)
                {
                    return $"the {(checkOnly ? "validation" : "deploy")} to {org.Name} failed ({result.FirstFailure}); {(checkOnly ? "nothing was changed in the org" : "the deploy was rolled back")}.";
                }
            }
        }

        return null;
    }
}
