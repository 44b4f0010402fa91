using System;
using SandboxOps.Engine.Pipelines;

namespace SandboxOps.Engine.Refreshes;

/// <summary>How often Salesforce lets a sandbox of each licence be refreshed.</summary>
public static class RefreshInterval
{
    /// <summary>Developer and Developer Pro: daily; Partial Copy: every 5 days; Full: every 29 days; null for orgs that are not refreshed.</summary>
    public static TimeSpan? Of(SandboxType type) => type switch
    {
        SandboxType.Developer or SandboxType.DeveloperPro => TimeSpan.FromDays(1),
        SandboxType.Partial => TimeSpan.FromDays(5),
        SandboxType.Full => TimeSpan.FromDays(29),
        _ => null,
    };

    /// <summary>The type a SandboxInfo's LicenseType names (DEVELOPER, DEVELOPER PRO, PARTIAL, FULL).</summary>
    public static SandboxType? TypeOfLicense(string licenseType) => licenseType.Trim().ToUpperInvariant() switch
    {
        "DEVELOPER" => SandboxType.Developer,
        "DEVELOPER PRO" or "DEVELOPER_PRO" => SandboxType.DeveloperPro,
        "PARTIAL" => SandboxType.Partial,
        "FULL" => SandboxType.Full,
        _ => null,
    };
}
