using System;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps.Engine.Refreshes;

/// <summary>How a refresh stood when the command returned.</summary>
public enum RefreshOutcome
{
    /// <summary>Queued and not waited for (-NoWait).</summary>
    Queued,

    /// <summary>Still copying when the wait ended: resume with Wait-SandboxRefresh.</summary>
    TimedOut,

    /// <summary>Copied, waiting to be activated (auto-activation off).</summary>
    AwaitingActivation,

    Completed,

    Failed,
}

/// <summary>A refresh as Start-SandboxRefresh and Wait-SandboxRefresh report it.</summary>
public sealed class SandboxRefreshResult
{
    public SandboxRefreshResult(string environment, SandboxProcess process, RefreshOutcome outcome, string? baseline)
    {
        Environment = environment;
        Process = process;
        Outcome = outcome;
        Baseline = baseline;
    }

    public string Environment { get; }

    public string SandboxName => Process.SandboxName;

    public RefreshOutcome Outcome { get; }

    public string Status => Process.Status;

    public int? CopyProgress => Process.CopyProgress;

    public string ProcessId => Process.Id;

    public DateTimeOffset? RefreshedAt => Process.RefreshedAt;

    /// <summary>The snapshot recorded as the back-promotion baseline from production when the copy completed.</summary>
    public string? Baseline { get; }

    public SandboxProcess Process { get; }

    public static RefreshOutcome OutcomeOf(SandboxProcess process, bool waited) =>
        process.Succeeded ? RefreshOutcome.Completed
        : process.Failed ? RefreshOutcome.Failed
        : process.AwaitsActivation ? RefreshOutcome.AwaitingActivation
        : waited ? RefreshOutcome.TimedOut : RefreshOutcome.Queued;

    public override string ToString() => $"{Environment} ({SandboxName}): {Outcome}, {Status}";
}
