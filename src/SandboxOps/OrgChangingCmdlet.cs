using System;
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

    /// <summary>Each failing component and test as an error record, then the result; true when it succeeded.</summary>
    internal bool Report(DeployResult result)
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

        Emit(result);
        return result.Success;
    }

    /// <summary>The test level asked for, or the one Salesforce requires: none for sandboxes, local tests for production.</summary>
    internal static string TestLevelFor(OrgConnection org, string? asked) => asked ?? (org.IsSandbox ? "NoTestRun" : "RunLocalTests");
}
