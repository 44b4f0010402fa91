using System.Linq;
using System.Management.Automation;
using SandboxOps.Engine.Masking;

namespace SandboxOps;

/// <summary>What -Rules accepts: a masking rules file, or the rule records New-MaskingRule emits (edited or not).</summary>
public sealed class MaskingRulesArgument
{
    public MaskingRulesArgument(string path)
    {
        Path = path;
    }

    public MaskingRulesArgument(object[] rules)
    {
        // Records arrive as object[] (from a variable or a pipeline): the engine's types live in the module's own
        // load context, where PowerShell's conversions do not look, so they are taken by what they are.
        Rules = new MaskingRules(rules.Select(r => r is PSObject o ? o.BaseObject : r).OfType<MaskingRule>());
    }

    public string? Path { get; }

    internal MaskingRules? Rules { get; }

    public override string ToString() => Path ?? "rules";

    /// <summary>
    /// Hands the records to the constructor: the parameter binder does not convert an array to a class that is not
    /// an array, whatever its constructors take.
    /// </summary>
    [System.AttributeUsage(System.AttributeTargets.Property)]
    public sealed class TransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject o ? o.BaseObject : inputData;
            return value switch
            {
                object[] records => new MaskingRulesArgument(records),
                MaskingRule record => new MaskingRulesArgument(new object[] { record }),
                _ => inputData,
            };
        }
    }

    internal MaskingRules Read(PSCmdlet cmdlet) => Rules ?? MaskingRules.Read(cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path!));
}
