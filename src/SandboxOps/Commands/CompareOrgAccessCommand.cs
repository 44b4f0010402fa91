using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.Access;

namespace SandboxOps.Commands;

/// <summary>
/// What changed in who can do what between two audits: two snapshots of an org, an org now against its snapshot, or
/// two environments. Added means held in -Source and not in -Target (a new admin in production since last week).
/// </summary>
[Cmdlet(VerbsData.Compare, "OrgAccess")]
[OutputType(typeof(AccessChange))]
public sealed class CompareOrgAccessCommand : SandboxOpsCmdlet
{
    /// <summary>The newer side: org:alias, a folder, a snapshot, a DX project or path@revision.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("PSPath")]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(SourceCompleter))]
    public SourceArgument Source { get; set; } = null!;

    /// <summary>The side it is compared against (last week's snapshot, another environment).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(SourceCompleter))]
    public SourceArgument Target { get; set; } = null!;

    /// <summary>The user permissions to compare; by default those that change an environment or read everything in it.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Capability { get; set; }

    protected override object? ErrorTarget => Source;

    protected override void ProcessItem()
    {
        var capabilities = GetOrgAccessAuditCommand.Capabilities(Capability);
        var now = OrgAccess.Audit(this, Source, "Source", capabilities);
        var before = OrgAccess.Audit(this, Target, "Target", capabilities);
        foreach (var change in AccessAuditor.Compare(before, now))
        {
            Emit(change);
        }
    }
}
