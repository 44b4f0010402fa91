using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.Masking;
using SandboxOps.Engine.Model;

namespace SandboxOps.Commands;

/// <summary>
/// Masks a sandbox's records in place by rules through Bulk API 2.0, object by object, with the keyed masks
/// Protect-SandboxData gives files; records Salesforce refuses are reported with its errors, and a second run masks
/// only what is left. Refuses any production org; there is no override.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "SandboxDataMask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(SandboxMaskResult))]
public sealed class InvokeSandboxDataMaskCommand : MaskingCmdlet
{
    /// <summary>The sandbox: the alias or username of an org connected in this session, or Connect-SalesforceOrg's output.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(OrgCompleter))]
    public OrgArgument Org { get; set; } = null!;

    /// <summary>The objects to mask, of those the rules name; by default every one.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
#pragma warning disable CA1720 // Salesforce's word
    public string[]? Object { get; set; }
#pragma warning restore CA1720

    /// <summary>The folder of the ledgers that remember what is masked, per org (by default SandboxOps/masking in the user's local application data).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? LedgerPath { get; set; }

    /// <summary>Forget what earlier runs masked in this org and mask every record again.</summary>
    [Parameter]
    public SwitchParameter Restart { get; set; }

    protected override object? ErrorTarget => Org;

    protected override void ProcessItem()
    {
        var org = Org.Resolve();
        var rules = Rules.Read(this);
        var ledgers = LedgerPath is null
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "SandboxOps", "masking")
            : SessionState.Path.GetUnresolvedProviderPathFromPSPath(LedgerPath);
        using var masker = KeyedMasker();
        var sandbox = new SandboxDataMasker(org, rules, masker, ledgers, Context);
        if (Restart && ShouldProcess(org.Name, "Forget what earlier masking runs did, so every record is masked again"))
        {
            MaskingLedger.Forget(ledgers, sandbox.LiveOrgIdAsync().GetAwaiter().GetResult());
        }

        foreach (var objectName in Objects(rules))
        {
            ForInput(objectName, () => Mask(sandbox, objectName));
        }
    }

    /// <summary>-Object, each of which the rules must name; else every object the rules name.</summary>
    private IEnumerable<string> Objects(MaskingRules rules)
    {
        var named = rules.All.Select(r => r.Object).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (Object is null)
        {
            return named;
        }

        if (Object.FirstOrDefault(o => !rules.Names(o)) is { } unknown)
        {
            throw new InvalidArgumentException("NoRulesForObject", $"The rules name no object '{unknown}' (they name {string.Join(", ", named)}). Give -Object one of those, or add rules for it.");
        }

        return Object;
    }

    private void Mask(SandboxDataMasker sandbox, string objectName)
    {
        var plan = sandbox.PlanAsync(objectName).GetAwaiter().GetResult();
        if (!ShouldProcess(Org.Name, plan.ToString()))
        {
            return;
        }

        // Masked on a worker thread, so the progress of a large object is shown while its jobs run.
        IEnumerable<SandboxMaskResult> Work()
        {
            yield return sandbox.MaskAsync(objectName).GetAwaiter().GetResult();
        }

        foreach (var result in WhileReporting(Work()))
        {
            Emit(result);
            if (result.Stopped is { } reason)
            {
                var stopped = new MaskingException(FailureKind.Rejected, "UpdateJobFailed", $"{reason}. {result.Masked:N0} {objectName} record(s) were masked and recorded, {result.Unprocessed:N0} were not reached. Put the cause right and run Invoke-SandboxDataMask again: it masks only what is left.");
                WriteError(EngineErrors.Record(stopped, objectName)!);
            }

            if (result.Failed > 0)
            {
                var first = string.Join("; ", result.Failures.Take(3).Select(f => $"{f.Id}: {f.Error}"));
                var refused = new MaskingException(FailureKind.Rejected, "RecordsRefused", $"Salesforce refused to update {result.Failed:N0} {objectName} record(s), which stay unmasked (first: {first}). The result's Failures list them; put the cause right and run Invoke-SandboxDataMask again: it masks only what is left.");
                WriteError(EngineErrors.Record(refused, objectName)!);
            }
        }
    }
}
