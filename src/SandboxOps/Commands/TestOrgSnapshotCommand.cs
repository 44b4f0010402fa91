using System.Management.Automation;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Commands;

/// <summary>Re-hashes a snapshot's files against its manifest and checks the manifest against its seal.</summary>
[Cmdlet(VerbsDiagnostic.Test, "OrgSnapshot", DefaultParameterSetName = SnapshotSet)]
[OutputType(typeof(SnapshotIssue), typeof(bool))]
public sealed class TestOrgSnapshotCommand : SandboxOpsCmdlet
{
    private const string SnapshotSet = "Snapshot";
    private const string NameSet = "Name";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = SnapshotSet)]
    [ValidateNotNull]
    public SnapshotArgument Snapshot { get; set; } = null!;

    /// <summary>The snapshot store folder.</summary>
    [Parameter(Mandatory = true, ParameterSetName = NameSet)]
    [ValidateNotNullOrEmpty]
    public string Store { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = NameSet)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    /// <summary>Return only $true (sound) or $false.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessItem()
    {
        var storePath = ParameterSetName == SnapshotSet ? Snapshot.Snapshot.Store : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Store);
        var name = ParameterSetName == SnapshotSet ? Snapshot.Snapshot.Name : Name;
        ForInput(name, () =>
        {
            try
            {
                Verify(storePath, name);
            }
            catch (SnapshotStoreException failure) when (Quiet && failure.Kind == FailureKind.NotFound)
            {
                Emit(false);
            }
        });
    }

    private void Verify(string storePath, string name)
    {
        var sound = true;
        foreach (var issue in SnapshotVerifier.Verify(SnapshotStore.Open(storePath, create: false), name, CancellationToken))
        {
            sound = false;
            if (Quiet)
            {
                break;
            }

            Emit(issue);
        }

        if (Quiet)
        {
            Emit(sound);
        }
        else
        {
            WriteVerbose(sound ? $"Snapshot '{name}' is sound." : $"Snapshot '{name}' has problems.");
        }
    }
}
