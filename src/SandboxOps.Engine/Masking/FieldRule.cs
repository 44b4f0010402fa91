namespace SandboxOps.Engine.Masking;

/// <summary>The method for one field, with its options: the days of a date shift, the text of a redaction.</summary>
public sealed class FieldRule
{
    public const int DefaultShiftDays = 30;

    public const string DefaultRedaction = "REDACTED";

    public FieldRule(MaskingMethod method, int days = DefaultShiftDays, string redaction = DefaultRedaction)
    {
        Method = method;
        Days = days;
        Redaction = redaction;
    }

    public MaskingMethod Method { get; }

    /// <summary>ShiftDate: the most days a date moves, either way.</summary>
    public int Days { get; }

    /// <summary>Redact: the text written instead.</summary>
    public string Redaction { get; }

    public override string ToString() => Method switch
    {
        MaskingMethod.ShiftDate => $"shiftDate ±{Days}d",
        MaskingMethod.Redact => $"redact '{Redaction}'",
        _ => MaskingRules.NameOf(Method),
    };
}
