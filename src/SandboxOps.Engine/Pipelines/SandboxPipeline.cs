using System;
using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Comparison;

namespace SandboxOps.Engine.Pipelines;

/// <summary>A team's chain of orgs, as its pipeline file describes it.</summary>
public sealed class SandboxPipeline
{
    public SandboxPipeline(string name, NamingConvention? namingConvention, PipelineRepository? repository, IReadOnlyList<PipelineEnvironment> environments, IReadOnlyList<PipelineLink> promotions, IReadOnlyList<PipelineLink> backPromotions, string? file = null, RefreshSettings? refresh = null, IReadOnlyList<AccessRule>? access = null)
    {
        Refresh = refresh ?? RefreshSettings.Default;
        Access = access ?? System.Array.Empty<AccessRule>();
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

    /// <summary>The access policy: who may hold which capabilities in which roles of environment.</summary>
    public IReadOnlyList<AccessRule> Access { get; }

    public NamingConvention? NamingConvention { get; }

    /// <summary>Which objects' record counts a refresh plan shows and how fast data loads.</summary>
    public RefreshSettings Refresh { get; }

    public PipelineRepository? Repository { get; }

    public IReadOnlyList<PipelineEnvironment> Environments { get; }

    public IReadOnlyList<PipelineLink> Promotions { get; }

    public IReadOnlyList<PipelineLink> BackPromotions { get; }

    /// <summary>The file it was read from (full path), or null for one built in memory.</summary>
    public string? File { get; }

    /// <summary>How environment names compare: as Salesforce compares names, case aside.</summary>
    public static StringComparer Names { get; } = StringComparer.OrdinalIgnoreCase;

    public IEnumerable<PipelineLink> Links => Promotions.Concat(BackPromotions);

    public PipelineEnvironment? Environment(string name) => Environments.FirstOrDefault(e => Names.Equals(e.Name, name));

    /// <summary>The environment of that name, or an error that lists the names the pipeline has.</summary>
    public PipelineEnvironment Require(string name) =>
        Environment(name) ?? throw new Model.InvalidArgumentException("UnknownEnvironment", $"'{name}' is not an environment of the pipeline '{Name}'; it has: {string.Join(", ", Environments.Select(e => e.Name))}.");

    /// <summary>The expected drift of both ends of a link: what a comparison along it ignores.</summary>
    public IEnumerable<IgnoreRule> ExpectedDriftOf(PipelineLink link) =>
        new[] { link.From, link.To }.SelectMany(n => Environment(n)?.ExpectedDrift ?? Enumerable.Empty<ExpectedDrift>()).Select(d => d.Rule);

    /// <summary>The environments <paramref name="name"/> promotes into, directly or further up, nearest first.</summary>
    public IReadOnlyList<PipelineEnvironment> Above(string name) => Reachable(name, l => l.From, l => l.To, _ => true);

    /// <summary>The environments reached by promotions from <paramref name="name"/>, going on only through those <paramref name="through"/> lets pass.</summary>
    public IReadOnlyList<PipelineEnvironment> Above(string name, Func<PipelineEnvironment, bool> through) => Reachable(name, l => l.From, l => l.To, through);

    /// <summary>The environments that promote into <paramref name="name"/>, directly or from further down, nearest first.</summary>
    public IReadOnlyList<PipelineEnvironment> Below(string name) => Reachable(name, l => l.To, l => l.From, _ => true);

    /// <summary>The name: what a drift record's Pipeline column shows in a CSV.</summary>
    public override string ToString() => Name;

    private List<PipelineEnvironment> Reachable(string start, Func<PipelineLink, string> from, Func<PipelineLink, string> to, Func<PipelineEnvironment, bool> through)
    {
        var seen = new HashSet<string>(Names) { start };
        var found = new List<PipelineEnvironment>();
        var pending = new Queue<string>();
        pending.Enqueue(start);
        while (pending.Count > 0)
        {
            var current = pending.Dequeue();
            foreach (var link in Promotions.Where(l => Names.Equals(from(l), current)))
            {
                if (seen.Add(to(link)) && Environment(to(link)) is { } next)
                {
                    found.Add(next);
                    if (through(next))
                    {
                        pending.Enqueue(next.Name);
                    }
                }
            }
        }

        return found;
    }
}
