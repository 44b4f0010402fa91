using System;
using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Packaging;

namespace SandboxOps.Commands;

/// <summary>
/// Writes any source (a folder, zip, DX project, git revision, snapshot or org) in Metadata API or source
/// format, into a new folder or zip: the pair of `sf project convert` commands, for whatever the module reads.
/// </summary>
[Cmdlet(VerbsData.Convert, "OrgMetadata", SupportsShouldProcess = true)]
[OutputType(typeof(ConversionResult))]
public sealed class ConvertOrgMetadataCommand : ComponentFilterCmdlet
{
    /// <summary>What to convert.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ArgumentCompleter(typeof(SourceCompleter))]
    [ValidateNotNull]
    public SourceArgument Source { get; set; } = null!;

    /// <summary>Read -Source as it was at this git revision.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SourceRevision { get; set; }

    /// <summary>A new or empty folder, or a path ending in .zip.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = string.Empty;

    /// <summary>The format to write: MetadataApi (a retrieve's layout, with package.xml) or Source (a DX project).</summary>
    /// <remarks>A string, not the engine's enum, for the reason Restore-OrgSnapshot's -Format is one.</remarks>
    [Parameter(Mandatory = true)]
    [ValidateSet("MetadataApi", "Source")]
    public string Format { get; set; } = string.Empty;

    /// <summary>For an org: how many retrieve requests run at once.</summary>
    [Parameter]
    [ValidateRange(1, 10)]
    public int Parallelism { get; set; } = 3;

    protected override object? ErrorTarget => Source;

    protected override void ProcessItem()
    {
        var destination = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination);
        using var source = Source.Open(this, new SourceOpening(nameof(Source), SourceRevision, Filter, Parallelism));
        if (!ShouldProcess(destination, $"Write {source.Description} in {Format} format"))
        {
            return;
        }

        var format = (MetadataFormat)Enum.Parse(typeof(MetadataFormat), Format, ignoreCase: true);
        Emit(new MetadataConversion(Context).Convert(source, destination, format, Filter));
    }
}
