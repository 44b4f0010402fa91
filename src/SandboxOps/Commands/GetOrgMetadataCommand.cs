using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;

namespace SandboxOps.Commands;

/// <summary>
/// Lists the metadata components of a retrieved folder, a retrieve zip, a Salesforce DX project, any of
/// those at a git revision, a snapshot, or a connected org (retrieved in chunks into a temporary folder,
/// only the types asked for).
/// </summary>
[Cmdlet(VerbsCommon.Get, "OrgMetadata")]
[OutputType(typeof(MetadataComponent))]
public sealed class GetOrgMetadataCommand : ComponentFilterCmdlet
{
    /// <summary>Where the metadata is read: folders, zips or DX projects (wildcards allowed), snapshots, or orgs.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(SourceCompleter))]
    [ValidateNotNullOrEmpty]
    public SourceArgument[] Source { get; set; } = System.Array.Empty<SourceArgument>();

    /// <summary>Read the paths as they were at this git revision, without checking it out.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SourceRevision { get; set; }

    /// <summary>For an org: how many retrieve requests run at once.</summary>
    [Parameter]
    [ValidateRange(1, 10)]
    public int Parallelism { get; set; } = 3;

    protected override void ProcessItem()
    {
        var opening = new SourceOpening(nameof(Source), SourceRevision, Filter, Parallelism);
        foreach (var argument in Source)
        {
            ForInput(argument, () =>
            {
                foreach (var one in argument.Expand(this))
                {
                    ForInput(one, () => Read(one, opening));
                }
            });
        }
    }

    private void Read(SourceArgument argument, SourceOpening opening)
    {
        using var source = argument.Open(this, opening);
        foreach (var component in new MetadataReader(Context).Read(source, Filter))
        {
            Emit(component);
        }
    }
}
