using System.Management.Automation;
using SandboxOps.Completion;

namespace SandboxOps;

/// <summary>The commands that follow a sandbox copy: -Org (production), -Store (the baseline's), -Timeout and -PollInterval, declared once.</summary>
public abstract class SandboxRefreshCmdlet : PipelineEnvironmentCmdlet
{
    /// <summary>The production org that owns the sandbox; by default the pipeline's Production environment when it is an org.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(OrgCompleter))]
    public OrgArgument? Org { get; set; }

    /// <summary>The snapshot store: where the sandbox's snapshot is looked for before a refresh, and the baseline recorded when the copy completes.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Store { get; set; }

    /// <summary>How long to follow the copy before returning (default 30 minutes, as the Salesforce CLI waits); Salesforce goes on copying.</summary>
    [Parameter]
    public System.TimeSpan Timeout { get; set; } = System.TimeSpan.FromMinutes(30);

    /// <summary>How often the copy's status is read (default 30 seconds).</summary>
    [Parameter]
    public System.TimeSpan PollInterval { get; set; } = System.TimeSpan.FromSeconds(30);
}
