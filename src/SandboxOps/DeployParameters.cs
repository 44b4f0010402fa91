using System.Management.Automation;

namespace SandboxOps;

/// <summary>
/// The parameters of every command that deploys to an org (Publish-DeploymentPackage, Restore-OrgSnapshot
/// -Org, Invoke-BackPromotion into an org), declared once and offered as dynamic parameters, so each of those
/// commands takes them by the same names whatever else it derives from.
/// </summary>
public sealed class DeployParameters
{
    /// <summary>Validate only: Salesforce checks and runs tests, and changes nothing.</summary>
    [Parameter]
    public SwitchParameter CheckOnly { get; set; }

    /// <summary>Which Apex tests run; by default none for sandboxes and local tests for production.</summary>
    [Parameter]
    public TestLevel? TestLevel { get; set; }

    /// <summary>The test classes for -TestLevel RunSpecifiedTests.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? RunTests { get; set; }

    /// <summary>Allow changing a production org (IsSandbox false); it is still confirmed unless -Force.</summary>
    [Parameter]
    public SwitchParameter AllowProduction { get; set; }

    /// <summary>Do not ask before changing production (runbooks).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>When the command is stopped, leave the deploy running in the org instead of cancelling it.</summary>
    [Parameter]
    public SwitchParameter NoCancelOnStop { get; set; }

    /// <summary>True when any deploy parameter was given (refused where the command writes to a folder).</summary>
    internal bool AnyGiven => CheckOnly || TestLevel is not null || RunTests is not null || AllowProduction || NoCancelOnStop;
}
