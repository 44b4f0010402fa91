using System;
using System.Collections.Generic;
using System.Linq;

namespace SandboxOps.Engine.Snapshots;

/// <summary>Which snapshots a retention rule removes: by name, by age, or all but the newest N (per source).</summary>
public static class SnapshotRetention
{
    /// <param name="snapshots">The store's snapshots, newest first.</param>
    /// <param name="matchesName">Which snapshots the command is about (all when no -Name).</param>
    /// <param name="keepLast">Keep this many newest of each source; null to not apply.</param>
    /// <param name="olderThan">Remove only snapshots created before this time (UTC); null to not apply.</param>
    public static IReadOnlyList<OrgSnapshot> Select(IReadOnlyList<OrgSnapshot> snapshots, Func<string, bool> matchesName, int? keepLast, DateTime? olderThan)
    {
        var candidates = snapshots.Where(s => matchesName(s.Name));
        if (olderThan is { } cutoff)
        {
            candidates = candidates.Where(s => s.Created < cutoff.ToUniversalTime());
        }

        if (keepLast is { } keep)
        {
            var kept = new HashSet<string>(
                snapshots.Where(s => matchesName(s.Name)).GroupBy(s => s.Source, StringComparer.Ordinal).SelectMany(g => g.OrderByDescending(s => s.Created).Take(keep)).Select(s => s.Name),
                StringComparer.Ordinal);
            candidates = candidates.Where(s => !kept.Contains(s.Name));
        }

        return candidates.ToList();
    }
}
