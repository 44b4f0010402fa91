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
public sealed class InvokeBackPromotionCommand : ComponentFilterCmdlet, IDynamicParameters
{
    private readonly DeployParameters _deploy = new();

    /// <summary>The higher environment: a folder, zip, DX project, snapshot or org.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(SourceCompleter))]
    [ValidateNotNull]
    public SourceArgument Source { get; set; } = null!;

    /// <summary>The lower environments to bring up to date: retrieved folders or DX projects (changed in place), or orgs (deployed to).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [ArgumentCompleter(typeof(SourceCompleter))]
    [ValidateNotNullOrEmpty]
    public SourceArgument[] Target { get; set; } = Array.Empty<SourceArgument>();

    /// <summary>The snapshot store for rollback points and baselines; created when missing.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Store { get; set; } = string.Empty;

    /// <summary>The state source and target last agreed on; by default the last baseline this command recorded for the pair.</summary>
    [Parameter]
    [ValidateNotNull]
    public SnapshotArgument? Baseline { get; set; }

    /// <summary>
    /// Elements changed on both sides differently (whole components when there is no baseline to merge against):
    /// Skip the component (default), Overwrite with the source's value, KeepTarget's value and promote the rest,
    /// or Stop before changing anything.
    /// </summary>
    [Parameter]
    [ValidateSet("Skip", "Overwrite", "KeepTarget", "Stop")]
    public string ConflictAction { get; set; } = "Skip";

    /// <summary>Delete from the target what the source no longer has and the target did not change.</summary>
    [Parameter]
    public SwitchParameter IncludeDeletion { get; set; }

    public object GetDynamicParameters() => _deploy;

    protected override object? ErrorTarget => Source;

    /// <summary>The store and the source are the run's (a failure stops it); each target is an input of its own.</summary>
    protected override void ProcessItem()
    {
        var store = OpenStore();
        using var source = Source.Open(this, new SourceOpening(nameof(Source), filter: Filter));
        foreach (var target in Target)
        {
            ForInput(target, () => PromoteInto(target, source, store));
        }
    }

    private void PromoteInto(SourceArgument argument, MetadataSource source, SnapshotStore? store)
    {
        using var target = OpenTarget(argument, out var org);
        var promoter = new BackPromoter(Context);
        var plan = promoter.Plan(source, target, BaselineFor(store, source, target.Name), PromotionOptions());
        IReadOnlyList<BackPromotionResult> results;
        if (plan.ChangeCount > 0 && !plan.Stopped && !Allowed(org, target, plan.ChangeCount, source.Description))
        {
            if (!IsWhatIf())
            {
                return;
            }

            results = plan.AsWhatIf();
        }
        else
        {
            results = IsWhatIf() ? plan.AsWhatIf() : promoter.Apply(plan, source, target, store!);
        }

        Report(target.Name, results);
    }

    /// <summary>A folder changed in place, or an org retrieved into a temporary copy; a zip or snapshot cannot be changed.</summary>
    private PromotionTarget OpenTarget(SourceArgument argument, out OrgConnection? org)
    {
        org = null;
        if (argument.Snapshot is not null)
        {
            throw new InvalidArgumentException("TargetNotWritable", $"-Target '{argument}' is a snapshot, which is never changed. Restore it to a folder with Restore-OrgSnapshot and promote into that.");
        }

        if (argument.OrgNamed(this) is { } named)
        {
            org = named.Resolve();
            return PromotionTarget.RetrieveAsync(org, new OrgDeployment(this, _deploy).OptionsFor(org), Context).GetAwaiter().GetResult();
        }

        if (_deploy.AnyGiven)
        {
            throw new InvalidArgumentException("DeployParameterWithoutOrg", $"-CheckOnly, -TestLevel, -RunTests, -AllowProduction and -NoCancelOnStop apply to an org target; '{argument}' is a folder.");
        }

        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(argument.Path);
        if (!System.IO.Directory.Exists(path))
        {
            throw new MetadataSourceException(FailureKind.NotFound, "PathNotFound", $"-Target '{path}' is not a folder. Give a retrieved folder, a DX project or an org; a zip or snapshot cannot be changed in place.");
        }

        return PromotionTarget.InFolder(path);
    }

    /// <summary>ShouldProcess for a folder; for an org, the production guard as every deploying command has it.</summary>
    private bool Allowed(OrgConnection? org, PromotionTarget target, int count, string source) =>
        org is null
            ? ShouldProcess(target.Name, $"Promote {count} component(s) from {source}")
            : new OrgDeployment(this, _deploy).AllowedToDeploy(org, $"{count} component(s) promoted from {source}");

    /// <summary>The snapshot store; under -WhatIf, null when it does not exist yet, since -WhatIf writes nothing anywhere.</summary>
    private SnapshotStore? OpenStore()
    {
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Store);
        return IsWhatIf() && !System.IO.Directory.Exists(path) ? null : SnapshotStore.Open(path, create: true);
    }

    /// <summary>-Baseline, or the one the store holds for this pair; a warning when there is none.</summary>
    private PromotionBaseline? BaselineFor(SnapshotStore? store, MetadataSource source, string target)
    {
        var baseline = Baseline is not null ? Given(SnapshotStore.Open(Baseline.Snapshot.Store, create: false), Baseline.Snapshot.Name)
            : store is null ? null : BackPromoter.FindBaseline(store, source.Description, target);
        if (baseline is null)
        {
            WriteWarning($"No baseline for {source.Description} -> {target}: every difference counts as a conflict, since it cannot be told which side changed. Record one right after the target's next refresh with Export-OrgSnapshot <target> -Store <store> -BaselineFor '{source.Description}', '{target}'; or give -Baseline (a snapshot of the source as the target last matched it), or -ConflictAction Overwrite.");
        }

        return baseline;
    }

    private static PromotionBaseline Given(SnapshotStore store, string name) => new(store, store.Load(name));

    private BackPromotionOptions PromotionOptions() => new(
        Filter,
        (Engine.BackPromotion.ConflictAction)Enum.Parse(typeof(Engine.BackPromotion.ConflictAction), ConflictAction),
        IncludeDeletion,
        whatIf: false);

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
