using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.Extensions.Logging;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Xml;

namespace SandboxOps.Engine.Reading;

/// <summary>
/// Reads units of one source, turning per-file failures, unknown files and duplicates into problems
/// for the observer; on a folder, units are read on all cores and still come out in path order.
/// </summary>
internal sealed class SourceReader
{
    private readonly SourceIndex _index;
    private readonly UnitReader _reader;
    private readonly IOperationObserver _observer;
    private readonly ILogger _logger;
    private readonly Dictionary<ComponentKey, string> _seen = new();

    public SourceReader(SourceIndex index, IOperationObserver observer, ILogger logger, bool hashesOnly)
    {
        _index = index;
        _reader = new UnitReader(index.Source, hashesOnly);
        _observer = observer;
        _logger = logger;
    }

    private MetadataSource Source => _index.Source;

    /// <summary>Every component the options select, in path order.</summary>
    public IEnumerable<ComponentContent> ReadAll(ReadOptions options, string activity, CancellationToken cancellationToken)
    {
        var units = _index.Units.Where(u => u.ProducibleTypes.Any(options.IncludesType)).ToList();
        var degree = Source.FileSystem.SupportsConcurrentReads ? Environment.ProcessorCount : 1;
        var done = 0;
        foreach (var contents in OrderedParallel.Map(units, unit => ReadUnit(unit, options), degree, cancellationToken))
        {
            _observer.ReportProgress(new OperationProgress(activity, units[done].TypeName + " " + units[done].FullName, done, units.Count));
            done++;
            foreach (var content in Admit(contents, options))
            {
                yield return content;
            }
        }

        _observer.ReportProgress(new OperationProgress(activity, "Done", units.Count, units.Count));
    }

    /// <summary>Reads one unit; a unit that cannot be read is reported and gives nothing. Thread-safe.</summary>
    public IReadOnlyList<ComponentContent> ReadUnit(ReadUnit unit, ReadOptions options)
    {
        if (unit.Kind == UnitKind.Unknown)
        {
            var path = unit.Files.First().Path;
            Report(ProblemSeverity.Warning, ProblemCode.UnknownType, path, $"No known metadata type claims '{Source.FileSystem.DisplayPath(path)}'; it is listed as type Unknown. Check the folder name, or add the type to the registry.");
        }

        var duplicateRole = unit.Kind == UnitKind.Container ? null : unit.Parts.GroupBy(p => p.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicateRole is not null)
        {
            var paths = string.Join(" and ", duplicateRole.Select(p => Source.FileSystem.DisplayPath(p.Value.Path)));
            Report(ProblemSeverity.Error, ProblemCode.DuplicateComponent, duplicateRole.First().Value.Path, $"{unit.TypeName} {unit.FullName} is defined twice in {Source.Description}: {paths}. Keep one of them.");
            return Array.Empty<ComponentContent>();
        }

        try
        {
            return _reader.Read(unit, options);
        }
        catch (UnitFileException ex)
        {
            Report(ProblemFor(ex));
            return Array.Empty<ComponentContent>();
        }
    }

    /// <summary>
    /// Applies the options' filters and refuses a component already seen (naming both places). Call from
    /// one thread, in the order components should be kept.
    /// </summary>
    public IEnumerable<ComponentContent> Admit(IEnumerable<ComponentContent> contents, ReadOptions options)
    {
        foreach (var content in contents)
        {
            var component = content.Component;
            if (!options.IncludesName(component.FullName) || !options.IncludesType(component.Type))
            {
                continue;
            }

            var files = string.Join(", ", component.Files.Select(Source.FileSystem.DisplayPath));
            if (_seen.TryGetValue(component.Key, out var firstFiles))
            {
                Report(ProblemSeverity.Error, ProblemCode.DuplicateComponent, component.Files[0], $"{component} is defined twice in {Source.Description}: in {firstFiles} and in {files}. Keep one of them.");
                continue;
            }

            _seen.Add(component.Key, files);
            yield return content;
        }
    }

    private MetadataProblem ProblemFor(UnitFileException failure)
    {
        var display = Source.FileSystem.DisplayPath(failure.Path);
        return failure.InnerException switch
        {
            ForbiddenDtdException dtd => new MetadataProblem(ProblemSeverity.Error, ProblemCode.ForbiddenDtd, display, $"{display}: {dtd.Message} The file was skipped.", dtd.Line > 0 ? dtd.Line : null),
            System.Xml.XmlException xml => new MetadataProblem(ProblemSeverity.Error, ProblemCode.MalformedXml, display, $"{display} (line {xml.LineNumber}) is not well-formed XML: {xml.Message} Fix or re-retrieve the file; it was skipped.", xml.LineNumber),
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
}
