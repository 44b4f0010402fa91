using System;
using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Pipelines;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Salesforce;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps;

/// <summary>A pipeline's drift as a command runs it: places resolved on the pipeline thread, read on workers, progress written while it runs.</summary>
internal static class PipelineDriftRun
{
    public static IEnumerable<PipelineDrift> Analyze(SandboxOpsCmdlet cmdlet, SandboxPipeline pipeline, IReadOnlyCollection<string>? environments, SnapshotStore? store, int parallelism) =>
        cmdlet.WhileReporting(new PipelineDriftAnalyzer(cmdlet.Context).Analyze(pipeline, Options(cmdlet, pipeline, environments, store, parallelism)));

    /// <summary>What only each environment holds (Get-SandboxRefreshPlan's work at risk), its places read as drift reads them.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<ComponentKey>> Unsaved(SandboxOpsCmdlet cmdlet, SandboxPipeline pipeline, IReadOnlyCollection<string> environments, SnapshotStore? store, int parallelism)
    {
        var options = Options(cmdlet, pipeline, environments, store, parallelism);
        IEnumerable<IReadOnlyDictionary<string, IReadOnlyList<ComponentKey>>> Work()
        {
            yield return new PipelineDriftAnalyzer(cmdlet.Context).Unsaved(pipeline, options);
        }

        return cmdlet.WhileReporting(Work()).Single();
    }

    private static PipelineDriftOptions Options(SandboxOpsCmdlet cmdlet, SandboxPipeline pipeline, IReadOnlyCollection<string>? environments, SnapshotStore? store, int parallelism)
    {
        foreach (var name in environments ?? Array.Empty<string>())
        {
            pipeline.Require(name);
        }

        var version = cmdlet.MyInvocation.MyCommand.Module?.Version?.ToString() ?? "0.0.0";
        return new PipelineDriftOptions(Openers(cmdlet, pipeline, store, parallelism), environments, store, version)
        {
            PlaceFailed = (place, failure) => cmdlet.Reporter.ReportError(EngineErrors.Record(failure, place)!),
        };
    }

    /// <summary>
    /// Each place resolved now, on the pipeline thread, into what opens it on a worker; a place that cannot be
    /// resolved fails when opened, as a non-terminating error about that environment.
    /// </summary>
    private static Func<string, SnapshotStore?, MetadataSource> Openers(SandboxOpsCmdlet cmdlet, SandboxPipeline pipeline, SnapshotStore? store, int parallelism)
    {
        var locations = pipeline.Environments.Select(e => e.Source).ToList();
        if (pipeline.Repository is { } repository)
        {
            locations.Add(repository.Source);
        }

        var opening = new SourceOpening("Pipeline", null, ReadOptions.All, parallelism, store is null ? null : org => RetrieveBaseline.Latest(store, org));
        var openers = new Dictionary<string, Func<MetadataSource>>(StringComparer.Ordinal);
        foreach (var location in locations.Distinct(StringComparer.Ordinal))
        {
            try
            {
                openers[location] = new SourceArgument(location).Opener(cmdlet, opening);
            }
            catch (SandboxOpsException failure)
            {
                openers[location] = () => throw failure;
            }
        }

        return (location, _) => openers[location]();
    }
}
