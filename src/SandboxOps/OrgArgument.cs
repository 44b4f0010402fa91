using System;
using System.Linq;
using System.Management.Automation;
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

    /// <summary>
    /// The org a -Source or -Target text names: org:alias always, and a connected alias only when no path
    /// of that name exists (a path wins); null when it names no org.
    /// </summary>
    internal static OrgArgument? Named(string text, PSCmdlet cmdlet)
    {
        if (text.StartsWith(OrgConnection.SourcePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return new OrgArgument(text.Substring(OrgConnection.SourcePrefix.Length));
        }

        return OrgConnections.Find(text) is not null && !cmdlet.InvokeProvider.Item.Exists(text) ? new OrgArgument(text) : null;
    }

    public override string ToString() => Name;
}
