using System.Collections.Generic;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Registry;

namespace SandboxOps.Engine.Reading;

/// <summary>
/// Reads every component of a source, streaming: files are listed and grouped by component first
/// (paths only), then groups are read (on all cores where the source allows) and emitted in path order
/// as they complete. Problems with one file are reported and reading goes on.
/// </summary>
public sealed class MetadataReader
{
    private readonly EngineContext _context;
    private readonly ILogger _logger;
    private readonly ComponentPathResolver _resolver;

    public MetadataReader(EngineContext context, MetadataTypeRegistry? registry = null)
    {
        _context = context;
        _logger = context.Logger("SandboxOps.Read");
        _resolver = new ComponentPathResolver(registry ?? MetadataTypeRegistry.Default);
    }

    public IEnumerable<MetadataComponent> Read(MetadataSource source, ReadOptions options)
    {
        var clock = Stopwatch.StartNew();
        var index = Index(source);
        var emitted = 0;
        foreach (var content in ReaderFor(index, hashesOnly: true).ReadAll(options, "Reading " + source.Description, _context.Cancellation))
        {
            emitted++;
            yield return content.Component;
        }

        ReadLog.Finished(_logger, emitted, source.Description, clock.ElapsedMilliseconds);
    }

    internal SourceIndex Index(MetadataSource source)
    {
        var clock = Stopwatch.StartNew();
        var index = SourceIndex.Build(source, _resolver, _logger);
        ReadLog.Listed(_logger, source.Description, source.Format, source.FileSystem.Files.Count, index.Units.Count, clock.ElapsedMilliseconds);
        return index;
    }

    /// <summary>A reader of the index's units; <paramref name="hashesOnly"/> for callers that never diff what they read.</summary>
    internal SourceReader ReaderFor(SourceIndex index, bool hashesOnly) => new(index, _context.Observer, _logger, hashesOnly);
}
