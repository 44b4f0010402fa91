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
public sealed class PublishDeploymentPackageCommand : SandboxOpsCmdlet
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

    /// <summary>Allow changing a production org (IsSandbox false); it is still confirmed unless -Force.</summary>
    [Parameter]
    public SwitchParameter AllowProduction { get; set; }

    /// <summary>Do not ask before changing production (runbooks).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>When the command is stopped, leave the deploy running in the org instead of cancelling it.</summary>
    [Parameter]
    public SwitchParameter NoCancelOnStop { get; set; }

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
                if (Allowed(org, changes: true, ValidationId!))
                {
                    Report(new OrgDeployer(Reporter, Logging).QuickDeployAsync(org, ValidationId!, CancellationToken).GetAwaiter().GetResult());
                }

                return;
            }

            foreach (var path in Path)
            {
                var package = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                if (_failed || !Allowed(org, changes: !CheckOnly, package))
                {
                    continue;
                }

                var options = new DeployOptions(CheckOnly, TestLevel ?? (org.IsSandbox ? "NoTestRun" : "RunLocalTests"), RunTests, cancelOnStop: !NoCancelOnStop);
                Report(new OrgDeployer(Reporter, Logging).DeployAsync(org, package, options, CancellationToken).GetAwaiter().GetResult());
            }
        }
        catch (SalesforceException failure)
        {
            _failed = true;
            WriteError(OrgErrors.Record(failure, Org!.Name));
        }
    }

    /// <summary>ShouldProcess, and the production guard for anything that changes a production org.</summary>
    private bool Allowed(OrgConnection org, bool changes, string what)
    {
        var action = changes ? $"Deploy {what}" : $"Validate {what}";
        if (!ShouldProcess(org.ToString(), action))
        {
            return false;
        }

        if (!changes || org.IsSandbox)
        {
            return true;
        }

        if (!AllowProduction)
        {
            throw new SalesforceException("ProductionRefused", $"{org.Name} is a production org ({org.OrganizationType}). Give -AllowProduction to deploy to it, or validate with -CheckOnly.");
        }

        return Force || ShouldContinue($"{action} to the PRODUCTION org {org}?", "Changing production");
    }

    private void Report(DeployResult result)
    {
        foreach (var component in result.Components)
        {
            if (!component.Success)
            {
                WriteError(new ErrorRecord(new InvalidOperationException($"{component.Type} {component.FullName} ({component.FileName}): {component.Problem}"), "SandboxOps.Deploy.ComponentFailed", ErrorCategory.InvalidData, component));
            }
        }

        foreach (var test in result.TestFailures)
        {
            WriteError(new ErrorRecord(new InvalidOperationException($"Test {test.ClassName}.{test.MethodName} failed: {test.Message}"), "SandboxOps.Deploy.TestFailed", ErrorCategory.InvalidResult, test));
        }

        _failed |= !result.Success;
        Emit(result);
    }
}
