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
    private readonly UnitReader _hashReader;
    private readonly IOperationObserver _observer;
    private readonly ILogger _logger;
    private readonly Dictionary<ComponentKey, IList<string>> _seen = new();
    private readonly HashSet<ReadUnit> _duplicated = new();

    public SourceReader(SourceIndex index, IOperationObserver observer, ILogger logger, bool hashesOnly)
    {
        _index = index;
        _reader = new UnitReader(index.Source, hashesOnly);
        _hashReader = hashesOnly ? _reader : new UnitReader(index.Source, hashesOnly: true);
        _observer = observer;
        _logger = logger;
        foreach (var empty in index.EmptyPackageRoots)
        {
            var display = Source.FileSystem.DisplayPath(empty.TrimEnd('/'));
            Report(ProblemSeverity.Warning, ProblemCode.MissingPackageDirectory, display, $"sfdx-project.json names the package directory '{empty.TrimEnd('/')}', but {display} holds no files. Check the path in sfdx-project.json, or whether the folder was checked out; nothing of it was read.");
        }

        foreach (var copies in index.Duplicates)
        {
            var unit = copies[0];
            var paths = string.Join(" and ", copies.Select(u => Source.FileSystem.DisplayPath(u.Files.First().Path)));
            var message = $"{unit.TypeName} {unit.FullName} is defined twice in {Source.Description}: {paths}. Keep one of them; until then neither copy is read.";
            Report(ProblemSeverity.Error, ProblemCode.DuplicateComponent, unit.Files.First().Path, message);
            Unreadable.Add(new ComponentKey(unit.TypeName, unit.FullName), container: null, copies.SelectMany(u => u.Files).Select(f => f.Path).ToList(), message);
            _duplicated.UnionWith(copies);
        }
    }

    private MetadataSource Source => _index.Source;

    /// <summary>What this reader could not read: unknown, never absent.</summary>
    public UnreadableComponents Unreadable { get; } = new();

    /// <summary>Every component the options select, in path order.</summary>
    public IEnumerable<ComponentContent> ReadAll(ReadOptions options, string activity, CancellationToken cancellationToken)
    {
        var units = _index.Units.Where(options.Selects).ToList();
        var degree = Source.FileSystem.SupportsConcurrentReads ? Environment.ProcessorCount : 1;
        var done = 0;
        foreach (var contents in OrderedParallel.Map(units, unit => ReadUnit(unit, options), degree, cancellationToken))
        {
            _observer.ReportProgress(new OperationProgress(activity, units[done].TypeName + " " + units[done].FullName, done, units.Count));
            done++;
            foreach (var content in SelectedAndUnique(contents, options))
            {
                yield return content;
            }
        }

        _observer.ReportProgress(new OperationProgress(activity, "Done", units.Count, units.Count));
    }

    /// <summary>Reads one unit; a unit that cannot be read is reported and gives nothing. Thread-safe.</summary>
    public IReadOnlyList<ComponentContent> ReadUnit(ReadUnit unit, ReadOptions options) => ReadUnit(unit, options, _reader);

    /// <summary>
    /// Reads one unit for its components' hashes only, whatever this reader keeps otherwise: a component that
    /// will be matched by key later needs no tree now (a whole XML file is hashed from its bytes, unparsed).
    /// </summary>
    public IReadOnlyList<ComponentContent> ReadUnitHashes(ReadUnit unit, ReadOptions options) => ReadUnit(unit, options, _hashReader);

    private IReadOnlyList<ComponentContent> ReadUnit(ReadUnit unit, ReadOptions options, UnitReader reader)
    {
        if (_duplicated.Contains(unit))
        {
            return Array.Empty<ComponentContent>();
        }

        if (unit.Kind == UnitKind.Unknown)
        {
            var path = unit.Files.First().Path;
            Report(ProblemSeverity.Warning, ProblemCode.UnknownType, path, $"No known metadata type claims '{Source.FileSystem.DisplayPath(path)}'; it is listed as type Unknown. Check the folder name, or add the type to the registry.");
        }

        var duplicateRole = unit.Kind == UnitKind.Container ? null : unit.Parts.GroupBy(p => p.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicateRole is not null)
        {
            var paths = string.Join(" and ", duplicateRole.Select(p => Source.FileSystem.DisplayPath(p.Value.Path)));
            var message = $"{unit.TypeName} {unit.FullName} is defined twice in {Source.Description}: {paths}. Keep one of them.";
            Report(ProblemSeverity.Error, ProblemCode.DuplicateComponent, duplicateRole.First().Value.Path, message);
            Unreadable.Add(unit, message);
            return Array.Empty<ComponentContent>();
        }

        try
        {
            return reader.Read(unit, options);
        }
        catch (UnitFileException ex)
        {
            var problem = ProblemFor(ex);
            Report(problem);
            Unreadable.Add(unit, problem.Message);
            return Array.Empty<ComponentContent>();
        }
    }

    /// <summary>
    /// Applies the options' filters and refuses a component already seen (naming both places). Call from
    /// one thread, in the order components should be kept.
    /// </summary>
    public IEnumerable<ComponentContent> SelectedAndUnique(IEnumerable<ComponentContent> contents, ReadOptions options)
    {
        foreach (var content in contents)
        {
            var component = content.Component;
            if (!options.IncludesName(component.FullName) || !options.IncludesType(component.Type) || !options.IncludesComponent(component.Type, component.FullName))
            {
                continue;
            }

            if (_seen.TryGetValue(component.Key, out var firstFiles))
            {
                // Display paths are made only here: for 100,000 components that are each defined once, they cost more than the rest.
                var message = $"{component} is defined twice in {Source.Description}: in {Display(firstFiles)} and in {Display(component.Files)}. Keep one of them.";
                Report(ProblemSeverity.Error, ProblemCode.DuplicateComponent, component.Files[0], message);
                Unreadable.Add(component.Key, container: null, component.Files, message);
                continue;
            }

            _seen.Add(component.Key, component.Files);
            yield return content;
        }
    }

    private string Display(IEnumerable<string> files) => string.Join(", ", files.Select(Source.FileSystem.DisplayPath));

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
