using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SandboxOps.Engine.Reading;

namespace SandboxOps.Engine.Comparison;

/// <summary>One side of a comparison: the source, its index of units, and the readers of its units.</summary>
internal sealed class ComparisonSide
{
    private ComparisonSide(MetadataSource source, SourceIndex index, MetadataReader reader)
    {
        Source = source;
        Index = index;
        Reader = reader.ReaderFor(index, hashesOnly: false);
        Units = new UnitReader(source);
    }

    public MetadataSource Source { get; }

    public SourceIndex Index { get; }

    /// <summary>Reads units into components (trees kept, for diffing), and remembers what it could not read.</summary>
    public SourceReader Reader { get; }

    /// <summary>Reads single root children of the side's files (the fragment comparison).</summary>
    public UnitReader Units { get; }

    public string Description => Source.Description;

    /// <summary>
    /// Both sides indexed at once: for two git revisions of a large org that is two ls-tree runs and 200,000
    /// paths resolved, which one core does in half a second.
    /// </summary>
    public static (ComparisonSide Source, ComparisonSide Target) IndexBoth(MetadataSource source, MetadataSource target, MetadataReader reader)
    {
        var targetIndex = Task.Run(() => reader.Index(target));
        var sourceIndex = reader.Index(source);
        return (new ComparisonSide(source, sourceIndex, reader), new ComparisonSide(target, targetIndex.GetAwaiter().GetResult(), reader));
    }

    /// <summary>A side over an index read before, so that a source compared with several others is listed once.</summary>
    public static ComparisonSide Of(SourceIndex index, MetadataReader reader) => new(index.Source, index, reader);

    /// <summary>The units that can produce a component the filter selects.</summary>
    public List<ReadUnit> SelectedUnits(ReadOptions filter) => Index.Units.Where(filter.Selects).ToList();

    /// <summary>The components the filter selects, each once (a second definition is reported and made Unreadable), less those an ignore rule leaves out.</summary>
    public IEnumerable<ComponentContent> Accepted(IEnumerable<ComponentContent> contents, CompareOptions options) =>
        Reader.SelectedAndUnique(contents, options.Read).Where(c => !options.IgnoresComponent(c.Component.Type, c.Component.FullName));
}
