namespace SandboxOps.Engine.Refreshes;

/// <summary>Where a post-refresh task stands.</summary>
public enum PostRefreshStatus
{
    Done,
    AlreadyDone,
    NeedsManualAction,
    Failed,
}

/// <summary>One line of the post-refresh checklist.</summary>
public sealed class PostRefreshTask
{
    public PostRefreshTask(string task, string target, PostRefreshStatus status, string detail)
    {
        Task = task;
        Target = target;
        Status = status;
        Detail = detail;
    }

    /// <summary>RewriteEndpoint, RestoreEmail, RewriteSetting, Reauthenticate or ReviewScheduledJob.</summary>
    public string Task { get; }

    /// <summary>The component or record: "RemoteSiteSetting Billing_API", "User dana.dev@acme.example.uat".</summary>
    public string Target { get; }

    public PostRefreshStatus Status { get; }

    public string Detail { get; }

    public PostRefreshTask With(PostRefreshStatus status, string detail) => new(Task, Target, status, detail);

    public override string ToString() => $"{Status}: {Task} {Target}";
}
