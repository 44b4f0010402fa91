using System;
using System.Collections.Generic;
using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.Model;

namespace SandboxOps.Commands;

/// <summary>
/// Compares the metadata of two sources semantically, component by component, whatever their formats.
/// </summary>
[Cmdlet(VerbsData.Compare, "OrgMetadata")]
[OutputType(typeof(MetadataDifference))]
public sealed class CompareOrgMetadataCommand : ComponentFilterCmdlet
{
    /// <summary>The side whose state would be deployed: a folder, zip, DX project or snapshot.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ArgumentCompleter(typeof(SourceCompleter))]
    [ValidateNotNull]
    public SourceArgument Source { get; set; } = null!;

    /// <summary>The side being compared against.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ArgumentCompleter(typeof(SourceCompleter))]
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
            Filter,
            ParseRules(),
            IncludeIdentical.IsPresent,
            IncludeTextDiff.IsPresent,
            IgnoreWhitespace.IsPresent);
        // Each side is opened on its own, so that an error names the side that failed (TargetObject).
        _failing = Source;
        using var source = Source.Open(this, new SourceOpening(nameof(Source), SourceRevision, Filter));
        _failing = Target;
        using var target = Target.Open(this, new SourceOpening(nameof(Target), TargetRevision, Filter));
        _failing = Source;
        foreach (var difference in new MetadataComparer(Context).Compare(source, target, options))
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
                throw new InvalidArgumentException("InvalidIgnoreRule", ex.Message, ex);
            }
        }

        return rules;
    }
}
