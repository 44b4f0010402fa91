using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.Gates;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Pipelines;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps.Commands;

/// <summary>
/// Runs the gates a promotion of the pipeline file requires on a package: the static checks against the target
/// environment, a validation deploy with the required tests and the coverage they give, the approvals recorded.
/// One record per gate and an Overall one; the run is recorded in the store under the package's content hash,
/// which Publish-DeploymentPackage requires before it deploys the package along that promotion.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "QualityGate")]
[OutputType(typeof(GateResult))]
public sealed class InvokeQualityGateCommand : SandboxOpsCmdlet
{
    /// <summary>The pipeline file whose promotion's gates run.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    public PipelineArgument Pipeline { get; set; } = null!;

    /// <summary>The environment the package is promoted from.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PipelineEnvironmentCompleter))]
    public string From { get; set; } = string.Empty;

    /// <summary>The environment the package is promoted to: its location is the static checks' target and the validation's org.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PipelineEnvironmentCompleter))]
    public string To { get; set; } = string.Empty;

    /// <summary>The package folder or zip (New-DeploymentPackage's output binds by its path).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("PSPath")]
    [ValidateNotNullOrEmpty]
    public string Package { get; set; } = string.Empty;

    /// <summary>The snapshot store the run is recorded in (gates/ of the store), where approvals are read from.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Store { get; set; } = string.Empty;

    protected override object? ErrorTarget => Package;

    protected override void ProcessItem()
    {
        var pipeline = Pipeline.Read(this);
        var link = pipeline.Promotions.FirstOrDefault(l => SandboxPipeline.Names.Equals(l.From, From) && SandboxPipeline.Names.Equals(l.To, To))
            ?? throw new InvalidArgumentException("NoSuchPromotion", $"The pipeline has no promotion from '{From}' to '{To}' (it has {string.Join(", ", pipeline.Promotions.Select(p => p.From + " -> " + p.To))}).");
        var gates = link.Gates ?? throw new InvalidArgumentException("NoGates", $"The promotion {link.From} -> {link.To} has no gates. Give it \"gates\" in the pipeline file (staticChecks, testLevel, minimumCoverage, approvals).");
        var package = DeploymentPackagePath.Resolve(this, Package);

        var environment = pipeline.Require(link.To);
        var target = new SourceArgument(environment);
        var isProduction = environment.Role == EnvironmentRole.Production || environment.Type == SandboxType.Production;
        var ledger = GateLedger.Open(GetUnresolvedProviderPathFromPSPath(Store));
        string hash;
        PackageCheck check;
        using (var source = MetadataSource.Open(package))
        {
            hash = PackageHash.Of(source);
            var packageTarget = gates.StaticChecks ? PackageTargets.Read(this, target, isProduction, ProductionUrls(pipeline)) : PackageTarget.Unread(environment.Name, isProduction, ProductionUrls(pipeline));
            var zipped = File.Exists(package) ? new FileInfo(package).Length : (long?)null;
            check = WhileReporting(new[] { package }.Select(_ => new PackageChecker(Context).Check(source, packageTarget, zipped))).Single();
        }

        var judge = new LinkGateJudge(link.From, link.To, hash);
        var results = new List<GateResult>();
        if (gates.StaticChecks)
        {
            results.Add(judge.StaticChecks(check.Findings, gates.FailOn));
        }

        string? validationId = null;
        if (gates.Validates)
        {
            var testLevel = gates.TestLevel ?? "RunLocalTests";
            var (deploy, whyNot) = Validate(target, package, testLevel, check.TestClasses);
            results.Add(judge.Validation(deploy, testLevel, whyNot));
            if (gates.MinimumCoverage is { } minimum)
            {
                results.Add(judge.Coverage(deploy, minimum));
            }

            validationId = deploy is { Success: true } && testLevel != "NoTestRun" ? deploy.Id : null;
        }

        results.AddRange(judge.Approvals(ledger.Approvals(hash), gates.Approvals));
        var overall = judge.Overall(results);
        results.Add(overall);
        ledger.RecordRun(hash, results, validationId, DateTimeOffset.UtcNow, Environment.UserName);
        foreach (var result in results)
        {
            Emit(result);
        }

        if (!overall.Passed)
        {
            var failed = new InvalidArgumentException("GateFailed", $"'{package}' did not pass the gates of {link.From} -> {link.To}: {overall.Detail}. Publish-DeploymentPackage will not deploy it to {link.To} until a run passes.");
            WriteError(EngineErrors.Record(failed, package)!);
        }
    }

    /// <summary>A check-only deploy to the target org with the tests the gate requires; null and why when the target is no org.</summary>
    private (DeployResult? Result, string? WhyNot) Validate(SourceArgument target, string package, string testLevel, IReadOnlyList<string> testClasses)
    {
        if (target.OrgNamed(this)?.Resolve() is not { } org)
        {
            return (null, $"'{target}' is not an org: a validation deploy needs the target connected (org:alias in the pipeline file).");
        }

        if (testLevel == "RunSpecifiedTests" && testClasses.Count == 0)
        {
            return (null, "RunSpecifiedTests runs the package's test classes, and it has none: add them to the package, or use RunLocalTests.");
        }

        var options = new DeployOptions(checkOnly: true, testLevel, testLevel == "RunSpecifiedTests" ? testClasses : null);
        return (WhileReporting(new[] { package }.Select(_ => new OrgDeployer(Context).DeployAsync(org, package, options).GetAwaiter().GetResult())).Single(), null);
    }

    /// <summary>The production endpoints the pipeline's sandboxes rewrite away from: in a package bound for a sandbox, they point it at production.</summary>
    private static List<string> ProductionUrls(SandboxPipeline pipeline) =>
        pipeline.Environments.SelectMany(e => e.Refresh.PostRefresh.Endpoints).Select(e => e.From).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
