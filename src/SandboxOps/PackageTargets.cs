using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Gates;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps;

/// <summary>How the package checks read where a package goes: only the types they need, and from an org its newest API version and whether it is production.</summary>
internal static class PackageTargets
{
    /// <summary>Reads -Target (or a gate's target environment); <paramref name="isProduction"/> when the pipeline says so, else what the org says.</summary>
    public static PackageTarget Read(SandboxOpsCmdlet cmdlet, SourceArgument target, bool isProduction, IReadOnlyList<string> productionUrls)
    {
        var org = target.OrgNamed(cmdlet)?.Resolve();
        var latest = org is null ? null : new OrgData(org).LatestApiVersionAsync(cmdlet.Context.Cancellation).GetAwaiter().GetResult();
        var opener = target.Opener(cmdlet, new SourceOpening("Target", filter: new ReadOptions(PackageTarget.TypesRead)));
        return cmdlet.WhileReporting(new[] { target }.Select(_ =>
        {
            using var source = opener();
            return PackageTarget.Read(source, latest, isProduction || org is { IsSandbox: false }, productionUrls, cmdlet.Context);
        })).Single();
    }
}
