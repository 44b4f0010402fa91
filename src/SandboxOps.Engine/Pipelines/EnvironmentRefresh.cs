using System;

namespace SandboxOps.Engine.Pipelines;

/// <summary>An environment's refresh settings in the pipeline file: its sandbox name, its refresh history, its post-refresh rules.</summary>
public sealed class EnvironmentRefresh
{
    public EnvironmentRefresh(string? sandboxName, DateTimeOffset? lastRefresh, PostRefreshRules postRefresh, MaskingPolicy? masking = null)
    {
        SandboxName = sandboxName;
        LastRefresh = lastRefresh;
        PostRefresh = postRefresh;
        Masking = masking;
    }

    public static EnvironmentRefresh None { get; } = new(null, null, PostRefreshRules.None);

    /// <summary>Salesforce's name of the sandbox when it differs from the environment's.</summary>
    public string? SandboxName { get; }

    /// <summary>When the sandbox was last refreshed, as the file records it (used when production cannot be asked).</summary>
    public DateTimeOffset? LastRefresh { get; }

    public PostRefreshRules PostRefresh { get; }

    /// <summary>Whether the records a refresh copies must be masked, and by which rules; null when the file does not say.</summary>
    public MaskingPolicy? Masking { get; }

    public bool IsEmpty => SandboxName is null && LastRefresh is null && PostRefresh.IsEmpty && Masking is null;
}
