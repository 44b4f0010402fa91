using System;
using System.Collections.Generic;
using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Packaging;

namespace SandboxOps.Commands;

/// <summary>
/// Writes a deployable Metadata API package from differences (Compare-OrgMetadata output, or rows with
/// Type, FullName and Status): SourceOnly and Changed components are deployed, TargetOnly ones deleted
/// with -IncludeDeletion.
/// </summary>
[Cmdlet(VerbsCommon.New, "DeploymentPackage", SupportsShouldProcess = true)]
[OutputType(typeof(DeploymentPackage))]
public sealed class NewDeploymentPackageCommand : SandboxOpsCmdlet
{
    private readonly List<ComponentKey> _deploy = new();
    private readonly List<ComponentKey> _delete = new();
    private SourceArgument? _source;

    /// <summary>The component's type, from each difference.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(MetadataTypeCompleter))]
    [ValidateNotNullOrEmpty]
    public string Type { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string FullName { get; set; } = string.Empty;

    /// <summary>SourceOnly or Changed (deployed), TargetOnly (deleted with -IncludeDeletion), Identical (ignored).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateSet("SourceOnly", "Changed", "TargetOnly", "Identical", "Unreadable")]
    public string Status { get; set; } = "Changed";

    /// <summary>Where the components are read from; by default the differences' own Source.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SourceCompleter))]
    [ValidateNotNull]
    public SourceArgument? Source { get; set; }

    /// <summary>The package folder to write, or a path ending in .zip.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = string.Empty;

    [Parameter]
    [ValidatePattern(@"^\d+\.\d$")]
    public string? ApiVersion { get; set; }

    /// <summary>List TargetOnly components in destructive changes.</summary>
    [Parameter]
    public SwitchParameter IncludeDeletion { get; set; }

    [Parameter]
    [ValidateSet("Pre", "Post")]
    public string DeletionTiming { get; set; } = "Post";

    /// <summary>Refuse a package over Salesforce's limits instead of splitting it.</summary>
    [Parameter]
    public SwitchParameter NoSplit { get; set; }

    protected override void ProcessItem()
    {
        if (Source is not null)
        {
            if (_source is not null && !string.Equals(_source.ToString(), Source.ToString(), StringComparison.Ordinal))
            {
                throw new InvalidArgumentException("SeveralSources", $"The differences come from more than one source ('{_source}' and '{Source}'). Package one source at a time, or give -Source.");
            }

            _source ??= Source;
        }

        var key = new ComponentKey(Type, FullName);
        switch (Status)
        {
            case "SourceOnly" or "Changed":
                _deploy.Add(key);
                break;
            case "TargetOnly" when IncludeDeletion:
                _delete.Add(key);
                break;
            case "Unreadable":
                WriteWarning($"{key} is neither packaged nor deleted: it could not be read on one side, so its state there is unknown. Fix the file and compare again.");
                break;
        }
    }

    protected override object? ErrorTarget => Destination;

    protected override void Complete()
    {
        if (_source is null)
        {
            throw new InvalidArgumentException("NoSource", "Say where the components come from: pipe in Compare-OrgMetadata output or give -Source.");
        }

        var destination = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination);
        if (!ShouldProcess(destination, $"Write a deployment package of {_deploy.Count} component(s) and {_delete.Count} deletion(s) from {_source}"))
        {
            return;
        }

        using var source = _source.Open(this, new SourceOpening(nameof(Source)));
        var options = new PackageOptions(ApiVersion, DeletionTiming == "Pre" ? Engine.Packaging.DeletionTiming.Pre : Engine.Packaging.DeletionTiming.Post, NoSplit.IsPresent);
        var packages = new PackageBuilder(Context).Build(source, _deploy, _delete, destination, options);
        foreach (var warning in packages.Count > 0 ? packages[0].Warnings : (IEnumerable<string>)Array.Empty<string>())
        {
            WriteWarning(warning);
        }

        foreach (var package in packages)
        {
            Emit(package);
        }
    }
}
