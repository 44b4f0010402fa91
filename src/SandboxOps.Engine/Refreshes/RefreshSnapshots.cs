using System;
using System.Linq;
using System.Threading;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Engine.Refreshes;

/// <summary>The snapshots that make a refresh safe: of the sandbox, verified, newest first.</summary>
public static class RefreshSnapshots
{
    /// <summary>
    /// The newest snapshot of <paramref name="source"/> that Test-OrgSnapshot's check verifies (seal, every file's
    /// hash), or null. Snapshots are verified newest first and the search stops at the first that holds.
    /// </summary>
    public static OrgSnapshot? NewestVerified(SnapshotStore store, string source, CancellationToken cancellation)
    {
        foreach (var snapshot in store.List().Where(s => SameSource(s.Source, source)))
        {
            if (!SnapshotVerifier.Verify(store, snapshot.Name, cancellation).Any())
            {
                return snapshot;
            }
        }

        return null;
    }

    /// <summary>Two names of one place: org:alias compared without case, paths without a trailing separator.</summary>
    public static bool SameSource(string recorded, string source) =>
        string.Equals(recorded.TrimEnd('/', '\\'), source.TrimEnd('/', '\\'), recorded.StartsWith(Salesforce.OrgConnection.SourcePrefix, StringComparison.OrdinalIgnoreCase) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
