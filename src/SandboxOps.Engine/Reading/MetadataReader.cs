using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Xml;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Registry;
using SandboxOps.Engine.Xml;

namespace SandboxOps.Engine.Reading;

/// <summary>
/// Reads every component of a source, streaming: files are listed and grouped by component first
/// (paths only), then each group is read and emitted before the next is opened. Problems with one file
/// are reported and reading goes on.
/// </summary>
public sealed class MetadataReader
{
    private readonly IOperationObserver _observer;
    private readonly ILogger _logger;
    private readonly ComponentPathResolver _resolver;

    public MetadataReader(IOperationObserver observer, EngineLogging? logging = null, MetadataTypeRegistry? registry = null)
    {
        _observer = observer;
        _logger = (ILogger?)logging?.Factory.CreateLogger("SandboxOps.Read") ?? NullLogger.Instance;
        _resolver = new ComponentPathResolver(registry ?? MetadataTypeRegistry.Default);
    }

    public IEnumerable<MetadataComponent> Read(MetadataSource source, ReadOptions options, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var units = Group(source);
        ReadLog.Listed(
            _logger,
            source.Description,
            source.Format,
            source.FileSystem.Files.Count,
            units.Count,
            clock.ElapsedMilliseconds);

        var reader = new UnitReader(source);
        var seen = new Dictionary<ComponentKey, string>();
        var activity = "Reading " + source.Description;
        var emitted = 0;
        for (var i = 0; i < units.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var unit = units[i];
            _observer.ReportProgress(new OperationProgress(activity, unit.TypeName + " " + unit.FullName, i, units.Count));
            if (!unit.ProducibleTypes.Any(options.IncludesType))
            {
                continue;
            }

            foreach (var component in ReadUnit(source, reader, unit, options))
            {
                if (!options.IncludesName(component.FullName) || !options.IncludesType(component.Type))
                {
                    continue;
                }

                var files = string.Join(", ", component.Files.Select(source.FileSystem.DisplayPath));
                if (seen.TryGetValue(component.Key, out var firstFiles))
                {
                    Report(ProblemSeverity.Error, ProblemCode.DuplicateComponent, component.Files[0], $"{component} is defined twice in {source.Description}: in {firstFiles} and in {files}. Keep one of them.");
                    continue;
                }

                seen.Add(component.Key, files);
                emitted++;
                yield return component;
            }
        }

        _observer.ReportProgress(new OperationProgress(activity, "Done", units.Count, units.Count));
        ReadLog.Finished(_logger, emitted, source.Description, clock.ElapsedMilliseconds);
    }

    private IEnumerable<MetadataComponent> ReadUnit(MetadataSource source, UnitReader reader, ReadUnit unit, ReadOptions options)
    {
        if (unit.Kind == UnitKind.Unknown)
        {
            Report(ProblemSeverity.Warning, ProblemCode.UnknownType, unit.Files.First().Path, $"No known metadata type claims '{source.FileSystem.DisplayPath(unit.Files.First().Path)}'; it is listed as type Unknown. Check the folder name, or add the type to the registry.");
        }

        var duplicateRole = unit.Parts.GroupBy(p => p.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicateRole is not null)
        {
            var paths = string.Join(" and ", duplicateRole.Select(p => source.FileSystem.DisplayPath(p.Value.Path)));
            Report(ProblemSeverity.Error, ProblemCode.DuplicateComponent, duplicateRole.First().Value.Path, $"{unit.TypeName} {unit.FullName} is defined twice in {source.Description}: {paths}. Keep one of them.");
            return Array.Empty<MetadataComponent>();
        }

        try
        {
            return reader.Read(unit, options);
        }
        catch (UnitFileException ex)
        {
            Report(ProblemFor(source, ex));
            return Array.Empty<MetadataComponent>();
        }
    }

    private static MetadataProblem ProblemFor(MetadataSource source, UnitFileException failure)
    {
        var display = source.FileSystem.DisplayPath(failure.Path);
        return failure.InnerException switch
        {
            ForbiddenDtdException dtd => new MetadataProblem(ProblemSeverity.Error, ProblemCode.ForbiddenDtd, display, $"{display}: {dtd.Message} The file was skipped.", dtd.Line > 0 ? dtd.Line : null),
            XmlException xml => new MetadataProblem(ProblemSeverity.Error, ProblemCode.MalformedXml, display, $"{display} (line {xml.LineNumber}) is not well-formed XML: {xml.Message} Fix or re-retrieve the file; it was skipped.", xml.LineNumber),
            _ => new MetadataProblem(ProblemSeverity.Error, ProblemCode.UnreadableFile, display, $"Cannot read {display}: {failure.Message} Check the file's permissions; it was skipped."),
        };
    }

    private void Report(ProblemSeverity severity, ProblemCode code, string path, string message) =>
        Report(new MetadataProblem(severity, code, path, message));

    private void Report(MetadataProblem problem)
    {
        ReadLog.Problem(_logger, problem.Code, problem.Message);
        _observer.ReportProblem(problem);
    }

    /// <summary>Lists files and groups them into units, in path order. Holds paths only, never contents.</summary>
    private List<ReadUnit> Group(MetadataSource source)
    {
        var units = new List<ReadUnit>();
        var byKey = new Dictionary<string, ReadUnit>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in source.FileSystem.Files)
        {
            var root = source.PackageRoots.FirstOrDefault(r => file.Path.StartsWith(r, StringComparison.Ordinal));
            if (root is null || (source.Format == MetadataFormat.MetadataApi && MetadataSource.IsManifest(file.Path)))
            {
                continue;
            }

            var resolved = _resolver.Resolve(file.Path.Substring(root.Length));
            if (resolved.Kind == UnitKind.Ignored)
            {
                ReadLog.SkippedTooling(_logger, file.Path);
                continue;
            }

            var key = root + "\n" + resolved.Kind + "\n" + resolved.TypeName + "\n" + resolved.FullName;
            if (!byKey.TryGetValue(key, out var unit))
            {
                unit = new ReadUnit(resolved, root);
                byKey.Add(key, unit);
                units.Add(unit);
            }

            unit.Parts.Add(new KeyValuePair<string, MetadataFile>(resolved.Role, file));
        }

        return units;
    }
}
