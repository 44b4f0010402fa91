using System.Linq;
using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.Access;
using SandboxOps.Engine.Model;

namespace SandboxOps.Commands;

/// <summary>
/// Says who can change an environment, or read everything in it: for an org, each active user with each such
/// capability and what grants it (profile, permission set, permission set group); for a folder, snapshot or DX
/// project, each profile, permission set and group (muting applied) with each capability it grants.
/// </summary>
[Cmdlet(VerbsCommon.Get, "OrgAccessAudit")]
[OutputType(typeof(AccessGrant))]
public sealed class GetOrgAccessAuditCommand : SandboxOpsCmdlet
{
    /// <summary>Where: org:alias (its active users), or a retrieved folder, zip, DX project, snapshot or path@revision (its profiles, permission sets and groups).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath")]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(SourceCompleter))]
    public SourceArgument Source { get; set; } = null!;

    /// <summary>The user permissions to audit; by default those that change an environment or read everything in it.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Capability { get; set; }

    protected override object? ErrorTarget => Source;

    protected override void ProcessItem()
    {
        var capabilities = Capabilities(Capability);
        foreach (var grant in OrgAccess.Audit(this, Source, "Source", capabilities))
        {
            Emit(grant);
        }
    }

    /// <summary>-Capability checked against the user permissions' names as Salesforce writes them (ModifyAllData), or the default set.</summary>
    internal static string[] Capabilities(string[]? given)
    {
        if (given is null)
        {
            return AccessAuditor.Capabilities.ToArray();
        }

        if (given.FirstOrDefault(c => c.Length == 0 || !c.All(char.IsLetterOrDigit)) is { } bad)
        {
            throw new InvalidArgumentException("BadCapability", $"'{bad}' is not a user permission's API name; write it as Salesforce does (ModifyAllData, AuthorApex, ViewSetup).");
        }

        return given;
    }
}
