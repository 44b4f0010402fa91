using System;
using System.Management.Automation;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps.Commands;

/// <summary>
/// Deploys packages that New-DeploymentPackage wrote to a connected org, or validates them (-CheckOnly),
/// or quick-deploys an earlier validation (-ValidationId). Production is refused unless -AllowProduction.
/// </summary>
[Cmdlet(VerbsData.Publish, "DeploymentPackage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PackageSet)]
[OutputType(typeof(DeployResult))]
public sealed class PublishDeploymentPackageCommand : OrgChangingCmdlet
{
    private const string PackageSet = "Package";
    private const string QuickDeploySet = "QuickDeploy";
    private bool _failed;

    /// <summary>The org to deploy to: alias, username or a connection.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public OrgArgument? Org { get; set; }

    /// <summary>Package folders or zips, in the order to deploy (numbered parts from the pipeline arrive in order).</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = PackageSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>The id of a validation (-CheckOnly) that passed, to deploy without running tests again.</summary>
    [Parameter(Mandatory = true, ParameterSetName = QuickDeploySet)]
    [ValidateNotNullOrEmpty]
    public string? ValidationId { get; set; }

    /// <summary>Validate only: Salesforce checks and runs tests, and changes nothing.</summary>
    [Parameter(ParameterSetName = PackageSet)]
    public SwitchParameter CheckOnly { get; set; }

    /// <summary>Which Apex tests run: NoTestRun (default for sandboxes), RunSpecifiedTests, RunLocalTests (default for production), RunAllTestsInOrg.</summary>
    [Parameter(ParameterSetName = PackageSet)]
    [ValidateSet("NoTestRun", "RunSpecifiedTests", "RunLocalTests", "RunAllTestsInOrg")]
    public string? TestLevel { get; set; }

    /// <summary>The test classes for -TestLevel RunSpecifiedTests.</summary>
    [Parameter(ParameterSetName = PackageSet)]
    [ValidateNotNullOrEmpty]
    public string[]? RunTests { get; set; }

    protected override void ProcessItem()
    {
        if (_failed)
        {
            return; // numbered parts deploy in order: after a failure the rest would deploy onto a half-changed org
        }

        try
        {
            var org = Org!.Resolve();
            if (ParameterSetName == QuickDeploySet)
            {
                if (AllowedToDeploy(org, changes: true, ValidationId!))
                {
                    _failed |= !Report(new OrgDeployer(Reporter, Logging).QuickDeployAsync(org, ValidationId!, CancellationToken).GetAwaiter().GetResult());
                }

                return;
            }

            foreach (var path in Path)
            {
                var package = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                if (_failed || !AllowedToDeploy(org, changes: !CheckOnly, package))
                {
                    continue;
                }

                var options = new DeployOptions(CheckOnly, TestLevelFor(org, TestLevel), RunTests, cancelOnStop: !NoCancelOnStop);
                if (CheckOnly && options.TestLevel == "NoTestRun")
                {
                    WriteWarning($"This validation of {package} runs no Apex tests, so Salesforce will not quick-deploy it with -ValidationId: only validations whose tests ran can be. Give -TestLevel RunLocalTests to validate for a quick deploy.");
                }

                _failed |= !Report(new OrgDeployer(Reporter, Logging).DeployAsync(org, package, options, CancellationToken).GetAwaiter().GetResult());
            }
        }
        catch (SalesforceException failure)
        {
            _failed = true;
            WriteError(OrgErrors.Record(failure, Org!.Name));
        }
    }
}
