using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using SandboxOps.Engine.Diagnostics;

namespace SandboxOps.Engine.Snapshots;

/// <summary>
/// Removes snapshots under the store's exclusive lock (no export is half-way), then collects the stored
/// files no remaining snapshot lists.
/// </summary>
public sealed class SnapshotRemover
{
    private readonly EngineContext _context;
    private readonly ILogger _logger;

    public SnapshotRemover(EngineContext context)
    {
        _context = context;
        _logger = context.Logger("SandboxOps.Snapshot");
    }

    /// <param name="store">The store.</param>
    /// <param name="select">Which snapshots to remove, chosen under the lock.</param>
    /// <param name="confirm">Asked per snapshot (ShouldProcess); false keeps it.</param>
    /// <param name="collectOrphans">
    /// Collect the blobs no snapshot lists even when nothing was removed: what a killed export left behind.
    /// False under -WhatIf, which changes nothing.
    /// </param>
    public IReadOnlyList<OrgSnapshot> Remove(SnapshotStore store, Func<SnapshotStore, IReadOnlyList<OrgSnapshot>> select, Func<OrgSnapshot, bool> confirm, bool collectOrphans = false)
    {
        var cancellationToken = _context.Cancellation;
        using var storeLock = store.LockExclusive(cancellationToken);
        var removed = new List<OrgSnapshot>();
        foreach (var snapshot in select(store))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (confirm(snapshot))
            {
                store.Remove(snapshot.Name);
                SnapshotLog.Removed(_logger, snapshot.Name);
                removed.Add(snapshot);
            }
        }

        if (removed.Count > 0 || collectOrphans)
        {
            var (blobs, bytes) = store.CollectGarbage();
            SnapshotLog.Collected(_logger, blobs, bytes);
        }

        return removed;
    }
}
