using SandboxOps.Engine.Snapshots;

namespace SandboxOps;

/// <summary>
/// What -Snapshot accepts: an OrgSnapshot from Get-OrgSnapshot or Export-OrgSnapshot, converted by
/// PowerShell through the constructor. Parameters are typed with this cmdlet-assembly class because
/// PowerShell inspects parameter types while importing, before the engine's load context is set up.
/// </summary>
public sealed class SnapshotArgument
{
    public SnapshotArgument(OrgSnapshot snapshot)
    {
        Snapshot = snapshot;
    }

    public OrgSnapshot Snapshot { get; }

    public override string ToString() => Snapshot.Name;
}
