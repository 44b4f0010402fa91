using System;
using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps.Commands;

/// <summary>
/// Deploys packages that New-DeploymentPackage wrote to a connected org, or validates them (-CheckOnly),
/// or quick-deploys an earlier validation (-ValidationId). Production is refused unless -AllowProduction.
/// </summary>
[Cmdlet(VerbsData.Publish, "DeploymentPackage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PackageSet)]
[OutputType(typeof(DeployResult))]
public sealed class PublishDeploymentPackageCommand : SandboxOpsCmdlet, IDynamicParameters
{
    private const string PackageSet = "Package";
    private const string QuickDeploySet = "QuickDeploy";
    private readonly DeployParameters _deploy = new();
    private bool _failed;

    /// <summary>The org to deploy to: alias, username or a connection.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(OrgCompleter))]
    [ValidateNotNull]
    public OrgArgument? Org { get; set; }

    /// <summary>Package folders or zips from New-DeploymentPackage, in the order to deploy (numbered parts from the pipeline arrive in order).</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = PackageSet, ValueFromPipeline = true)]
    [Alias("PSPath")]
    [ValidateNotNullOrEmpty]
    public string[] Package { get; set; } = Array.Empty<string>();

    /// <summary>The id of a validation (-CheckOnly) that passed, to deploy without running tests again.</summary>
    [Parameter(Mandatory = true, ParameterSetName = QuickDeploySet)]
    [ValidateNotNullOrEmpty]
    public string? ValidationId { get; set; }

    /// <summary>The pipeline file whose gates a deploy to one of its environments must have passed (or set $SandboxOpsPipeline once).</summary>
    [Parameter(ParameterSetName = PackageSet)]
    [ValidateNotNull]
    public PipelineArgument? Pipeline { get; set; }

    /// <summary>The snapshot store Invoke-QualityGate recorded its runs in; forced deploys are recorded there too.</summary>
    [Parameter(ParameterSetName = PackageSet)]
    [ValidateNotNullOrEmpty]
    public string? Store { get; set; }

    /// <summary>Why a package is deployed without a passing gate (with -Force); recorded in the store with who and when.</summary>
    [Parameter(ParameterSetName = PackageSet)]
    [ValidateNotNullOrEmpty]
    public string? Reason { get; set; }

    public object GetDynamicParameters() => _deploy;

    protected override object? ErrorTarget => Org?.Name;

    protected override void ProcessItem()
    {
        if (_failed)
        {
            return; // numbered parts deploy in order: after a failure the rest would deploy onto a half-changed org
        }

        var org = Org!.Resolve();
        var deployment = new OrgDeployment(this, _deploy);
        if (ParameterSetName == QuickDeploySet)
        {
            if (_deploy.CheckOnly || _deploy.TestLevel is not null || _deploy.RunTests is not null)
            {
                throw new InvalidArgumentException("QuickDeployOptions", "A quick deploy runs the validation's own tests: leave out -CheckOnly, -TestLevel and -RunTests with -ValidationId.");
            }

            ForInput(ValidationId!, () =>
            {
                if (deployment.AllowedToDeploy(org, ValidationId!))
                {
                    _failed |= !deployment.Report(new OrgDeployer(Context).QuickDeployAsync(org, ValidationId!).GetAwaiter().GetResult());
                }
            });
            return;
        }

        foreach (var path in Package)
        {
            var package = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            if (_failed)
            {
                return;
            }

            _failed = true; // until the deploy says otherwise: a failure of any kind stops the parts after it
            ForInput(package, () =>
            {
                if (!deployment.AllowedToDeploy(org, package))
                {
                    _failed = false;
                    return;
                }

                if (!_deploy.CheckOnly && PublishGate.For(this, Pipeline, Store, org)?.Decide(this, package, _deploy.Force, Reason) is { } validation)
                {
                    WriteVerbose($"Quick-deploying validation {validation}, which the package's passing gate ran.");
                    _failed = !deployment.Report(new OrgDeployer(Context).QuickDeployAsync(org, validation).GetAwaiter().GetResult());
                    return;
                }

                var options = deployment.OptionsFor(org);
                deployment.WarnIfNotQuickDeployable(options, package);
                _failed = !deployment.Report(new OrgDeployer(Context).DeployAsync(org, package, options).GetAwaiter().GetResult());
            });
        }
    }
}
