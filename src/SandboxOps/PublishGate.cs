using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SandboxOps.Engine.Gates;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Pipelines;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps;

/// <summary>
/// The gates a deploy to an org must have passed: the org is an environment of the pipeline, and the promotions into
/// it that have gates need a passing Invoke-QualityGate run recorded for the package's content hash. A passing run's
/// validation is quick-deployed while Salesforce keeps it; with none, the deploy is refused unless forced with a
/// reason, which is recorded.
/// </summary>
internal sealed class PublishGate
{
    /// <summary>Session variable that names the pipeline file every deploy is held to, for runbooks that set it once.</summary>
    public const string PipelineVariable = "SandboxOpsPipeline";

    /// <summary>How long Salesforce keeps a validation it can quick-deploy.</summary>
    private static readonly TimeSpan QuickDeployWindow = TimeSpan.FromDays(10);

    private readonly PipelineEnvironment _environment;
    private readonly IReadOnlyList<PipelineLink> _links;
    private readonly GateLedger _ledger;

    private PublishGate(PipelineEnvironment environment, IReadOnlyList<PipelineLink> links, GateLedger ledger)
    {
        _environment = environment;
        _links = links;
        _ledger = ledger;
    }

    /// <summary>The gate of a deploy to <paramref name="org"/>, or null when no pipeline is given or it gates nothing into the org.</summary>
    public static PublishGate? For(SandboxOpsCmdlet cmdlet, PipelineArgument? given, string? store, OrgConnection org)
    {
        var argument = given ?? (cmdlet.SessionState.PSVariable.GetValue(PipelineVariable) is { } value ? new PipelineArgument(value.ToString()!) : null);
        if (argument is null)
        {
            return null;
        }

        var pipeline = argument.Read(cmdlet);
        var names = new[] { org.Alias, org.Username, org.Name }.OfType<string>();
        var environment = pipeline.Environments.FirstOrDefault(e => e.IsOrg && names.Contains(e.Source.Substring(OrgConnection.SourcePrefix.Length), StringComparer.OrdinalIgnoreCase));
        if (environment is null)
        {
            cmdlet.WriteWarning($"'{org.Name}' is no environment of the pipeline '{pipeline.Name}', so no gate applies to this deploy.");
            return null;
        }

        var links = pipeline.Promotions.Where(l => l.To == environment.Name && l.Gates is not null).ToList();
        if (links.Count == 0)
        {
            return null;
        }

        if (store is null)
        {
            throw new InvalidArgumentException("StoreNeeded", $"Promotions into '{environment.Name}' have gates: give -Store, the snapshot store Invoke-QualityGate recorded its runs in.");
        }

        return new PublishGate(environment, links, GateLedger.Open(cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(store)));
    }

    /// <summary>
    /// The validation to quick-deploy for the package (null: deploy it in full), or an error naming the gate missing.
    /// Forced with a reason, the deploy goes on and the reason is recorded.
    /// </summary>
    public string? Decide(SandboxOpsCmdlet cmdlet, string package, bool force, string? reason)
    {
        var hash = PackageHash.Of(package);
        var runs = _ledger.Runs(hash).Where(r => _links.Any(l => l.From == r.From && l.To == r.To)).ToList();
        if (runs.FirstOrDefault(r => r.Passed) is { } passed)
        {
            return passed.ValidationId is not null && DateTimeOffset.UtcNow - passed.When < QuickDeployWindow ? passed.ValidationId : null;
        }

        if (force && !string.IsNullOrWhiteSpace(reason))
        {
            var record = _ledger.RecordOverride(hash, _environment.Name, reason!, Environment.UserName, DateTimeOffset.UtcNow);
            cmdlet.WriteWarning($"Deploying {package} to {_environment.Name} without a passing gate, because: {reason} (recorded in {record}).");
            return null;
        }

        var links = string.Join(" or ", _links.Select(l => $"{l.From} -> {l.To} ({l.Gates})"));
        var latest = runs.FirstOrDefault();
        var why = latest is null
            ? "no gate run is recorded for it"
            : $"its latest run ({latest.From} -> {latest.To}, {latest.When.ToString("u", CultureInfo.InvariantCulture)}) failed {string.Join(", ", latest.FailedGates)}";
        var link = _links[0];
        throw new InvalidArgumentException(
            "GateMissing",
            $"'{package}' (package {hash.Substring(0, 12)}) has not passed the gates of {links}: {why}. Run Invoke-QualityGate -Pipeline <file> -From {link.From} -To {link.To} -Package '{package}' -Store <store> until it passes"
            + (force ? ", or give -Reason with -Force to deploy without it (recorded)." : ", or deploy it without with -Force -Reason '<why>' (recorded)."));
    }
}
