using System;
using System.Collections.Generic;
using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;

namespace SandboxOps.Commands;

/// <summary>
/// Compares the metadata of two sources semantically, component by component, whatever their formats.
/// </summary>
[Cmdlet(VerbsData.Compare, "OrgMetadata")]
[OutputType(typeof(MetadataDifference))]
public sealed class CompareOrgMetadataCommand : SandboxOpsCmdlet
{
    /// <summary>The side whose state would be deployed: a folder, zip or DX project.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("Reference")]
    [ValidateNotNullOrEmpty]
    public string Source { get; set; } = string.Empty;

    /// <summary>The side being compared against.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [Alias("Difference")]
    [ValidateNotNullOrEmpty]
    public string Target { get; set; } = string.Empty;

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

    protected override void ProcessItem()
    {
        var options = new CompareOptions(
            new ReadOptions(TypeArgument.Canonicalize(this, Type), NameFilter.From(Name), TypeArgument.Canonicalize(this, ExcludeType)),
            ParseRules(),
            IncludeIdentical.IsPresent,
            IncludeTextDiff.IsPresent);
        var sourcePath = ResolveSingle(Source, nameof(Source));
        var targetPath = ResolveSingle(Target, nameof(Target));
        try
        {
            using var source = MetadataSource.Open(sourcePath, SourceRevision);
            using var target = MetadataSource.Open(targetPath, TargetRevision);
            foreach (var difference in new MetadataComparer(Reporter, Logging).Compare(source, target, options, CancellationToken))
            {
                Emit(difference);
            }
        }
        catch (MetadataSourceException failure)
        {
            Flush();
            ThrowTerminatingError(new ErrorRecord(failure, "SandboxOps.Source." + failure.Reason, ErrorCategory.InvalidArgument, failure.Message));
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

    private string ResolveSingle(string path, string parameter)
    {
        try
        {
            var resolved = GetResolvedProviderPathFromPSPath(path, out _);
            if (resolved.Count == 1)
            {
                return resolved[0];
            }

            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"-{parameter} '{path}' matches {resolved.Count} paths; give exactly one folder, zip or DX project."),
                "SandboxOps.Argument.AmbiguousPath",
                ErrorCategory.InvalidArgument,
                path));
        }
        catch (ItemNotFoundException ex)
        {
            ThrowTerminatingError(new ErrorRecord(
                new MetadataSourceException("PathNotFound", $"-{parameter} '{path}' does not exist. Give a retrieved folder, a retrieve zip or a Salesforce DX project.", ex),
                "SandboxOps.Source.PathNotFound",
                ErrorCategory.ObjectNotFound,
                path));
        }

        return path;
    }
}
