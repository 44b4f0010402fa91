using System;
using System.Globalization;
using System.Management.Automation;
using SandboxOps.Engine.BackPromotion;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Refreshes;
using SandboxOps.Engine.Salesforce;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps;

/// <summary>
/// Follows a sandbox copy for Start-SandboxRefresh and Wait-SandboxRefresh: a progress bar of Salesforce's
/// CopyProgress, and when the copy completes, the refreshed sandbox recorded as the baseline that
/// Invoke-BackPromotion from production into it finds (at that moment the sandbox is production's copy).
/// </summary>
internal static class RefreshFollower
{
    /// <summary>Changes this soon after a copy completed are the copy's own (activation touches components).</summary>
    private static readonly TimeSpan ChangeAfterCopy = TimeSpan.FromMinutes(2);

    public static SandboxRefreshResult Follow(SandboxOpsCmdlet cmdlet, RefreshScope scope, SandboxApi api, SandboxProcess process, TimeSpan timeout, TimeSpan interval, SnapshotStore? store)
    {
        var activity = $"Refreshing sandbox {process.SandboxName} ({scope.Environment.Name})";
        var last = process;
        string? said = null;
        foreach (var current in api.Follow(process, timeout, interval, cmdlet.Context.Cancellation))
        {
            last = current;
            if (current.ToString() != said)
            {
                said = current.ToString();
                cmdlet.WriteVerbose(said);
            }

            cmdlet.WriteProgress(new ProgressRecord(ActivityIds.Refresh, activity, current.Status) { PercentComplete = Math.Max(0, Math.Min(100, current.CopyProgress ?? 0)) });
        }

        cmdlet.WriteProgress(new ProgressRecord(ActivityIds.Refresh, activity, last.Status) { RecordType = ProgressRecordType.Completed });
        var outcome = SandboxRefreshResult.OutcomeOf(last, waited: true);
        var resume = $"Wait-SandboxRefresh -Environment {scope.Environment.Name} -Pipeline '{scope.Pipeline.File ?? scope.Pipeline.Name}'";
        switch (outcome)
        {
            case RefreshOutcome.Failed:
                cmdlet.Reporter.ReportError(new ErrorRecord(new SalesforceException("RefreshFailed", $"The refresh of '{scope.Environment.Name}' (sandbox {last.SandboxName}, process {last.Id}) ended {last.Status}; the sandbox keeps its old copy or none. Look in Setup > Sandboxes for Salesforce's reason, then start it again."), "RefreshFailed", ErrorCategory.OperationStopped, scope.Environment.Name));
                break;
            case RefreshOutcome.TimedOut:
                cmdlet.WriteWarning($"The refresh of '{scope.Environment.Name}' is still {last.Status}{(last.CopyProgress is { } p ? $" ({p}%)" : string.Empty)} after {timeout.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} min; Salesforce goes on copying. Resume waiting with: {resume}");
                break;
            case RefreshOutcome.AwaitingActivation:
                cmdlet.WriteWarning($"'{scope.Environment.Name}' is copied and waits for activation; activating replaces the sandbox. Activate it with: {resume} -Activate");
                break;
        }

        cmdlet.Flush();
        var baseline = outcome == RefreshOutcome.Completed ? RecordBaseline(cmdlet, scope, store, last.RefreshedAt!.Value) : null;
        return new SandboxRefreshResult(scope.Environment.Name, last, outcome, baseline);
    }

    /// <summary>
    /// The baseline recorded for this copy: one already taken since it completed, else a snapshot taken now, unless
    /// the sandbox has changed since the copy (then it would no longer be production's state, and is not recorded).
    /// </summary>
    private static string? RecordBaseline(SandboxOpsCmdlet cmdlet, RefreshScope scope, SnapshotStore? store, DateTimeOffset refreshed)
    {
        var environment = scope.Environment;
        var by = $"Export-OrgSnapshot -Source '{environment.Source}' -Store <store> -BaselineFor '{scope.ProductionSource}', '{environment.Source}'";
        if (store is null || !environment.IsOrg)
        {
            cmdlet.WriteWarning($"The baseline of back-promotions from production into '{environment.Name}' was not recorded ({(store is null ? "no -Store" : "the environment is read from " + environment.Source + ", not from the org")}). Record it before anything changes there: {by}");
            return null;
        }

        var description = BackPromoter.BaselineDescription(scope.ProductionSource, environment.Source);
        if (BackPromoter.FindBaseline(store, scope.ProductionSource, environment.Source) is { } existing && new DateTimeOffset(DateTime.SpecifyKind(existing.Manifest.Created, DateTimeKind.Utc)) >= refreshed)
        {
            cmdlet.WriteVerbose($"'{existing.Manifest.Name}' is already the baseline of this copy.");
            return existing.Manifest.Name;
        }

        if (RefreshScope.LastChange(cmdlet, environment) is { } changed && changed > refreshed + ChangeAfterCopy)
        {
            cmdlet.WriteWarning($"'{environment.Name}' changed at {changed:u}, after its copy completed ({refreshed:u}): it is no longer production's state, so no baseline is recorded. Record one by hand from a snapshot of production taken at the refresh: {by}");
            return null;
        }

        using var source = new SourceArgument(environment.Source).Open(cmdlet, new SourceOpening("Environment"));
        var version = cmdlet.MyInvocation.MyCommand.Module?.Version?.ToString() ?? "0.0.0";
        var snapshot = new SnapshotExporter(cmdlet.Context).Export(store, source, SnapshotNames.New(store.Root, source, "baseline"), description, version, ReadOptions.All);
        cmdlet.Flush();
        cmdlet.WriteVerbose($"Recorded '{snapshot.Name}' ({snapshot.ComponentCount} components) as the baseline: {description}.");
        return snapshot.Name;
    }
}
