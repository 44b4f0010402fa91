using System;
using System.IO;
using System.IO.Compression;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;

namespace SandboxOps.Engine.Packaging;

/// <summary>What a conversion wrote, and where.</summary>
public sealed class ConversionResult
{
    public ConversionResult(string source, string destination, MetadataFormat format, int fileCount)
    {
        Source = source;
        Destination = destination;
        Format = format.ToString();
        FileCount = fileCount;
    }

    public string Source { get; }

    public string Destination { get; }

    /// <summary>MetadataApi or Source.</summary>
    public string Format { get; }

    public int FileCount { get; }

    public override string ToString() => Destination;
}

/// <summary>
/// Any source written in either format, into a new folder or zip: what `sf project convert source` and
/// `sf project convert mdapi` do, from whatever the module reads (a folder, a zip, a DX project, a git
/// revision, a snapshot, an org). The writer is the one packages and restores use (<see cref="FormatConverter"/>),
/// so every component keeps its canonical hash. Written aside and moved into place at the end.
/// </summary>
public sealed class MetadataConversion
{
    private readonly EngineContext _context;

    public MetadataConversion(EngineContext context)
    {
        _context = context;
    }

    /// <param name="source">What to convert.</param>
    /// <param name="destination">A new (or empty) folder, or a path ending in .zip.</param>
    /// <param name="format">The format to write.</param>
    /// <param name="filter">Which components; files no type claims are copied only when the filter selects everything.</param>
    public ConversionResult Convert(MetadataSource source, string destination, MetadataFormat format, ReadOptions filter)
    {
        var target = Path.GetFullPath(destination);
        if (PathContainment.SourceFolderHolding(target, source.FileSystem) is { } sourceFolder)
        {
            throw new PackageException(FailureKind.InvalidArgument, "OutputInsideSource", $"'{target}' is inside the source '{sourceFolder}': the next read of the source would take the conversion for part of it. Write it outside the source; nothing was written.");
        }

        if (!StagedOutput.IsFree(target))
        {
            throw new PackageException(FailureKind.AlreadyExists, "DestinationExists", $"'{target}' already exists and is not empty. Give a new or empty -Destination; nothing was written.");
        }

        var asZip = target.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
        using var staged = StagedOutput.Beside(target);
        var folder = asZip ? Path.Combine(staged.Path, "content") : staged.Path;
        Directory.CreateDirectory(folder);
        var files = new FormatConverter(_context).Convert(
            source,
            folder,
            format,
            unit => filter.SelectsEverything || filter.Selects(unit),
            key => filter.IncludesType(key.Type) && filter.IncludesName(key.FullName));
        if (asZip)
        {
            ZipFile.CreateFromDirectory(folder, Path.Combine(staged.Path, "converted.zip"), CompressionLevel.Optimal, includeBaseDirectory: false);
            staged.MoveTo(target, "converted.zip");
        }
        else
        {
            staged.MoveTo(target);
        }

        return new ConversionResult(source.Description, target, format, files);
    }
}
