using System;
using System.Linq;
using System.Management.Automation;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps;

/// <summary>
/// What the commands that deploy to an org share: the production guard (refused without -AllowProduction,
/// confirmed unless -Force; validation is always allowed), the deploy options from <see cref="DeployParameters"/>,
/// and the reporting of a deploy's outcome as error records and the result.
/// </summary>
internal sealed class OrgDeployment
{
    private readonly SandboxOpsCmdlet _cmdlet;
    private readonly DeployParameters _parameters;

    public OrgDeployment(SandboxOpsCmdlet cmdlet, DeployParameters parameters)
    {
        _cmdlet = cmdlet;
        _parameters = parameters;
    }

    /// <summary>The options for a deploy to this org (the test level Salesforce requires when none was asked).</summary>
    public DeployOptions OptionsFor(OrgConnection org) => new(
        _parameters.CheckOnly,
        _parameters.TestLevel?.ToString() ?? (org.IsSandbox ? "NoTestRun" : "RunLocalTests"),
        _parameters.RunTests,
        cancelOnStop: !_parameters.NoCancelOnStop);

    /// <summary>A validation that runs no tests cannot be quick-deployed later: said before it runs, not after.</summary>
    public void WarnIfNotQuickDeployable(DeployOptions options, string what)
    {
        if (options.CheckOnly && options.TestLevel == "NoTestRun")
        {
            _cmdlet.WriteWarning($"This validation of {what} runs no Apex tests, so Salesforce will not quick-deploy it with -ValidationId: only validations whose tests ran can be. Give -TestLevel RunLocalTests to validate for a quick deploy.");
        }
    }

    /// <summary>ShouldProcess, then the production guard for anything that changes a production org (-CheckOnly changes nothing).</summary>
    public bool AllowedToDeploy(OrgConnection org, string what)
    {
        var changes = !_parameters.CheckOnly;
        var action = changes ? $"Deploy {what}" : $"Validate {what}";
        if (!_cmdlet.ShouldProcess(org.ToString(), action))
        {
            return false;
        }

        if (!changes || org.IsSandbox)
        {
            return true;
        }

        if (!_parameters.AllowProduction)
        {
            throw new SalesforceException("ProductionRefused", $"{org.Name} is a production org ({org.OrganizationType}). Give -AllowProduction to deploy to it, or validate with -CheckOnly.");
        }

        return _parameters.Force || _cmdlet.ShouldContinue($"{action} to the PRODUCTION org {org}?", "Changing production");
    }

    /// <summary>
    /// Every failure the result carries as an error record (components, with file, line and column; tests;
    /// coverage; and a failure Salesforce gives only as a message), then the result; true when it succeeded.
    /// </summary>
    public bool Report(DeployResult result)
    {
        var said = 0;
        foreach (var component in result.Components.Where(c => !c.Success))
        {
            var what = component.Type.Length == 0 ? "The package" : $"{component.Type} {component.FullName}";
            _cmdlet.WriteError(new ErrorRecord(new InvalidOperationException($"{component.Location}: {component.Problem} ({what})"), "SandboxOps.Deploy.ComponentFailed", ErrorCategory.InvalidData, component));
            said++;
        }

        foreach (var test in result.TestFailures)
        {
            _cmdlet.WriteError(new ErrorRecord(new InvalidOperationException($"Test {test.ClassName}.{test.MethodName} failed: {test.Message}"), "SandboxOps.Deploy.TestFailed", ErrorCategory.InvalidResult, test));
            said++;
        }

        foreach (var warning in result.CoverageWarnings)
        {
            if (result.Success)
            {
                _cmdlet.WriteWarning($"Code coverage: {warning}");
                continue;
            }

            _cmdlet.WriteError(new ErrorRecord(new InvalidOperationException($"Code coverage: {warning}"), "SandboxOps.Deploy.CoverageFailed", ErrorCategory.InvalidResult, warning));
            said++;
        }

        if (!result.Success && said == 0)
        {
            var why = string.IsNullOrWhiteSpace(result.ErrorMessage) ? "Salesforce gave no reason; see Setup > Deployment Status for " + result.Id : result.ErrorMessage;
            _cmdlet.WriteError(new ErrorRecord(new InvalidOperationException($"The {(result.CheckOnly ? "validation" : "deploy")} {result.Id} ended {result.Status}{(result.ErrorStatusCode is null ? string.Empty : " (" + result.ErrorStatusCode + ")")}: {why}"), "SandboxOps.Deploy.Failed", ErrorCategory.InvalidResult, result));
        }

        _cmdlet.Emit(result);
        return result.Success;
    }
}
