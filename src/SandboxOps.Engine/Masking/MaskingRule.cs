namespace SandboxOps.Engine.Masking;

/// <summary>One field's rule as New-MaskingRule proposes it and a rules file holds it: object, field, method, and why.</summary>
public sealed class MaskingRule
{
    public MaskingRule(string objectName, string field, FieldRule rule, string? reason = null)
    {
        Object = objectName;
        Field = field;
        Rule = rule;
        Reason = reason;
    }

    /// <summary>The object's API name (Contact, Invoice__c).</summary>
#pragma warning disable CA1720 // the rules file's own word
    public string Object { get; }
#pragma warning restore CA1720

    public string Field { get; }

    public MaskingMethod Method => Rule.Method;

    public FieldRule Rule { get; }

    /// <summary>Why New-MaskingRule proposed it (field type, compliance group, a standard personal field).</summary>
    public string? Reason { get; }

    public override string ToString() => $"{Object}.{Field}: {Rule}";
}
