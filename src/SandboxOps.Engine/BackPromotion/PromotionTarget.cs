using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Packaging;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps.Engine.BackPromotion;

/// <summary>
/// Where a back-promotion goes, as one path for folders and orgs: a folder the plan reads and the changes are
/// written into (a DX project or retrieved folder itself; for an org, a retrieve of it), and what delivering the
/// written changes takes (nothing more for a folder; for an org, a package validated, then deployed).
/// </summary>
public abstract class PromotionTarget : IDisposable
{
    private readonly StagedOutput? _owned;

    private protected PromotionTarget(string name, string folder, StagedOutput? owned = null)
    {
        Name = name;
        Folder = folder;
        _owned = owned;
    }

    /// <summary>How results and baselines name the target: its path, or org:alias.</summary>
    public string Name { get; }

    /// <summary>The folder the plan reads and the changes are written into.</summary>
    public string Folder { get; }

    /// <summary>A folder or DX project, changed in place.</summary>
    public static PromotionTarget InFolder(string path) => new FolderTarget(System.IO.Path.GetFullPath(path));

    /// <summary>A live org: retrieved into a temporary folder (deleted on dispose), delivered by a validated deploy.</summary>
    public static async Task<PromotionTarget> RetrieveAsync(OrgConnection org, DeployOptions deploy, EngineContext context)
    {
        var folder = StagedOutput.TemporaryFolder("sandboxops-promote-");
        try
        {
            await new OrgRetriever(context).RetrieveAsync(org, folder.Path, new RetrieveOptions()).ConfigureAwait(false);
            return new OrgTarget(org, folder, deploy);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Delivers what was written into <see cref="Folder"/>; returns the results, with the promoted ones marked
    /// Failed (and why) when delivery failed, in which case no baseline is recorded.
    /// </summary>
    /// <summary>
    /// Whether what is written reaches the target by a Metadata API deploy, where a profile or permission set adds
    /// and changes permissions but never revokes one its file leaves out.
    /// </summary>
    internal virtual bool Deploys => false;

    internal abstract Task<IReadOnlyList<BackPromotionResult>> DeliverAsync(IReadOnlyList<BackPromotionResult> written, EngineContext context);

    /// <summary>Deletes the retrieved copy of an org; a folder target is left as it is.</summary>
    public void Dispose()
    {
        _owned?.Dispose();
        GC.SuppressFinalize(this);
    }

    private sealed class FolderTarget : PromotionTarget
    {
        public FolderTarget(string path)
            : base(path, path)
        {
        }

        internal override Task<IReadOnlyList<BackPromotionResult>> DeliverAsync(IReadOnlyList<BackPromotionResult> written, EngineContext context) => Task.FromResult(written);
    }

    /// <summary>The retrieved copy of an org: the promoted components packaged from it, validated, then deployed, part by part.</summary>
    private sealed class OrgTarget : PromotionTarget
    {
        private readonly OrgConnection _org;
        private readonly DeployOptions _deploy;

        public OrgTarget(OrgConnection org, StagedOutput retrieved, DeployOptions deploy)
            : base(org.SourceName, retrieved.Path, retrieved)
        {
            _org = org;
            _deploy = deploy;
        }

        internal override bool Deploys => true;

        internal override async Task<IReadOnlyList<BackPromotionResult>> DeliverAsync(IReadOnlyList<BackPromotionResult> written, EngineContext context)
        {
            var promoted = written.Where(r => r.Status == PromotionStatus.Promoted).ToList();
            using var packageFolder = StagedOutput.TemporaryFolder("sandboxops-promote-package-");
            using var promotedState = MetadataSource.Open(Folder);
            var packages = new PackageBuilder(context).Build(
                promotedState,
                promoted.Where(r => r.Action != PromotionAction.Delete).Select(r => new ComponentKey(r.Type, r.FullName)),
                promoted.Where(r => r.Action == PromotionAction.Delete).Select(r => new ComponentKey(r.Type, r.FullName)),
                packageFolder.Path,
                new PackageOptions());
            var deployer = new OrgDeployer(context);
            var steps = _deploy.CheckOnly ? new[] { true } : new[] { true, false };
            foreach (var package in packages)
            {
                foreach (var checkOnly in steps)
                {
                    var result = await deployer.DeployAsync(_org, package.Path, new DeployOptions(checkOnly, _deploy.TestLevel, _deploy.RunTests, _deploy.CancelOnStop)).ConfigureAwait(false);
                    if (!result.Success)
                    {
                        var reason = $"The {(checkOnly ? "validation" : "deploy")} to {_org.Name} failed ({result.FirstFailure}); {(checkOnly ? "nothing was changed in the org" : "the deploy was rolled back")}.";
                        return written.Select(r => r.Status == PromotionStatus.Promoted ? r.With(PromotionStatus.Failed, reason, r.RollbackSnapshot) : r).ToList();
                    }
                }
            }

            return _deploy.CheckOnly
                ? written.Select(r => r.Status == PromotionStatus.Promoted ? r.With(PromotionStatus.Validated, $"Validated in {_org.Name} (-CheckOnly); not deployed.", r.RollbackSnapshot) : r).ToList()
                : written;
        }
    }
}
