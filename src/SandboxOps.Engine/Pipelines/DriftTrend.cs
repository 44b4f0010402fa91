using System;
using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Engine.Pipelines;

/// <summary>One link's drift at one earlier run, from the snapshots that run recorded.</summary>
public sealed class DriftPoint
{
    public DriftPoint(string run, string from, string to, int differing)
    {
        Run = run;
        From = from;
        To = to;
        Differing = differing;
    }

    /// <summary>The run's UTC start, yyyyMMdd-HHmmss.</summary>
    public string Run { get; }

    public string From { get; }

    public string To { get; }

    /// <summary>Components whose content differed between the two ends, whole-component expected drift left out.</summary>
    public int Differing { get; }
}

/// <summary>
/// Drift over time, from the snapshots Get-PipelineDrift -Store recorded: each run's snapshots are found by their
/// description, and a link's count at that run is the components whose hashes differ between its two ends.
/// Element-level expected drift needs the files parsed, so it is not applied to history.
/// </summary>
public static class DriftTrend
{
    private const string Prefix = "Pipeline drift ";

    /// <summary>How Get-PipelineDrift describes the snapshot of one place in one run.</summary>
    public static string Description(string run, SandboxPipeline pipeline, string place) => $"{Prefix}{run}: {pipeline.Name}/{place}";

    /// <summary>The last <paramref name="runs"/> runs' counts for each of the links, oldest first.</summary>
    public static IReadOnlyList<DriftPoint> Read(SnapshotStore store, SandboxPipeline pipeline, IEnumerable<PipelineLink> links, int runs = 12)
    {
        var byRun = new SortedDictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var snapshot in store.List())
        {
            if (Parse(snapshot.Description, pipeline) is { } found)
            {
                if (!byRun.TryGetValue(found.Run, out var places))
                {
                    byRun[found.Run] = places = new Dictionary<string, string>(SandboxPipeline.Names);
                }

                places[found.Place] = snapshot.Name;
            }
        }

        var points = new List<DriftPoint>();
        var linkList = links.ToList();
        foreach (var run in byRun.Skip(Math.Max(0, byRun.Count - runs)))
        {
            var versions = new Dictionary<string, Dictionary<ComponentKey, string>>(SandboxPipeline.Names);
            Dictionary<ComponentKey, string> Of(string place) => versions.TryGetValue(place, out var known)
                ? known
                : versions[place] = store.Load(run.Value[place]).Components.GroupBy(c => new ComponentKey(c.Type, c.FullName)).ToDictionary(g => g.Key, g => g.First().ContentHash);
            foreach (var link in linkList.Where(l => run.Value.ContainsKey(l.From) && run.Value.ContainsKey(l.To)))
            {
                var rules = pipeline.ExpectedDriftOf(link).Where(r => r.IgnoresWholeComponents).ToList();
                var from = Of(link.From);
                var to = Of(link.To);
                var differing = from.Where(v => !to.TryGetValue(v.Key, out var hash) || hash != v.Value).Select(v => v.Key)
                    .Concat(to.Keys.Where(k => !from.ContainsKey(k)))
                    .Count(k => !rules.Any(r => r.MatchesComponent(k.Type, k.FullName)));
                points.Add(new DriftPoint(run.Key, link.From, link.To, differing));
            }
        }

        return points;
    }

    private static (string Run, string Place)? Parse(string? description, SandboxPipeline pipeline)
    {
        var head = $": {pipeline.Name}/";
        if (description is null || !description.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var at = description.IndexOf(head, StringComparison.Ordinal);
        return at < 0 ? null : (description.Substring(Prefix.Length, at - Prefix.Length), description.Substring(at + head.Length));
    }
}
