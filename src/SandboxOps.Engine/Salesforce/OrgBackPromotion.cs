using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SandboxOps.Engine.BackPromotion;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Packaging;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Engine.Salesforce;

/// <summary>
/// Back-promotion into a live org: the org is retrieved (that retrieve is the rollback snapshot), the
/// three-way plan is made against it, the promoted components are written into the retrieved copy,
/// packaged from it, validated, then deployed; the new baseline is recorded only when the deploy succeeded.
/// </summary>
public sealed class OrgBackPromotion
{
    private readonly IOperationObserver _observer;
    private readonly EngineLogging? _logging;

    public OrgBackPromotion(IOperationObserver observer, EngineLogging? logging = null)
    {
        _observer = observer;
        _logging = logging;
    }

    /// <summary>Retrieves the org into <paramref name="folder"/> and plans the promotion into it; changes nothing.</summary>
    public async Task<BackPromotionPlan> PlanAsync(MetadataSource source, OrgConnection org, string folder, SnapshotManifest? baseline, BackPromotionOptions options, CancellationToken cancellation)
    {
        await new OrgRetriever(_observer, _logging).RetrieveAsync(org, folder, new RetrieveOptions(), cancellation).ConfigureAwait(false);
        return new BackPromoter(_observer, _logging).Plan(source, folder, baseline, options, org.SourceName);
    }

    public async Task<IReadOnlyList<BackPromotionResult>> ApplyAsync(BackPromotionPlan plan, MetadataSource source, OrgConnection org, SnapshotStore store, DeployOptions deploy, CancellationToken cancellation)
    {
        var promoter = new BackPromoter(_observer, _logging);
        var written = promoter.Apply(plan, source, store, recordBaseline: false, cancellationToken: cancellation);
        var promoted = written.Where(r => r.Status == PromotionStatus.Promoted).ToList();
        if (promoted.Count == 0 || written.Any(r => r.Status == PromotionStatus.Failed))
        {
            return written;
        }

        var packageFolder = plan.TargetPath + ".package-" + Guid.NewGuid().ToString("N");
        try
        {
            using var promotedState = MetadataSource.Open(plan.TargetPath);
            var packages = new PackageBuilder(_observer, _logging).Build(
                promotedState,
                promoted.Where(r => r.Action != PromotionAction.Delete).Select(r => new ComponentKey(r.Type, r.FullName)),
                promoted.Where(r => r.Action == PromotionAction.Delete).Select(r => new ComponentKey(r.Type, r.FullName)),
                packageFolder,
                new PackageOptions(),
                cancellation);
            var deployer = new OrgDeployer(_observer, _logging);
            foreach (var package in packages)
            {
                foreach (var checkOnly in new[] { true, false })
                {
                    var result = await deployer.DeployAsync(org, package.Path, new DeployOptions(checkOnly, deploy.TestLevel, deploy.RunTests, deploy.CancelOnStop), cancellation).ConfigureAwait(false);
                    if (!result.Success)
                    {
                        var why = result.FirstFailure;
                        var reason = $"The {(checkOnly ? "validation" : "deploy")} to {org.Name} failed ({why}); {(checkOnly ? "nothing was changed in the org" : "the deploy was rolled back")}.";
                        return written.Select(r => r.Status == PromotionStatus.Promoted ? r.With(PromotionStatus.Failed, reason, r.RollbackSnapshot) : r).ToList();
                    }
                }
            }

            promoter.RecordBaseline(source, plan.Target, store, cancellation);
            return written;
        }
        finally
        {
            foreach (var leftover in Directory.GetParent(plan.TargetPath)!.GetDirectories(Path.GetFileName(packageFolder) + "*"))
            {
                leftover.Delete(recursive: true);
            }

            if (File.Exists(packageFolder))
            {
                File.Delete(packageFolder);
            }
        }
    }
}
