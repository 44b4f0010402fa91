using System;
using System.Management.Automation;
using SandboxOps.Completion;

namespace SandboxOps.Commands;

/// <summary>Forgets a connected org: its token is dropped from memory and -Org no longer finds it.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "SalesforceOrg", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class DisconnectSalesforceOrgCommand : SandboxOpsCmdlet
{
    /// <summary>The alias or username, or a connection from Get-SalesforceOrg.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ArgumentCompleter(typeof(OrgCompleter))]
    [ValidateNotNull]
    public OrgArgument[] Org { get; set; } = Array.Empty<OrgArgument>();

    protected override void ProcessItem()
    {
        foreach (var org in Org)
        {
            ForInput(org.Name, () =>
            {
                var connection = org.Resolve();
                if (ShouldProcess(connection.ToString(), "Disconnect"))
                {
                    OrgConnections.Remove(connection);
                }
            });
        }
    }
}
