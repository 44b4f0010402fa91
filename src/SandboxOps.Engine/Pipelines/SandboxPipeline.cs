using System;
using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Comparison;

namespace SandboxOps.Engine.Pipelines;

/// <summary>A team's chain of orgs, as its pipeline file describes it.</summary>
public sealed class SandboxPipeline
{
    public SandboxPipeline(string name, NamingConvention? namingConvention, PipelineRepository? repository, IReadOnlyList<PipelineEnvironment> environments, IReadOnlyList<PipelineLink> promotions, IReadOnlyList<PipelineLink> backPromotions, string? file = null)
    {
        Name = name;
        NamingConvention = namingConvention;
        Repository = repository;
        Environments = environments;
        Promotions = promotions;
        BackPromotions = backPromotions;
        File = file;
        foreach (var environment in environments)
        {
            environment.Pipeline = this;
        }
    }

    public string Name { get; }

    public NamingConvention? NamingConvention { get; }

    public PipelineRepository? Repository { get; }

    public IReadOnlyList<PipelineEnvironment> Environments { get; }

    public IReadOnlyList<PipelineLink> Promotions { get; }

    public IReadOnlyList<PipelineLink> BackPromotions { get; }

    /// <summary>The file it was read from (full path), or null for one built in memory.</summary>
    public string? File { get; }

    public IEnumerable<PipelineLink> Links => Promotions.Concat(BackPromotions);

    public PipelineEnvironment? Environment(string name) =>
        Environments.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The expected drift of both ends of a link: what a comparison along it ignores.</summary>
    public IEnumerable<IgnoreRule> ExpectedDriftOf(PipelineLink link) =>
        new[] { link.From, link.To }.SelectMany(n => Environment(n)?.ExpectedDrift ?? Enumerable.Empty<ExpectedDrift>()).Select(d => d.Rule);

    /// <summary>The environments <paramref name="name"/> promotes into, directly or further up, nearest first.</summary>
    public IReadOnlyList<PipelineEnvironment> Above(string name) => Reachable(name, l => l.From, l => l.To);

    /// <summary>The environments that promote into <paramref name="name"/>, directly or from further down, nearest first.</summary>
    public IReadOnlyList<PipelineEnvironment> Below(string name) => Reachable(name, l => l.To, l => l.From);

    /// <summary>The name: what a drift record's Pipeline column shows in a CSV.</summary>
    public override string ToString() => Name;

    private List<PipelineEnvironment> Reachable(string start, Func<PipelineLink, string> from, Func<PipelineLink, string> to)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { start };
        var found = new List<PipelineEnvironment>();
        var pending = new Queue<string>();
        pending.Enqueue(start);
        while (pending.Count > 0)
        {
            var current = pending.Dequeue();
            foreach (var link in Promotions.Where(l => string.Equals(from(l), current, StringComparison.OrdinalIgnoreCase)))
            {
                if (seen.Add(to(link)) && Environment(to(link)) is { } next)
                {
                    found.Add(next);
                    pending.Enqueue(next.Name);
                }
            }
        }

        return found;
    }
}
