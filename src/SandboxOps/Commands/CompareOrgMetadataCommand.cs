using System;
using System.Collections.Generic;
using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.Reading;

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

    private SourceArgument? _failing;

    protected override void ProcessItem()
    {
        var options = new CompareOptions(
            new ReadOptions(TypeArgument.Canonicalize(this, Type), NameFilter.From(Name), TypeArgument.Canonicalize(this, ExcludeType)),
            ParseRules(),
            IncludeIdentical.IsPresent,
            IncludeTextDiff.IsPresent,
            IgnoreWhitespace.IsPresent);
        // Each side is opened on its own, so that an error names the side that failed (TargetObject).
        _failing = Source;
        using var source = Source.Open(this, nameof(Source), SourceRevision);
        _failing = Target;
        using var target = Target.Open(this, nameof(Target), TargetRevision);
        _failing = Source;
        foreach (var difference in new MetadataComparer(Reporter, Logging).Compare(source, target, options, CancellationToken))
        {
            Emit(difference);
        }
    }

    /// <summary>The side an error is about: the one being opened, else the source.</summary>
    protected override object? ErrorTarget => _failing;

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
