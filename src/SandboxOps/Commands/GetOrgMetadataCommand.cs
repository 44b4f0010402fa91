using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Registry;
using SandboxOps.Engine.Salesforce;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Commands;

/// <summary>
/// Lists the metadata components of a retrieved folder, a retrieve zip, a Salesforce DX project, any of
/// those at a git revision, a snapshot, or a connected org (retrieved in chunks into a temporary folder).
/// </summary>
[Cmdlet(VerbsCommon.Get, "OrgMetadata", DefaultParameterSetName = PathSet)]
[OutputType(typeof(MetadataComponent))]
public sealed class GetOrgMetadataCommand : SandboxOpsCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private const string SnapshotSet = "Snapshot";
    private const string OrgSet = "Org";

    private ReadOptions? _options;

    /// <summary>Folders, zips or DX projects; wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Paths used exactly as written.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>A snapshot from Get-OrgSnapshot or Export-OrgSnapshot, read as the folder it was taken from.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SnapshotSet)]
    [ValidateNotNull]
    public SnapshotArgument? Snapshot { get; set; }

    /// <summary>A connected org (alias, username or a connection from Connect-SalesforceOrg), retrieved for the read.</summary>
    [Parameter(Mandatory = true, ParameterSetName = OrgSet)]
    [ValidateNotNull]
    public OrgArgument? Org { get; set; }

    /// <summary>How many retrieve requests run at once against the org.</summary>
    [Parameter(ParameterSetName = OrgSet)]
    [ValidateRange(1, 10)]
    public int Parallelism { get; set; } = 3;

    /// <summary>Reads the folder as it was at this git revision, without checking it out.</summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    [ValidateNotNullOrEmpty]
    public string? Revision { get; set; }

    /// <summary>Only components of these types (children included: CustomField, CustomLabel...).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(MetadataTypeCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Type { get; set; }

    /// <summary>Only components whose fullName matches one of these wildcard patterns.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    protected override void BeginProcessing()
    {
        _options = new ReadOptions(TypeArgument.Canonicalize(this, Type), NameFilter.From(Name));
    }

    protected override void ProcessItem()
    {
        if (ParameterSetName == OrgSet)
        {
            ReadOrg();
            return;
        }

        if (ParameterSetName == SnapshotSet)
        {
            ReadOne(Snapshot!.Snapshot.Name, () => SnapshotStore.Open(Snapshot.Snapshot.Store, create: false).OpenSource(Snapshot.Snapshot.Name));
            return;
        }

        foreach (var path in ResolvePaths())
        {
            ReadOne(path, () => MetadataSource.Open(path, Revision));
        }
    }

    private void ReadOrg()
    {
        try
        {
            var org = Org!.Resolve();
            var retrieve = new RetrieveOptions(TypeArgument.Canonicalize(this, Type)?.Select(t => MetadataTypeRegistry.Default.FindParentOfChild(t)?.Name ?? t).Distinct(), Parallelism);
            ReadOne(org.Name, () => RetrievedOrgFileSystem.OpenAsync(org, retrieve, Reporter, Logging, CancellationToken).GetAwaiter().GetResult());
        }
        catch (SalesforceException failure)
        {
            WriteError(OrgErrors.Record(failure, Org!.Name));
        }
    }

    private void ReadOne(string path, Func<MetadataSource> open)
    {
        try
        {
            using var source = open();
            var reader = new MetadataReader(Reporter, Logging);
            foreach (var component in reader.Read(source, _options!, CancellationToken))
            {
                Emit(component);
            }
        }
        catch (MetadataSourceException failure)
        {
            WriteSourceError(failure, path);
        }
        catch (SnapshotStoreException failure)
        {
            WriteError(SnapshotErrors.Record(failure, path));
        }
    }

    private IEnumerable<string> ResolvePaths()
    {
        if (ParameterSetName == LiteralPathSet)
        {
            return LiteralPath.Select(p => SessionState.Path.GetUnresolvedProviderPathFromPSPath(p));
        }

        var resolved = new List<string>();
        foreach (var pattern in Path)
        {
            try
            {
                resolved.AddRange(GetResolvedProviderPathFromPSPath(pattern, out _));
            }
            catch (ItemNotFoundException ex)
            {
                WriteError(new ErrorRecord(
                    new MetadataSourceException("PathNotFound", $"'{pattern}' does not exist. Give a retrieved folder, a retrieve zip or a Salesforce DX project.", ex),
                    "SandboxOps.Source.PathNotFound",
                    ErrorCategory.ObjectNotFound,
                    pattern));
            }
        }

        return resolved;
    }
}
