using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.Masking;

namespace SandboxOps.Commands;

/// <summary>
/// Proposes masking rules from an org's field metadata (types, compliance groups, security classifications, names)
/// and the standard personal fields, as records to review, edit and hand to Protect-SandboxData -Rules or write out.
/// </summary>
[Cmdlet(VerbsCommon.New, "MaskingRule")]
[OutputType(typeof(MaskingRule))]
public sealed class NewMaskingRuleCommand : SandboxOpsCmdlet
{
    /// <summary>An org is retrieved for its objects and fields only.</summary>
    private static readonly Engine.Reading.ReadOptions Fields = new(new[] { "CustomObject", "CustomField" });

    /// <summary>Where the fields are read: an org, a retrieved folder, a DX project or a snapshot.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ArgumentCompleter(typeof(SourceCompleter))]
    [ValidateNotNull]
    public SourceArgument Source { get; set; } = null!;

    /// <summary>Only the rules of these objects.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
#pragma warning disable CA1720 // Salesforce's word
    public string[]? Object { get; set; }
#pragma warning restore CA1720

    protected override object? ErrorTarget => Source;

    protected override void ProcessItem()
    {
        using var source = Source.Open(this, new SourceOpening(nameof(Source), filter: Fields));
        foreach (var rule in WhileReporting(new MaskingProposer(Context).Propose(source, Object)))
        {
            Emit(rule);
        }
    }
}
