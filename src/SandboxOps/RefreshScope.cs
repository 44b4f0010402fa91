using System;
using System.Linq;
using System.Management.Automation;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Pipelines;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Refreshes;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps;

/// <summary>The pipeline, the environment being refreshed, and the production org that owns its sandbox licence.</summary>
internal sealed class RefreshScope
{
    private RefreshScope(SandboxPipeline pipeline, PipelineEnvironment environment, OrgConnection? production)
    {
        Pipeline = pipeline;
        Environment = environment;
        Production = production;
    }

    public SandboxPipeline Pipeline { get; }

    public PipelineEnvironment Environment { get; }

    /// <summary>The production org: -Org, else the pipeline's production environment when it is a connected org.</summary>
    public OrgConnection? Production { get; }

    /// <summary>How Invoke-BackPromotion names production: the pipeline's production environment's location, else -Org's.</summary>
    public string ProductionSource => ProductionEnvironment(Pipeline)?.Source ?? Production?.SourceName ?? "production";

    public OrgConnection RequireProduction() => Production ?? throw new InvalidArgumentException(
        "NoProductionOrg",
        $"Refreshing '{Environment.Name}' goes through the production org that owns its sandbox. Connect it (Connect-SalesforceOrg -Alias prod) and give -Org prod, or make the pipeline's Production environment an org:alias location.");

    public static RefreshScope Resolve(PSCmdlet cmdlet, SandboxPipeline pipeline, string environment, OrgArgument? org)
    {
        return new RefreshScope(pipeline, pipeline.Require(environment), ProductionOf(cmdlet, pipeline, org));
    }

    public static OrgConnection? ProductionOf(PSCmdlet cmdlet, SandboxPipeline pipeline, OrgArgument? org)
    {
        if (org is not null)
        {
            return org.Resolve();
        }

        return ProductionEnvironment(pipeline) is { IsOrg: true } production ? new SourceArgument(production.Source).OrgNamed(cmdlet)?.Resolve() : null;
    }

    private static PipelineEnvironment? ProductionEnvironment(SandboxPipeline pipeline) =>
        pipeline.Environments.FirstOrDefault(e => e.Role == EnvironmentRole.Production) ?? pipeline.Environments.FirstOrDefault(e => e.Type == SandboxType.Production);

    public static bool IsSandbox(PipelineEnvironment environment) => environment.Type is not (SandboxType.Production or SandboxType.Scratch) && environment.Role != EnvironmentRole.Production;

    public override string ToString() => Environment.Name;

    /// <summary>Throws unless the pipeline's environment is a sandbox the production org can refresh.</summary>
    public void RequireSandbox()
    {
        if (!IsSandbox(Environment))
        {
            throw new InvalidArgumentException("NotASandbox", $"'{Environment.Name}' is a {Environment.Type} {Environment.Role} environment; only sandboxes are refreshed.");
        }
    }

    /// <summary>When the sandbox's metadata last changed: an org's listing, a folder's newest file; null when not known.</summary>
    internal static DateTimeOffset? LastChange(SandboxOpsCmdlet cmdlet, PipelineEnvironment environment)
    {
        if (environment.IsOrg)
        {
            var org = new SourceArgument(environment.Source).OrgNamed(cmdlet)?.Resolve();
            return org is null ? null : SandboxChanges.LastChange(org, cmdlet.Context);
        }

        var (path, revision) = MetadataSource.SplitRevision(environment.Source, p => System.IO.File.Exists(p) || System.IO.Directory.Exists(p));
        return revision is null ? SandboxChanges.LastChange(path) : null;
    }
}
