using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.BackPromotion;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Salesforce;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Commands;

/// <summary>
/// Brings production hotfixes (or any higher environment's changes) down into lower environments without
/// overwriting their work in progress: three-way against a baseline, with a rollback snapshot per target.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "BackPromotion", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(BackPromotionResult))]
public sealed class InvokeBackPromotionCommand : OrgChangingCmdlet
{
    /// <summary>The higher environment: a folder, zip, DX project or snapshot.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public SourceArgument Source { get; set; } = null!;

    /// <summary>The lower environments to bring up to date: retrieved folders or DX projects, changed in place.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public string[] Target { get; set; } = Array.Empty<string>();

    /// <summary>The snapshot store for rollback points and baselines; created when missing.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Store { get; set; } = string.Empty;

    /// <summary>The state source and target last agreed on; by default the last baseline this command recorded for the pair.</summary>
    [Parameter]
    [ValidateNotNull]
    public SnapshotArgument? Baseline { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(MetadataTypeCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Type { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Components changed on both sides: Skip (default), Overwrite with the source, or Stop before changing anything.</summary>
    [Parameter]
    [ValidateSet("Skip", "Overwrite", "Stop")]
    public string ConflictAction { get; set; } = "Skip";

    /// <summary>Delete from the target what the source no longer has and the target did not change.</summary>
    [Parameter]
    public SwitchParameter IncludeDeletion { get; set; }

    protected override void ProcessItem()
    {
        foreach (var path in Target)
        {
            var target = path;
            try
            {
                if (OrgArgument.Named(path, this) is { } org)
                {
                    PromoteIntoOrg(org);
                    continue;
                }

                target = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                PromoteInto(target);
            }
            catch (SalesforceException failure)
            {
                WriteError(OrgErrors.Record(failure, path));
            }
            catch (MetadataSourceException failure)
            {
                WriteSourceError(failure, target);
            }
            catch (SnapshotStoreException failure)
            {
                Flush();
                ThrowTerminatingError(SnapshotErrors.Record(failure, Store));
            }
        }
    }

    private void PromoteInto(string target)
    {
        if (!System.IO.Directory.Exists(target))
        {
            throw new MetadataSourceException("PathNotFound", $"-Target '{target}' is not a folder. Give a retrieved folder or a DX project; a zip or snapshot cannot be changed in place.");
        }

        var store = OpenStore();
        using var source = Source.Open(this, nameof(Source), revision: null);
        var promoter = new BackPromoter(Reporter, Logging);
        var plan = promoter.Plan(source, target, BaselineFor(store, source, target), PromotionOptions());
        IReadOnlyList<BackPromotionResult> results;
        if (plan.ChangeCount > 0 && !plan.Stopped && !ShouldProcess(target, $"Promote {plan.ChangeCount} component(s) from {source.Description}"))
        {
            if (!IsWhatIf())
            {
                return;
            }

            results = plan.AsWhatIf();
        }
        else
        {
            results = IsWhatIf() ? plan.AsWhatIf() : promoter.Apply(plan, source, store!, cancellationToken: CancellationToken);
        }

        Report(target, results);
    }

    /// <summary>The snapshot store; under -WhatIf, null when it does not exist yet, since -WhatIf writes nothing anywhere.</summary>
    private SnapshotStore? OpenStore()
    {
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Store);
        return IsWhatIf() && !System.IO.Directory.Exists(path) ? null : SnapshotStore.Open(path, create: true);
    }

    /// <summary>-Baseline, or the one the store holds for this pair; a warning when there is none.</summary>
    private SnapshotManifest? BaselineFor(SnapshotStore? store, MetadataSource source, string target)
    {
        var baseline = Baseline is not null ? SnapshotStore.Open(Baseline.Snapshot.Store, create: false).Load(Baseline.Snapshot.Name)
            : store is null ? null : BackPromoter.FindBaseline(store, source.Description, target);
        if (baseline is null)
        {
            WriteWarning($"No baseline for {source.Description} -> {target}: every difference counts as a conflict, since it cannot be told which side changed. Give -Baseline (for example the snapshot taken at the last refresh), or -ConflictAction Overwrite.");
        }

        return baseline;
    }

    private BackPromotionOptions PromotionOptions() => new(
        new ReadOptions(TypeArgument.Canonicalize(this, Type), NameFilter.From(Name)),
        (Engine.BackPromotion.ConflictAction)Enum.Parse(typeof(Engine.BackPromotion.ConflictAction), ConflictAction),
        IncludeDeletion,
        whatIf: false);

    /// <summary>
    /// Into a live org: retrieved into a temporary folder (the rollback snapshot is taken of it), planned,
    /// written into that copy, packaged, validated and deployed; the baseline is recorded after the deploy.
    /// </summary>
    private void PromoteIntoOrg(OrgArgument argument)
    {
        var org = argument.Resolve();
        var targetName = org.SourceName;
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sandboxops-promote-" + Guid.NewGuid().ToString("N"));
        try
        {
            var store = OpenStore();
            using var source = Source.Open(this, nameof(Source), revision: null);
            var promotion = new OrgBackPromotion(Reporter, Logging);
            var plan = promotion.PlanAsync(source, org, folder, BaselineFor(store, source, targetName), PromotionOptions(), CancellationToken).GetAwaiter().GetResult();
            IReadOnlyList<BackPromotionResult> results;
            if (plan.ChangeCount > 0 && !plan.Stopped && !AllowedToDeploy(org, changes: true, $"{plan.ChangeCount} promoted component(s) from {source.Description}"))
            {
                if (!IsWhatIf())
                {
                    return;
                }

                results = plan.AsWhatIf();
            }
            else
            {
                results = IsWhatIf() ? plan.AsWhatIf() : promotion.ApplyAsync(plan, source, org, store!, new DeployOptions(testLevel: TestLevelFor(org, null), cancelOnStop: !NoCancelOnStop), CancellationToken).GetAwaiter().GetResult();
            }

            Report(targetName, results);
        }
        finally
        {
            if (System.IO.Directory.Exists(folder))
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }
        }
    }

    private void Report(string target, IReadOnlyList<BackPromotionResult> results)
    {
        foreach (var result in results)
        {
            Emit(result);
        }

        var conflicts = results.Count(r => r.Status == PromotionStatus.Conflict);
        if (conflicts > 0)
        {
            WriteWarning($"{conflicts} component(s) changed on both sides were not promoted into {target}; see the results with Status Conflict.");
        }

        if (conflicts > 0 && ConflictAction == "Stop")
        {
            WriteError(new ErrorRecord(new InvalidOperationException($"Stopped: {conflicts} conflict(s); nothing was changed in {target}."), "SandboxOps.BackPromotion.Conflict", ErrorCategory.OperationStopped, target));
        }

        var failed = results.FirstOrDefault(r => r.Status == PromotionStatus.Failed);
        if (failed is not null)
        {
            WriteError(new ErrorRecord(new InvalidOperationException(failed.Reason), "SandboxOps.BackPromotion.Failed", ErrorCategory.WriteError, target));
        }
    }

    private bool IsWhatIf() =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value) ? ((SwitchParameter)value).IsPresent : GetVariableValue("WhatIfPreference") is true or SwitchParameter { IsPresent: true };
}
