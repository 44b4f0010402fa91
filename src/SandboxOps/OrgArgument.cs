using System.Linq;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps;

/// <summary>
/// What -Org accepts: the alias or username of an org connected in this session, or the OrgConnection
/// Connect-SalesforceOrg returned. Typed in the cmdlet assembly for the reason SnapshotArgument is.
/// </summary>
public sealed class OrgArgument
{
    public OrgArgument(string name)
    {
        Name = name;
    }

    public OrgArgument(OrgConnection connection)
    {
        Name = connection.Name;
        Connection = connection;
    }

    public string Name { get; }

    internal OrgConnection? Connection { get; }

    /// <summary>The connection, or an error naming the connected orgs and how to connect this one.</summary>
    internal OrgConnection Resolve() =>
        Connection ?? OrgConnections.Find(Name) ?? throw new SalesforceException(
            "OrgNotConnected",
            $"No org '{Name}' is connected in this session{(OrgConnections.All.Count == 0 ? string.Empty : " (connected: " + string.Join(", ", OrgConnections.All.Select(c => c.Name)) + ")")}. Connect it first: Connect-SalesforceOrg -Alias {Name}.");

    public override string ToString() => Name;
}
