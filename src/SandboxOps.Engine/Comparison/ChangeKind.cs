namespace SandboxOps.Engine.Comparison;

public enum ChangeKind
{
    Modified,
    Added,
    Removed,
    Reordered,
}
