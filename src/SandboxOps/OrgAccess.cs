using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Access;
using SandboxOps.Engine.Reading;

namespace SandboxOps;

/// <summary>How the access commands read a -Source or -Target: an org's active users through REST, anything else's profiles, permission sets and groups.</summary>
internal static class OrgAccess
{
    public static IReadOnlyList<AccessGrant> Audit(SandboxOpsCmdlet cmdlet, SourceArgument source, string parameter, IReadOnlyCollection<string> capabilities)
    {
        var auditor = new AccessAuditor(cmdlet.Context);
        var environment = source.Describe(cmdlet);
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
}
