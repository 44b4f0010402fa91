using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using SandboxOps.Bench.Generator;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Pipelines;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Snapshots;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.Pipelines;

/// <summary>Five generated environments of 10,000 components and a repository, written once for the class.</summary>
public sealed class GeneratedPipeline : IDisposable
{
    private const int Components = 10_000;

    public GeneratedPipeline()
    {
        var shape = OrgShape.ForComponents(Components);
        Write(shape, 1, Side.Source, false, "prod");
        Write(shape, 1, Side.Target, false, "uat");
        Write(shape, 2, Side.Target, true, "int");
        Write(shape, 3, Side.Target, false, "dev");
        Write(shape, 4, Side.Target, false, "hotfix");
        Write(shape, 1, Side.Target, true, "repository");
        System.IO.File.WriteAllText(Tree.PathOf("pipeline.json"), """
            { "name": "Generated",
              "repository": { "path": "./repository" },
              "environments": [
                { "name": "dev", "type": "Developer", "role": "Development", "location": "./dev",
                  "expectedDrift": [ { "rule": "ApexClass:Class00*", "reason": "scratch classes" } ] },
                { "name": "int", "type": "Partial", "role": "Integration", "location": "./int" },
                { "name": "uat", "type": "Full", "role": "UAT", "location": "./uat",
                  "expectedDrift": [ { "rule": "Profile:*:fieldPermissions*", "reason": "field access is set per org" } ] },
                { "name": "hotfix", "type": "Full", "role": "Hotfix", "location": "./hotfix" },
                { "name": "prod", "type": "Production", "role": "Production", "location": "./prod" } ],
              "promotions": [ { "from": "dev", "to": "int" }, { "from": "int", "to": "uat" }, { "from": "uat", "to": "prod" }, { "from": "hotfix", "to": "prod" } ],
              "backPromotions": [ { "from": "prod", "to": "uat" }, { "from": "prod", "to": "int" }, { "from": "prod", "to": "dev" }, { "from": "prod", "to": "hotfix" } ] }
            """);
    }

    private TempTree Tree { get; } = new();

    public string PathOf(string name) => Tree.PathOf(name);

    public SandboxPipeline Pipeline => PipelineFile.Read(PathOf("pipeline.json"));

    /// <summary>The drift of every link without a store, computed once for the tests that read it.</summary>
    public List<PipelineDrift> Drift => _drift ??= PipelineDriftTests.Analyze(Pipeline);

    private List<PipelineDrift>? _drift;

    public void Dispose() => Tree.Dispose();

    private void Write(OrgShape shape, int seed, Side side, bool sourceFormat, string name) =>
        new OrgWriter(shape, new Drift(shape, seed, DriftKind.Standard), side, sourceFormat, Tree.PathOf(name)).Write();
}

public sealed class PipelineDriftTests : IClassFixture<GeneratedPipeline>
{
    private readonly GeneratedPipeline _generated;

    public PipelineDriftTests(GeneratedPipeline generated)
    {
        _generated = generated;
    }

    private static IEnumerable<string> Lines(IEnumerable<MetadataDifference> differences) =>
        differences.Select(d => $"{d.Status} {d.Type} {d.FullName} [{d.Changes}] +{d.LinesAdded} -{d.LinesRemoved} ignored {d.IgnoredChangeCount}").OrderBy(l => l, StringComparer.Ordinal);

    internal static List<PipelineDrift> Analyze(SandboxPipeline pipeline, SnapshotStore? store = null, IReadOnlyCollection<string>? environments = null, ConcurrentBag<string>? failed = null) =>
        new PipelineDriftAnalyzer(new EngineContext(new RecordingObserver()))
            .Analyze(pipeline, new PipelineDriftOptions((location, _) => MetadataSource.Open(location), environments, store, "test") { PlaceFailed = (place, _) => failed?.Add(place) })
            .ToList();

    private static string SourceOf(SandboxPipeline pipeline, string place) =>
        place == PipelineDriftAnalyzer.RepositoryName ? pipeline.Repository!.Source : pipeline.Environment(place)!.Source;

    [Fact]
    public void Every_link_agrees_exactly_with_a_pairwise_compare_with_the_same_rules()
    {
        var pipeline = _generated.Pipeline;

        var drift = _generated.Drift;

        Assert.Equal(8 + 5, drift.Count);
        foreach (var link in drift)
        {
            var rules = pipeline.ExpectedDriftOf(new PipelineLink(link.From, link.To, link.Kind)).Select(r => r.Text);
            var (pairwise, _) = Compare.Run(SourceOf(pipeline, link.From), SourceOf(pipeline, link.To), ignore: rules);
            Assert.Equal(Lines(pairwise), Lines(link.Differences));
        }

        Assert.All(drift, d => Assert.Equal(d.Total, d.Changed + d.SourceOnly + d.TargetOnly + d.Unreadable));
        Assert.Contains(drift, d => d.Suppressed > 0 && (d.From == "dev" || d.To == "dev"));
        Assert.Contains(drift, d => d.Suppressed > 0 && (d.From == "uat" || d.To == "uat"));
    }

    [Fact]
    public void The_generated_pipeline_round_trips_through_the_file()
    {
        var pipeline = _generated.Pipeline;
        var copy = _generated.PathOf("copy.pipeline.json");

        PipelineFile.Write(pipeline, copy, schema: null, overwrite: true);
        var again = PipelineFile.Read(copy);

        Assert.Equal(PipelineFile.ToJson(pipeline, null), PipelineFile.ToJson(again, null));
        Assert.Equal(pipeline.Environments.Select(e => (e.Name, e.Type, e.Role, e.Source)), again.Environments.Select(e => (e.Name, e.Type, e.Role, e.Source)));
        Assert.Equal(pipeline.Links.Select(l => l.ToString()), again.Links.Select(l => l.ToString()));
    }

    [Fact]
    public void Drift_is_sorted_by_where_each_version_came_from()
    {
        var drift = _generated.Drift;
        var devToRepository = drift.Single(d => d.From == "dev" && d.To == PipelineDriftAnalyzer.RepositoryName);
        var prodToUat = drift.Single(d => d.From == "prod" && d.Kind == LinkKind.BackPromotion && d.To == "uat");

        // dev's own edits (its seed) are in no environment above it nor in the repository: work in flight.
        Assert.NotEmpty(devToRepository.InFlight);
        Assert.All(devToRepository.InFlight, d => Assert.Contains(d, devToRepository.Differences));
        Assert.Empty(devToRepository.HandChanges);
        // Everything in a list is one of the link's differences.
        Assert.All(drift, d => Assert.All(d.NotBackPromoted.Concat(d.HandChanges).Concat(d.InFlight), x => Assert.Contains(x, d.Differences)));
        Assert.All(drift.Where(d => d.Kind != LinkKind.BackPromotion), d => Assert.Empty(d.NotBackPromoted));
        // uat holds the repository's version of everything, so whatever production has and uat has otherwise is
        // not back-promoted; what production lacks is not.
        Assert.Equal(Lines(prodToUat.Differences.Where(d => d.Status is DifferenceStatus.Changed or DifferenceStatus.SourceOnly)), Lines(prodToUat.NotBackPromoted));
    }

    [Fact]
    public void With_a_store_each_place_is_a_snapshot_and_a_second_run_finds_the_same_drift()
    {
        var pipeline = _generated.Pipeline;
        using var storeFolder = new TempTree();
        var store = SnapshotStore.Open(storeFolder.PathOf("store"), create: true);

        var first = Analyze(pipeline, store);
        var cached = System.IO.Directory.GetFiles(System.IO.Path.Combine(store.Root, SnapshotStore.CacheFolder, "pipeline-links"));
        System.IO.File.WriteAllText(cached[0], "not a cache entry"); // an unreadable entry is computed again
        var second = Analyze(pipeline, store);

        Assert.Equal(12, store.List().Count);
        Assert.Equal(13, cached.Length);
        Assert.Equal(first.Select(d => (d.From, d.To, d.Total, d.Suppressed)), second.Select(d => (d.From, d.To, d.Total, d.Suppressed)));
        Assert.Equal(Lines(_generated.Drift.SelectMany(d => d.Differences)), Lines(second.SelectMany(d => d.Differences)));
        var trend = DriftTrend.Read(store, pipeline, pipeline.Links);
        Assert.Equal(2 * 8, trend.Count);
        Assert.Equal(first.Single(d => d.From == "hotfix" && d.Kind == LinkKind.Promotion).Total, trend.First(p => p.From == "hotfix").Differing);
    }

    [Fact]
    public void A_place_that_cannot_be_read_is_reported_and_its_links_left_out()
    {
        var pipeline = _generated.Pipeline;
        var broken = new SandboxPipeline(pipeline.Name, null, null, pipeline.Environments.Select(e => e.Name == "hotfix" ? new PipelineEnvironment(e.Name, e.Type, e.Role, "./gone", _generated.PathOf("gone")) : new PipelineEnvironment(e.Name, e.Type, e.Role, e.Location, e.Source)).ToList(), pipeline.Promotions, pipeline.BackPromotions);
        var failed = new ConcurrentBag<string>();

        var drift = Analyze(broken, environments: new[] { "hotfix", "uat" }, failed: failed);

        Assert.Equal(new[] { "hotfix" }, failed);
        Assert.Equal(new[] { ("uat", "prod"), ("prod", "uat"), ("int", "uat") }.OrderBy(l => l), drift.Select(d => (d.From, d.To)).OrderBy(l => l));
    }
}
