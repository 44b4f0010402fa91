using System;
using System.Management.Automation;
using SandboxOps.Engine.Gates;

namespace SandboxOps.Commands;

/// <summary>
/// Records an approval of a package in the store, under its content hash: who it is from (the name a gate's approvals
/// list), who recorded it, when, and why. A package changed after its approval is another package, approved by no one.
/// </summary>
[Cmdlet(VerbsLifecycle.Approve, "DeploymentPackage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(PackageApproval))]
public sealed class ApproveDeploymentPackageCommand : SandboxOpsCmdlet
{
    /// <summary>The package folder or zip (New-DeploymentPackage's output binds by its path).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("PSPath")]
    [ValidateNotNullOrEmpty]
    public string Package { get; set; } = string.Empty;

    /// <summary>The snapshot store the approval is recorded in.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Store { get; set; } = string.Empty;

    /// <summary>Whose approval this is, as the gates' approvals name them; by default the account running the command.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Approver { get; set; }

    /// <summary>Why it is approved (a change ticket, a review), kept with the approval.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Comment { get; set; }

    protected override object? ErrorTarget => Package;

    protected override void ProcessItem()
    {
        var package = DeploymentPackagePath.Resolve(this, Package);
        var hash = PackageHash.Of(package);
        var approver = Approver ?? Environment.UserName;
        if (!ShouldProcess(package, $"Record {approver}'s approval of package {hash.Substring(0, 12)}"))
        {
            return;
        }

        Emit(GateLedger.Open(GetUnresolvedProviderPathFromPSPath(Store)).Approve(hash, approver, Environment.UserName, Comment, DateTimeOffset.UtcNow));
    }
}
