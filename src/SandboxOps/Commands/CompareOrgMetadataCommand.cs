using System;
using System.Collections.Generic;
using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Commands;

/// <summary>
/// Compares the metadata of two sources semantically, component by component, whatever their formats.
/// </summary>
[Cmdlet(VerbsData.Compare, "OrgMetadata")]
[OutputType(typeof(MetadataDifference))]
public sealed class CompareOrgMetadataCommand : SandboxOpsCmdlet
{
    /// <summary>The side whose state would be deployed: a folder, zip, DX project or snapshot.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("Reference")]
    [ValidateNotNull]
    public SourceArgument Source { get; set; } = null!;

    /// <summary>The side being compared against.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [Alias("Difference")]
    [ValidateNotNull]
    public SourceArgument Target { get; set; } = null!;

    /// <summary>Read -Source as it was at this git revision.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SourceRevision { get; set; }

    /// <summary>Read -Target as it was at this git revision.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TargetRevision { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(MetadataTypeCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Type { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(MetadataTypeCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? ExcludeType { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Expected differences: Type:FullNamePattern[:ElementPathPattern].</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? IgnoreRule { get; set; }

    [Parameter]
    public SwitchParameter IncludeIdentical { get; set; }

    [Parameter]
    public SwitchParameter IncludeTextDiff { get; set; }

    [Parameter]
    public SwitchParameter IgnoreWhitespace { get; set; }

    protected override void ProcessItem()
    {
        var options = new CompareOptions(
            new ReadOptions(TypeArgument.Canonicalize(this, Type), NameFilter.From(Name), TypeArgument.Canonicalize(this, ExcludeType)),
            ParseRules(),
            IncludeIdentical.IsPresent,
            IncludeTextDiff.IsPresent,
            IgnoreWhitespace.IsPresent);
        try
        {
            using var source = Source.Open(this, nameof(Source), SourceRevision);
            using var target = Target.Open(this, nameof(Target), TargetRevision);
            foreach (var difference in new MetadataComparer(Reporter, Logging).Compare(source, target, options, CancellationToken))
            {
                Emit(difference);
            }
        }
        catch (MetadataSourceException failure)
        {
            Flush();
            ThrowTerminatingError(new ErrorRecord(failure, "SandboxOps.Source." + failure.Reason, failure.Reason == "PathNotFound" ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidArgument, failure.Message));
        }
        catch (SnapshotStoreException failure)
        {
            Flush();
            ThrowTerminatingError(SnapshotErrors.Record(failure, Source));
        }
    }

    private List<IgnoreRule> ParseRules()
    {
        var rules = new List<IgnoreRule>();
        foreach (var text in IgnoreRule ?? Array.Empty<string>())
        {
            try
            {
                rules.Add(Engine.Comparison.IgnoreRule.Parse(text));
            }
            catch (FormatException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "SandboxOps.Argument.InvalidIgnoreRule", ErrorCategory.InvalidArgument, text));
            }
        }

        return rules;
    }
}
