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
[Cmdlet(VerbsCommon.Get, "OrgAccessAudit", DefaultParameterSetName = SourceSet)]
[OutputType(typeof(AccessGrant), ParameterSetName = new[] { SourceSet })]
[OutputType(typeof(AccessFinding), ParameterSetName = new[] { PipelineSet })]
public sealed class GetOrgAccessAuditCommand : SandboxOpsCmdlet
{
    private const string SourceSet = "Source";
    private const string PipelineSet = "Pipeline";

    /// <summary>Where: org:alias (its active users), or a retrieved folder, zip, DX project, snapshot or path@revision (its profiles, permission sets and groups).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = SourceSet)]
    [Alias("PSPath")]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(SourceCompleter))]
    public SourceArgument Source { get; set; } = null!;

    /// <summary>The pipeline whose environments are audited against its access policy; breaches are emitted.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PipelineSet)]
    [ValidateNotNull]
    public PipelineArgument Pipeline { get; set; } = null!;

    /// <summary>The environments of the pipeline to audit; by default all.</summary>
    [Parameter(ParameterSetName = PipelineSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PipelineEnvironmentCompleter))]
    public string[]? Environment { get; set; }

    /// <summary>The user permissions to audit; by default those that change an environment or read everything in it.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Capability { get; set; }

    protected override object? ErrorTarget => ParameterSetName == PipelineSet ? Pipeline : Source;

    protected override void ProcessItem()
    {
        if (ParameterSetName == SourceSet)
        {
            foreach (var grant in OrgAccess.Audit(this, Source, "Source", Capabilities(Capability)))
            {
                Emit(grant);
            }

            return;
        }

        var pipeline = Pipeline.Read(this);
        if (pipeline.Access.Count == 0)
        {
            throw new InvalidArgumentException("NoAccessPolicy", $"The pipeline '{pipeline.Name}' has no access policy: add \"access\" rules to its file (capabilities, roles, allow), or audit a place with -Source.");
        }

        var capabilities = Capabilities(Capability) is var given && Capability is not null ? given : OrgAccess.PolicyCapabilities(pipeline);
        var environments = Environment is null ? pipeline.Environments : Environment.Select(pipeline.Require).ToList();
        foreach (var environment in environments)
        {
            ForInput(environment.Name, () =>
            {
                foreach (var finding in OrgAccess.Breaches(this, pipeline, environment, capabilities))
                {
                    Emit(finding);
                }
            });
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
