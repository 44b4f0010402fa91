using System.Linq;
using System.Management.Automation;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps.Commands;

/// <summary>Lists the orgs connected in this session.</summary>
[Cmdlet(VerbsCommon.Get, "SalesforceOrg")]
[OutputType(typeof(OrgConnection))]
public sealed class GetSalesforceOrgCommand : SandboxOpsCmdlet
{
    /// <summary>Only orgs whose alias or username matches one of these wildcard patterns.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    protected override void ProcessItem()
    {
        var patterns = Name?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        foreach (var connection in OrgConnections.All)
        {
            if (patterns is null || patterns.Any(p => p.IsMatch(connection.Name) || p.IsMatch(connection.Username)))
            {
                Emit(connection);
            }
        }
    }
}
