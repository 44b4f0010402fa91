using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SandboxOps.Engine.BackPromotion;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Engine.Pipelines;

/// <summary>
/// Drift along a pipeline: every place (environment, repository) is listed and hashed once, in parallel (with a
/// store, as a snapshot); each link then compares only the root components whose hashes differ, through the same
/// comparer as Compare-OrgMetadata, so a link's differences are exactly what that command reports for the pair.
/// The differences are then sorted by meaning: not back-promoted, hand changes, in flight.
/// </summary>
public sealed class PipelineDriftAnalyzer
{
    /// <summary>The name the repository goes by in drift records.</summary>
    public const string RepositoryName = "repository";

    private static readonly EnvironmentRole[] HigherRoles = { EnvironmentRole.UAT, EnvironmentRole.Staging, EnvironmentRole.Production };
    private static readonly EnvironmentRole[] LowerRoles = { EnvironmentRole.Development, EnvironmentRole.Integration, EnvironmentRole.Testing, EnvironmentRole.Hotfix };

    private readonly EngineContext _context;
    private readonly MetadataReader _reader;
    private readonly MetadataComparer _comparer;
    private readonly ILogger _logger;

    public PipelineDriftAnalyzer(EngineContext context)
    {
        _context = context;
        _reader = new MetadataReader(context);
        _comparer = new MetadataComparer(context);
        _logger = context.Logger("SandboxOps.Pipeline");
    }

    /// <summary>The links the run reports, in the file's order: promotions, back-promotions, then each environment against the repository.</summary>
    public static IReadOnlyList<PipelineLink> Links(SandboxPipeline pipeline, IReadOnlyCollection<string>? environments)
    {
        var links = pipeline.Links.ToList();
        if (pipeline.Repository is not null)
        {
            links.AddRange(pipeline.Environments.Select(e => new PipelineLink(e.Name, RepositoryName, LinkKind.Repository)));
        }

        bool Named(string name) => environments is null || environments.Contains(name, SandboxPipeline.Names);
        return links.Where(l => Named(l.From) || Named(l.To)).ToList();
    }

    public IEnumerable<PipelineDrift> Analyze(SandboxPipeline pipeline, PipelineDriftOptions options)
    {
        var links = Links(pipeline, options.Environments);
        var places = ReadPlaces(pipeline, links.SelectMany(l => new[] { l.From, l.To }), options);
        try
        {
            foreach (var link in links.Where(l => places.ContainsKey(l.From) && places.ContainsKey(l.To)))
            {
                _context.Cancellation.ThrowIfCancellationRequested();
                yield return Drift(pipeline, link, places, options.Store);
            }
        }
        finally
        {
            foreach (var place in places.Values)
            {
                place.Dispose();
            }
        }
    }

    /// <summary>
    /// For each named environment, the components whose version there neither the repository nor a production
    /// environment holds: the work a refresh from production would wipe. Each place is read once, as for drift. An
    /// environment is left out (unknown) when it, the repository or production could not be read.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ComponentKey>> Unsaved(SandboxPipeline pipeline, PipelineDriftOptions options)
    {
        var environments = options.Environments ?? pipeline.Environments.Select(e => e.Name).ToList();
        var references = pipeline.Environments.Where(e => e.Role == EnvironmentRole.Production).Select(e => e.Name).ToList();
        if (pipeline.Repository is not null)
        {
            references.Add(RepositoryName);
        }

        var places = ReadPlaces(pipeline, environments.Concat(references), options);
        try
        {
            if (!references.All(places.ContainsKey))
            {
                return new Dictionary<string, IReadOnlyList<ComponentKey>>(SandboxPipeline.Names);
            }

            var held = references.Select(r => places[r]).ToList();
            return environments.Where(places.ContainsKey).ToDictionary(
                name => name,
                name => (IReadOnlyList<ComponentKey>)places[name].Versions.Where(v => held.All(r => r.Version(v.Key) != v.Value)).Select(v => v.Key).OrderBy(k => k.ToString(), StringComparer.Ordinal).ToList(),
                SandboxPipeline.Names);
        }
        finally
        {
            foreach (var place in places.Values)
            {
                place.Dispose();
            }
        }
    }

    /// <summary>Every named place, read at once on as many cores as there are places (an org's retrieve mostly waits).</summary>
    private Dictionary<string, PlaceReading> ReadPlaces(SandboxPipeline pipeline, IEnumerable<string> wanted, PipelineDriftOptions options)
    {
        var names = wanted.Distinct(SandboxPipeline.Names).ToList();
        var run = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var read = new ConcurrentDictionary<string, PlaceReading>(SandboxPipeline.Names);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Math.Min(names.Count, Environment.ProcessorCount)), CancellationToken = _context.Cancellation };
        try
        {
            Parallel.ForEach(names, parallel, name =>
            {
                try
                {
                    read[name] = Read(pipeline, name, run, options);
                }
                catch (Exception failure) when (failure is SandboxOpsException or IOException or UnauthorizedAccessException or InvalidDataException && options.PlaceFailed is not null)
                {
                    options.PlaceFailed(name, failure);
                }
            });
        }
        catch (AggregateException failure) when (failure.InnerExceptions.Count == 1)
        {
            foreach (var place in read.Values)
            {
                place.Dispose();
            }

            ExceptionDispatchInfo.Capture(failure.InnerException!).Throw();
        }

        return new Dictionary<string, PlaceReading>(read, SandboxPipeline.Names);
    }

    private PlaceReading Read(SandboxPipeline pipeline, string name, string run, PipelineDriftOptions options)
    {
        var environment = pipeline.Environment(name);
        var location = environment?.Source ?? pipeline.Repository!.Source;
        var clock = Stopwatch.StartNew();
        var source = options.Open(location, options.Store);
        try
        {
            var index = _reader.Index(source);
            var versions = new Dictionary<ComponentKey, string>();
            if (options.Store is { } store)
            {
                var snapshotName = SnapshotNames.New(store.Root, pipeline.Name + "-" + name, "drift");
                var description = DriftTrend.Description(run, pipeline, name);
                var exported = new SnapshotExporter(_context).Export(store, source, snapshotName, description, options.ModuleVersion, ReadOptions.All, index);
                foreach (var component in exported.Components)
                {
                    versions[new ComponentKey(component.Type, component.FullName)] = component.ContentHash;
                }

                PipelineLog.PlaceRead(_logger, name, source.Description, versions.Count, clock.ElapsedMilliseconds, ", recorded as snapshot " + exported.Snapshot.Name);
                return new PlaceReading(name, environment?.Role, index, versions, exported.Unreadable, LinkCache.ContentId(exported.Components));
            }

            var reader = _reader.ReaderFor(index, hashesOnly: true);
            foreach (var content in reader.ReadAll(ReadOptions.All, "Reading " + name, _context.Cancellation))
            {
                versions[content.Component.Key] = content.Component.ContentHash;
            }

            PipelineLog.PlaceRead(_logger, name, source.Description, versions.Count, clock.ElapsedMilliseconds, string.Empty);
            return new PlaceReading(name, environment?.Role, index, versions, reader.Unreadable.All);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    private PipelineDrift Drift(SandboxPipeline pipeline, PipelineLink link, Dictionary<string, PlaceReading> places, SnapshotStore? store)
    {
        var clock = Stopwatch.StartNew();
        var from = places[link.From];
        var to = places[link.To];
        var rules = pipeline.ExpectedDriftOf(link).ToList();
        var differing = DifferingKeys(from, to);
        var cache = store is null || from.ContentId is null || to.ContentId is null ? null : new LinkCache(store);
        var key = cache is null ? null : LinkCache.Key(from, to, rules);
        var cached = cache?.Find(key!);
        var (differences, suppressed) = cached ?? Compare(from, to, rules, differing);
        if (cache is not null && cached is null)
        {
            cache.Keep(key!, differences, suppressed);
        }

        PipelineLog.LinkCompared(_logger, link.From, link.To, differing.Count, differences.Count, suppressed, clock.ElapsedMilliseconds);
        var baseline = link.Kind == LinkKind.BackPromotion && store is not null ? BackPromoter.FindBaseline(store, from.Description, to.Description) : null;
        var findings = new DriftClassifier(pipeline, link, places, baseline?.Manifest).Classify(differences);
        return new PipelineDrift(pipeline, link.Kind, link.From, link.To, differences, suppressed, findings, baseline?.Manifest.Name);
    }

    /// <summary>The link's differences through Compare-OrgMetadata's comparer, over only the components whose hashes differ (and those a side could not read).</summary>
    private (List<MetadataDifference> Differences, int Suppressed) Compare(PlaceReading from, PlaceReading to, List<IgnoreRule> rules, List<ComponentKey> differing)
    {
        var roots = new RootSelection();
        roots.AddRange(differing);
        roots.AddRange(from.Unreadable);
        roots.AddRange(to.Unreadable);
        var differences = roots.IsEmpty
            ? new List<MetadataDifference>()
            : _comparer.Compare(from.Index, to.Index, new Comparison.CompareOptions(roots.Filter(), rules)).ToList();

        // Suppressed: components whose content differs, that a rule of the link names, and that came out as no difference.
        var reported = new HashSet<ComponentKey>(differences.Select(d => new ComponentKey(d.Type, d.FullName)));
        return (differences, differing.Count(k => !reported.Contains(k) && rules.Any(r => r.MatchesComponent(k.Type, k.FullName))));
    }

    /// <summary>Components whose hash differs between the two places, or that only one has.</summary>
    private static List<ComponentKey> DifferingKeys(PlaceReading from, PlaceReading to)
    {
        var keys = from.Versions.Where(v => to.Version(v.Key) != v.Value).Select(v => v.Key).ToList();
        keys.AddRange(to.Versions.Where(v => from.Version(v.Key) is null).Select(v => v.Key));
        return keys;
    }

    /// <summary>Sorts a link's differences by where each side's version came from, using every place read.</summary>
    private sealed class DriftClassifier
    {
        private readonly SandboxPipeline _pipeline;
        private readonly PipelineLink _link;
        private readonly Dictionary<string, PlaceReading> _places;
        private readonly PlaceReading? _repository;
        private readonly Dictionary<ComponentKey, string>? _baseline;

        public DriftClassifier(SandboxPipeline pipeline, PipelineLink link, Dictionary<string, PlaceReading> places, SnapshotManifest? baseline)
        {
            _pipeline = pipeline;
            _link = link;
            _places = places;
            _repository = places.TryGetValue(RepositoryName, out var repository) ? repository : null;
            _baseline = baseline?.Components.GroupBy(c => new ComponentKey(c.Type, c.FullName)).ToDictionary(g => g.Key, g => g.First().ContentHash);
        }

        public DriftFindings Classify(List<MetadataDifference> differences)
        {
            if (differences.Count == 0)
            {
                return DriftFindings.None;
            }

            var ends = new[] { _link.From, _link.To }.Where(n => n != RepositoryName).Select(n => _places[n]).ToList();
            var keyed = differences.Select(d => (Difference: d, Key: new ComponentKey(d.Type, d.FullName))).ToList();
            return new DriftFindings(
                new DifferenceList(_link.Kind == LinkKind.BackPromotion ? keyed.Where(d => NotBackPromoted(d.Key)).Select(d => d.Difference).ToList() : new List<MetadataDifference>()),
                new DifferenceList(keyed.Where(d => ends.Any(e => HigherRoles.Contains(e.Role!.Value) && Originated(e, d.Key))).Select(d => d.Difference).ToList()),
                new DifferenceList(keyed.Where(d => ends.Any(e => LowerRoles.Contains(e.Role!.Value) && e.Version(d.Key) is not null && Unpromoted(e, d.Key))).Select(d => d.Difference).ToList()));
        }

        /// <summary>
        /// The higher environment changed it (a deletion too) since the baseline; without one, it has a version that
        /// is not the repository's while the lower one still holds the repository's (no work of its own on it).
        /// </summary>
        private bool NotBackPromoted(ComponentKey key)
        {
            var higher = _places[_link.From].Version(key);
            if (_baseline is not null)
            {
                return higher != (_baseline.TryGetValue(key, out var hash) ? hash : null);
            }

            var repository = _repository?.Version(key);
            return higher is not null && (_repository is null || (higher != repository && _places[_link.To].Version(key) == repository));
        }

        /// <summary>The place's version (a deletion too) is neither the repository's nor any lower environment's: it was made there.</summary>
        private bool Originated(PlaceReading place, ComponentKey key)
        {
            var version = place.Version(key);
            var references = References(_pipeline.Below(place.Name)).ToList();
            return references.Count > 0 && references.All(r => r.Version(key) != version) && (version is not null || references.Any(r => r.Version(key) is not null));
        }

        /// <summary>The place's version is in no environment above it and not in the repository.</summary>
        private bool Unpromoted(PlaceReading place, ComponentKey key)
        {
            var version = place.Version(key);
            return References(_pipeline.Above(place.Name)).All(r => r.Version(key) != version);
        }

        /// <summary>The repository and those of the environments that were read.</summary>
        private IEnumerable<PlaceReading> References(IEnumerable<PipelineEnvironment> environments)
        {
            if (_repository is not null)
            {
                yield return _repository;
            }

            foreach (var environment in environments)
            {
                if (_places.TryGetValue(environment.Name, out var place))
                {
                    yield return place;
                }
            }
        }
    }
}
