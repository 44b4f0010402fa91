using System.Management.Automation;
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
    [Alias("Store")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = NameSet)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    /// <summary>Return only $true (sound) or $false.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessItem()
    {
        var storePath = ParameterSetName == SnapshotSet ? Snapshot.Snapshot.Store : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        var name = ParameterSetName == SnapshotSet ? Snapshot.Snapshot.Name : Name;
        try
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
        catch (SnapshotStoreException failure)
        {
            if (Quiet && failure.Reason == "SnapshotNotFound")
            {
                Emit(false);
                return;
            }

            WriteError(SnapshotErrors.Record(failure, name));
        }
    }
}
