using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Merging;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Engine.BackPromotion;

/// <summary>What a back-promotion looks at and does.</summary>
public sealed class BackPromotionOptions
{
    public BackPromotionOptions(ReadOptions filter, ConflictAction conflictAction, bool includeDeletion, bool whatIf)
    {
        Filter = filter;
        ConflictAction = conflictAction;
        IncludeDeletion = includeDeletion;
        WhatIf = whatIf;
    }

    public ReadOptions Filter { get; }

    public ConflictAction ConflictAction { get; }

    public bool IncludeDeletion { get; }

    public bool WhatIf { get; }
}

/// <summary>
/// Brings a lower environment up to a higher one, three-way: against the baseline (the last state both
/// agreed on), a component changed only in the source is promoted, one changed only in the target is work
/// in progress and left alone, one changed on both sides is merged element by element (<see cref="ComponentMerger"/>)
/// and is a conflict only where both changed the same element differently. The plan is made first with no side
/// effects; then a rollback snapshot of the target is taken, the changes are applied to a copy of the
/// target that replaces it only when every change succeeded, and the source is recorded as the new baseline.
/// </summary>
public sealed class BackPromoter
{
    private readonly EngineContext _context;

    public BackPromoter(EngineContext context)
    {
        _context = context;
    }

    /// <summary>How a baseline snapshot is recognised in the store: by this description (a folder's trailing separator aside).</summary>
    public static string BaselineDescription(string source, string target) => $"Back-promotion baseline: {Named(source)} -> {Named(target)}";

    private static string Named(string place) => place.Length > 1 ? place.TrimEnd('/', '\\') : place;

    /// <summary>The newest baseline snapshot the store holds for this pair, or null.</summary>
    public static PromotionBaseline? FindBaseline(SnapshotStore store, string source, string target) =>
        store.Newest(m => m.Description == BaselineDescription(source, target)) is { } manifest ? new PromotionBaseline(store, manifest) : null;

    /// <summary>Plans and, unless <see cref="BackPromotionOptions.WhatIf"/>, applies a back-promotion into one folder.</summary>
    public IReadOnlyList<BackPromotionResult> Promote(MetadataSource source, string targetPath, SnapshotStore store, PromotionBaseline? baseline, BackPromotionOptions options)
    {
        using var target = PromotionTarget.InFolder(targetPath);
        var plan = Plan(source, target, baseline, options);
        return options.WhatIf ? plan.AsWhatIf() : Apply(plan, source, target, store);
    }

    /// <summary>Reads source and target, classifies every differing component and merges those changed on both sides; changes nothing.</summary>
    /// <param name="source">Where the changes come from.</param>
    /// <param name="target">The folder or org to bring up to date.</param>
    /// <param name="baseline">The last state both agreed on, or null.</param>
    /// <param name="options">Filter, conflict handling, deletions.</param>
    public BackPromotionPlan Plan(MetadataSource source, PromotionTarget target, PromotionBaseline? baseline, BackPromotionOptions options)
    {
        using var targetSource = MetadataSource.Open(target.Folder);
        var newRoot = targetSource.Format == MetadataFormat.Source ? targetSource.PackageRoots.FirstOrDefault(r => r.Length > 0) + "main/default/" : string.Empty;
        var inTarget = Read(targetSource, options.Filter);
        var inSource = Read(source, options.Filter);
        var results = Classify(source, target.Name, inSource, inTarget, baseline?.Manifest, options);
        var merged = new Dictionary<ComponentKey, (MergeCandidate Candidate, IReadOnlyList<MergedElement> Taken, IReadOnlyList<MergeConflict> Conflicts)>();
        if (baseline is not null)
        {
            // With a baseline, a Conflict is a component changed on both sides: merged where the target can take a
            // merge and the baseline holds it, else overwritten or not, as -ConflictAction says.
            merged = Merge(results, baseline, inSource, inTarget, OnConflict(options));
            results = results.Select(r => merged.TryGetValue(new ComponentKey(r.Type, r.FullName), out var merge)
                    ? Merged(r, merge.Taken, merge.Conflicts, options.ConflictAction, target.Deploys)
                    : r.Status == PromotionStatus.Conflict && options.ConflictAction == ConflictAction.Overwrite
                        ? r.With(PromotionStatus.Promoted, "Changed on both sides since the baseline; overwritten as -ConflictAction Overwrite asks.", null)
                        : r)
                .ToList();
        }

        var stopped = options.ConflictAction == ConflictAction.Stop && results.Any(r => r.Status == PromotionStatus.Conflict);
        return new BackPromotionPlan(target.Name, target.Folder, targetSource.Format, newRoot, inTarget.Components, results, baseline, merged.ToDictionary(m => m.Key, m => m.Value.Candidate), OnConflict(options), stopped);
    }

    /// <summary>
    /// Merges the components changed on both sides that can be, one at a time: for each, where each side holds it (the
    /// writing merges it again from there), and what the merge took and left in conflict.
    /// </summary>
    private Dictionary<ComponentKey, (MergeCandidate Candidate, IReadOnlyList<MergedElement> Taken, IReadOnlyList<MergeConflict> Conflicts)> Merge(List<BackPromotionResult> results, PromotionBaseline baseline, ReadSide inSource, ReadSide inTarget, MergeSide onConflict)
    {
        var outcomes = new Dictionary<ComponentKey, (MergeCandidate, IReadOnlyList<MergedElement>, IReadOnlyList<MergeConflict>)>();
        var bothChanged = new HashSet<ComponentKey>(results.Where(r => r.Status == PromotionStatus.Conflict && r.Action == PromotionAction.Update)
            .Select(r => new ComponentKey(r.Type, r.FullName))
            .Where(k => ComponentPlacer.CanWriteMerged(inTarget.Components[k])));
        var candidates = new List<MergeCandidate>();
        foreach (var entry in baseline.Manifest.Components)
        {
            var key = new ComponentKey(entry.Type, entry.FullName);
            if (entry.Files.Count > 0 && bothChanged.Remove(key))
            {
                candidates.Add(new MergeCandidate(key, entry.Files[0], inSource.Components[key].Files[0], inTarget.Components[key].Files[0]));
            }
        }

        if (candidates.Count == 0)
        {
            return outcomes;
        }

        using var ancestors = baseline.Open();
        var merger = new ComponentMerger(_context, IndexOf(ancestors), () => inSource.Index, () => inTarget.Index, onConflict);
        foreach (var candidate in candidates.OrderBy(c => c.TargetFile, StringComparer.Ordinal))
        {
            _context.Cancellation.ThrowIfCancellationRequested();
            if (merger.Merge(candidate) is { } outcome)
            {
                outcomes[candidate.Key] = (candidate, outcome.Taken, outcome.Conflicts); // not the merged files: the writing merges again
            }
        }

        return outcomes;
    }

    private static MergeSide OnConflict(BackPromotionOptions options) => options.ConflictAction == ConflictAction.Overwrite ? MergeSide.Source : MergeSide.Target;

    /// <summary>
    /// A merged profile or permission set deployed to an org: the permissions the merge leaves out are not revoked by
    /// the deploy (it adds and changes only), so the result names them.
    /// </summary>
    private static BackPromotionResult WithUndeployableRevocations(BackPromotionResult result)
    {
        var removed = result.Merged.Where(m => m.TakenFrom == MergeSide.Source && m.Removed).Select(m => m.Path).ToList();
        if (removed.Count == 0 || result.Type is not ("Profile" or "PermissionSet" or "MutingPermissionSet"))
        {
            return result;
        }

        var paths = string.Join(", ", removed.Take(5)) + (removed.Count > 5 ? $" and {removed.Count - 5} more" : string.Empty);
        return result.WithMerge(result.Status, $"{result.Reason} The deploy will not revoke what the source removed ({paths}): a {result.Type} deploy adds and changes permissions, never revokes one its file leaves out; revoke them in the org.", result.Merged, result.Conflicts);
    }

    /// <summary>A component changed on both sides, as its merge leaves it: promoted when every element merged or the conflict action settles the rest.</summary>
    private static BackPromotionResult Merged(BackPromotionResult planned, IReadOnlyList<MergedElement> taken, IReadOnlyList<MergeConflict> conflicts, ConflictAction conflictAction, bool deployed)
    {
        var result = MergedStatus(planned, taken, conflicts, conflictAction);
        return deployed ? WithUndeployableRevocations(result) : result;
    }

    private static BackPromotionResult MergedStatus(BackPromotionResult planned, IReadOnlyList<MergedElement> taken, IReadOnlyList<MergeConflict> conflicts, ConflictAction conflictAction)
    {
        var fromSource = taken.Count(t => t.TakenFrom == MergeSide.Source);
        var kept = taken.Count(t => t.TakenFrom == MergeSide.Target);
        var summary = $"Changed on both sides since the baseline; merged element by element: {fromSource} change(s) from the source, {kept} of the target's kept";
        if (conflicts.Count == 0)
        {
            return planned.WithMerge(PromotionStatus.Promoted, summary + ".", taken, conflicts);
        }

        var paths = string.Join(", ", conflicts.Take(3).Select(c => c.Path)) + (conflicts.Count > 3 ? $" and {conflicts.Count - 3} more" : string.Empty);
        return conflictAction switch
        {
            ConflictAction.KeepTarget => planned.WithMerge(PromotionStatus.Promoted, $"{summary}; {conflicts.Count} conflict(s) keep the target's value (-ConflictAction KeepTarget): {paths}.", taken, conflicts),
            ConflictAction.Overwrite => planned.WithMerge(PromotionStatus.Promoted, $"{summary}; {conflicts.Count} conflict(s) take the source's value (-ConflictAction Overwrite): {paths}.", taken, conflicts),
            _ => planned.WithMerge(PromotionStatus.Conflict, $"Changed on both sides since the baseline; {conflicts.Count} element(s) changed differently on each: {paths}. Nothing written; see Conflicts, or use -ConflictAction KeepTarget or Overwrite.", taken, conflicts),
        };
    }

    /// <summary>
    /// Takes a rollback snapshot of the target, writes the planned changes over the target's files (each
    /// atomically, all put back on a failure), delivers them (an org: validated, then deployed), and only then
    /// records <paramref name="source"/> (the plan's source) as the pair's new baseline.
    /// </summary>
    /// <param name="plan">What to write.</param>
    /// <param name="source">The plan's source.</param>
    /// <param name="target">The target the plan was made for.</param>
    /// <param name="store">Where the rollback snapshot and the new baseline go.</param>
    public IReadOnlyList<BackPromotionResult> Apply(BackPromotionPlan plan, MetadataSource source, PromotionTarget target, SnapshotStore store)
    {
        if (plan.Stopped)
        {
            return plan.Planned(r => r.Stopped());
        }

        var promoting = plan.Results.Where(r => r.Status == PromotionStatus.Promoted).ToList();
        if (promoting.Count == 0)
        {
            return plan.Results;
        }

        var written = Write(plan, source, promoting, store);
        if (written.Any(r => r.Status == PromotionStatus.Failed))
        {
            return written;
        }

        var delivered = target.DeliverAsync(written, _context).GetAwaiter().GetResult();
        if (delivered.Any(r => r.Status is PromotionStatus.Failed or PromotionStatus.Validated))
        {
            return delivered;
        }

        new SnapshotExporter(_context).Export(store, source, SnapshotNames.New(store.Root, source, "baseline"), BaselineDescription(source.Description, plan.Target), "0", ReadOptions.All);
        return delivered;
    }

    /// <summary>The rollback snapshot, then the changes staged beside the target and committed over its files.</summary>
    private IReadOnlyList<BackPromotionResult> Write(BackPromotionPlan plan, MetadataSource source, List<BackPromotionResult> promoting, SnapshotStore store)
    {
        var cancellationToken = _context.Cancellation;
        var target = plan.TargetPath;
        string rollback;
        // Named as the target is (org:qa for the retrieved copy of an org), so the rollback snapshot says what it is of.
        using (var targetSource = MetadataSource.FromFileSystem(new DirectoryFileSystem(target, plan.Target == target ? null : plan.Target)))
        {
            rollback = new SnapshotExporter(_context).Export(store, targetSource, SnapshotNames.New(store.Root, targetSource, "rollback"), $"Rollback point before back-promotion from {source.Description}", "0", ReadOptions.All).Name;
        }

        // Staged beside the target (same file system, so the final renames are atomic); only the files that
        // change are ever written into the target, each as a whole.
        using var staged = StagedOutput.Beside(target, "promoting");
        var changes = new StagedChanges(target, staged.Path);
        var placer = new ComponentPlacer(_context, source, changes, plan.TargetFormat, plan.NewComponentRoot);
        var merging = plan.Merges.Count > 0;
        using var ancestors = merging ? plan.Baseline!.Open() : null;
        using var targetAsItIs = merging ? MetadataSource.Open(target) : null; // staged changes reach it only at the commit
        var merger = merging ? new ComponentMerger(_context, IndexOf(ancestors!), IndexOf(source), IndexOf(targetAsItIs!), plan.OnConflict) : null;
        try
        {
            foreach (var item in promoting)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var key = new ComponentKey(item.Type, item.FullName);
                plan.InTarget.TryGetValue(key, out var existing);
                if (item.Action == PromotionAction.Delete)
                {
                    placer.Remove(existing!);
                }
                else if (plan.Merges.TryGetValue(key, out var candidate))
                {
                    var merge = merger!.Merge(candidate) ?? throw new IOException($"{key} could no longer be read from the baseline, {source.Description} or {target} to merge it; nothing was changed.");
                    placer.WriteMerged(existing!, merge);
                }
                else
                {
                    placer.Write(key, existing);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            var reason = $"Nothing was changed in {target}: {ex.Message}";
            return plan.Planned(r => r.With(PromotionStatus.Failed, reason, rollback));
        }

        return new InPlaceCommit(changes, store, rollback).Apply() is { } failed
            ? plan.Planned(r => r.With(PromotionStatus.Failed, failed, rollback))
            : plan.Planned(r => r.With(r.Status, r.Reason, rollback));
    }

    private static List<BackPromotionResult> Classify(MetadataSource source, string target, ReadSide inSource, ReadSide inTarget, SnapshotManifest? baseline, BackPromotionOptions options)
    {
        var baseHashes = baseline?.Components.GroupBy(c => new ComponentKey(c.Type, c.FullName)).ToDictionary(g => g.Key, g => g.First().ContentHash);
        var plan = new List<BackPromotionResult>();
        var unreadable = inSource.Unreadable.All.Select(u => u.Key).Concat(inTarget.Unreadable.All.Select(u => u.Key));
        foreach (var key in inSource.Components.Keys.Concat(inTarget.Components.Keys).Concat(unreadable).Distinct())
        {
            inSource.Components.TryGetValue(key, out var s);
            inTarget.Components.TryGetValue(key, out var t);
            if (s is not null && t is not null && s.ContentHash == t.ContentHash)
            {
                continue;
            }

            var action = s is null ? PromotionAction.Delete : t is null ? PromotionAction.Create : PromotionAction.Update;
            BackPromotionResult Result(PromotionStatus status, string reason) => new(target, key.Type, key.FullName, action, status, reason, null);

            // Unknown is not absent: what either side could not read is neither overwritten nor deleted.
            var parent = s?.Parent ?? t?.Parent;
            var inTargetHolder = inTarget.Unreadable.Covers(key, parent);
            if ((inTargetHolder ?? inSource.Unreadable.Covers(key, parent)) is { } holder)
            {
                var side = inTargetHolder is null ? "source" : "target";
                plan.Add(Result(PromotionStatus.Skipped, $"Left as it is: {holder.Key} could not be read in the {side}, so its state there is unknown. {holder.Reason}"));
                continue;
            }
            if (action == PromotionAction.Delete && !options.IncludeDeletion)
            {
                plan.Add(Result(PromotionStatus.Skipped, $"Only in the target; not deleted without -IncludeDeletion ({source.Description} does not have it)."));
                continue;
            }

            string? b = null;
            if (baseHashes is null)
            {
                plan.Add(options.ConflictAction == ConflictAction.Overwrite
                    ? Result(PromotionStatus.Promoted, "Differs; no baseline, overwritten as -ConflictAction Overwrite asks.")
                    : Result(PromotionStatus.Conflict, "Differs, and without a baseline it cannot be told who changed it. Give -Baseline, or -ConflictAction Overwrite."));
                continue;
            }

            baseHashes.TryGetValue(key, out b);
            var sourceChanged = s?.ContentHash != b;
            var targetChanged = t?.ContentHash != b;
            if (!targetChanged)
            {
                plan.Add(Result(PromotionStatus.Promoted, action switch
                {
                    PromotionAction.Create => "Added in the source since the baseline.",
                    PromotionAction.Delete => "Removed from the source since the baseline; untouched in the target.",
                    _ => "Changed in the source since the baseline; untouched in the target.",
                }));
            }
            else if (!sourceChanged)
            {
                plan.Add(Result(PromotionStatus.Skipped, "Work in progress: changed only in the target since the baseline; left as it is."));
            }
            else
            {
                // Merged by element once classified (Plan), or overwritten or not, as -ConflictAction says.
                plan.Add(Result(PromotionStatus.Conflict, "Changed on both sides since the baseline, differently; not overwritten."));
            }
        }

        return plan;
    }

    /// <summary>A source's index, made when a merge first needs it.</summary>
    private Func<SourceIndex> IndexOf(MetadataSource source) => () => new MetadataReader(_context).Index(source);

    private ReadSide Read(MetadataSource source, ReadOptions filter)
    {
        var reader = new MetadataReader(_context);
        var index = reader.Index(source);
        var sourceReader = reader.ReaderFor(index, hashesOnly: true);
        var components = sourceReader.ReadAll(filter, "Reading " + source.Description, _context.Cancellation)
            .Select(c => c.Component)
            .GroupBy(c => c.Key)
            .ToDictionary(g => g.Key, g => g.First());
        return new ReadSide(index, components, sourceReader.Unreadable);
    }

    /// <summary>One side as read: its index (which a merge reads again from), its components by key, and what it could not read.</summary>
    private sealed class ReadSide
    {
        public ReadSide(SourceIndex index, Dictionary<ComponentKey, MetadataComponent> components, UnreadableComponents unreadable)
        {
            Index = index;
            Components = components;
            Unreadable = unreadable;
        }

        public SourceIndex Index { get; }

        public Dictionary<ComponentKey, MetadataComponent> Components { get; }

        public UnreadableComponents Unreadable { get; }
    }
}
