using System;
using System.Linq;
using System.Management.Automation;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps;

/// <summary>
/// What the cmdlets that deploy to an org share: the production guard (refused without -AllowProduction,
/// confirmed unless -Force; validation is always allowed) and the reporting of a deploy's outcome.
/// </summary>
public abstract class OrgChangingCmdlet : SandboxOpsCmdlet
{
    /// <summary>Allow changing a production org (IsSandbox false); it is still confirmed unless -Force.</summary>
    [Parameter]
    public SwitchParameter AllowProduction { get; set; }

    /// <summary>Do not ask before changing production (runbooks).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>When the command is stopped, leave the deploy running in the org instead of cancelling it.</summary>
    [Parameter]
    public SwitchParameter NoCancelOnStop { get; set; }

    /// <summary>ShouldProcess, then the production guard for anything that changes a production org.</summary>
    internal bool AllowedToDeploy(OrgConnection org, bool changes, string what)
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

    /// <summary>
    /// Every failure the result carries as an error record (components, with file, line and column; tests;
    /// coverage; and a failure Salesforce gives only as a message), then the result; true when it succeeded.
    /// </summary>
    internal bool Report(DeployResult result)
    {
        var said = 0;
        foreach (var component in result.Components.Where(c => !c.Success))
        {
            var what = component.Type.Length == 0 ? "The package" : $"{component.Type} {component.FullName}";
            WriteError(new ErrorRecord(new InvalidOperationException($"{component.Location}: {component.Problem} ({what})"), "SandboxOps.Deploy.ComponentFailed", ErrorCategory.InvalidData, component));
            said++;
        }

        foreach (var test in result.TestFailures)
        {
            WriteError(new ErrorRecord(new InvalidOperationException($"Test {test.ClassName}.{test.MethodName} failed: {test.Message}"), "SandboxOps.Deploy.TestFailed", ErrorCategory.InvalidResult, test));
            said++;
        }

        foreach (var warning in result.CoverageWarnings)
        {
            if (result.Success)
            {
                WriteWarning($"Code coverage: {warning}");
                continue;
            }

            WriteError(new ErrorRecord(new InvalidOperationException($"Code coverage: {warning}"), "SandboxOps.Deploy.CoverageFailed", ErrorCategory.InvalidResult, warning));
            said++;
        }

        if (!result.Success && said == 0)
        {
            var why = string.IsNullOrWhiteSpace(result.ErrorMessage) ? "Salesforce gave no reason; see Setup > Deployment Status for " + result.Id : result.ErrorMessage;
            WriteError(new ErrorRecord(new InvalidOperationException($"The {(result.CheckOnly ? "validation" : "deploy")} {result.Id} ended {result.Status}{(result.ErrorStatusCode is null ? string.Empty : " (" + result.ErrorStatusCode + ")")}: {why}"), "SandboxOps.Deploy.Failed", ErrorCategory.InvalidResult, result));
        }

        Emit(result);
        return result.Success;
    }

    /// <summary>The test level asked for, or the one Salesforce requires: none for sandboxes, local tests for production.</summary>
    internal static string TestLevelFor(OrgConnection org, string? asked) => asked ?? (org.IsSandbox ? "NoTestRun" : "RunLocalTests");
}
