namespace SandboxOps.Engine.Comparison;

/// <summary>
/// One element-level change inside a component: <c>fieldPermissions[Account.Rating__c]/editable</c>
/// from <c>false</c> to <c>true</c>. Added means present in the source only; Removed, in the target only.
/// </summary>
public sealed class ElementChange
{
    public ElementChange(string path, ChangeKind kind, string? before, string? after)
    {
        Path = path;
        Kind = kind;
        Before = before;
        After = after;
    }

    /// <summary>Element path from the component's root; list entries are named by key or position.</summary>
    public string Path { get; }

    public ChangeKind Kind { get; }

    /// <summary>The target's value (what a deployment of the source would replace).</summary>
    public string? Before { get; }

    /// <summary>The source's value.</summary>
    public string? After { get; }

    public override string ToString() => Kind switch
    {
        ChangeKind.Added => $"{Path}: added {After}",
        ChangeKind.Removed => $"{Path}: removed {Before}",
        ChangeKind.Modified when Before is null && After is null => $"{Path}: text changed",
        _ => $"{Path}: {Before} -> {After}",
    };
}
