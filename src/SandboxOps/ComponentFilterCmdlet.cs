using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.Reading;

namespace SandboxOps;

/// <summary>
/// The commands that read components and can be told which: -Type, -ExcludeType and -FullName, declared
/// once, checked once (a typo in a type name fails before anything is read) and handed to the engine as one filter.
/// </summary>
public abstract class ComponentFilterCmdlet : SandboxOpsCmdlet
{
    private ReadOptions? _filter;

    /// <summary>Only components of these types (children included: CustomField, CustomLabel...).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(MetadataTypeCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Type { get; set; }

    /// <summary>Leave out components of these types.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(MetadataTypeCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? ExcludeType { get; set; }

    /// <summary>Only components whose full name (Account.Rating__c) matches one of these wildcard patterns.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? FullName { get; set; }

    /// <summary>The filter the parameters describe; <see cref="ReadOptions.All"/> when none was given.</summary>
    internal ReadOptions Filter => _filter ??= new ReadOptions(TypeArgument.Canonicalize(Type), NameFilter.From(FullName), TypeArgument.Canonicalize(ExcludeType));
}
