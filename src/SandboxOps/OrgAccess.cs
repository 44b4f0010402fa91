using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Access;
using SandboxOps.Engine.Pipelines;
using SandboxOps.Engine.Reading;

namespace SandboxOps;

/// <summary>How the access commands read a -Source or -Target: an org's active users through REST, anything else's profiles, permission sets and groups.</summary>
internal static class OrgAccess
{
    public static IReadOnlyList<AccessGrant> Audit(SandboxOpsCmdlet cmdlet, SourceArgument source, string parameter, IReadOnlyCollection<string> capabilities)
    {
        var auditor = new AccessAuditor(cmdlet.Context);
        var environment = source.EnvironmentName ?? source.Describe(cmdlet);
        if (source.OrgNamed(cmdlet)?.Resolve() is { } org)
        {
            return cmdlet.WhileReporting(new[] { org }.Select(o => auditor.FromOrgAsync(o, environment, capabilities).GetAwaiter().GetResult())).Single();
        }

        var opener = source.Opener(cmdlet, new SourceOpening(parameter, filter: new ReadOptions(AccessAuditor.TypesRead)));
        return cmdlet.WhileReporting(new[] { source }.Select(_ =>
        {
            using var opened = opener();
            return auditor.FromMetadata(opened, environment, capabilities);
        })).Single();
    }

    /// <summary>An environment of the pipeline audited at its location and held to the pipeline's access policy.</summary>
    public static IReadOnlyList<AccessFinding> Breaches(SandboxOpsCmdlet cmdlet, SandboxPipeline pipeline, PipelineEnvironment environment, IReadOnlyCollection<string> capabilities) =>
        AccessPolicyCheck.Check(pipeline.Access, environment, Audit(cmdlet, new SourceArgument(environment), "Pipeline", capabilities));

    /// <summary>The capabilities an audit against the policy reads: the usual ones and any the policy names besides.</summary>
    public static IReadOnlyCollection<string> PolicyCapabilities(SandboxPipeline pipeline) =>
        AccessAuditor.Capabilities.Concat(pipeline.Access.SelectMany(r => r.Capabilities)).Distinct(System.StringComparer.OrdinalIgnoreCase).ToList();
}
