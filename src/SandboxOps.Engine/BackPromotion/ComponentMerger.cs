using System;
using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Merging;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Xml;

namespace SandboxOps.Engine.BackPromotion;

/// <summary>One file of a merged component: its role in the component, and its merged tree, text or bytes.</summary>
internal sealed class MergedPart
{
    public MergedPart(string role, XmlNode? tree, string? text, byte[]? bytes = null)
    {
        Role = role;
        Tree = tree;
        Text = text;
        Bytes = bytes;
    }

    public string Role { get; }

    public XmlNode? Tree { get; }

    public string? Text { get; }

    /// <summary>The whole file, merged from the target's bytes (the fast path of a whole-file XML component).</summary>
    public byte[]? Bytes { get; }
}

/// <summary>A component changed on both sides, and where each side holds it: what a merge reads.</summary>
internal sealed class MergeCandidate
{
    public MergeCandidate(ComponentKey key, string ancestorFile, string sourceFile, string targetFile)
    {
        Key = key;
        AncestorFile = ancestorFile;
        SourceFile = sourceFile;
        TargetFile = targetFile;
    }

    public ComponentKey Key { get; }

    public string AncestorFile { get; }

    public string SourceFile { get; }

    public string TargetFile { get; }
}

/// <summary>
/// Merges the components changed on both sides, one at a time: each is read from the baseline, the source and
/// the target (their units found by file, a container's parse kept for its next child) and merged file by file:
/// XML by element (<see cref="ElementMerge"/>), code and markup by line (<see cref="TextMerge"/>). A binary file
/// both sides changed is a conflict of that file. Only one component's trees are held at a time: a plan keeps
/// what was taken and what conflicted, and the writing merges again.
/// </summary>
internal sealed class ComponentMerger
{
    private readonly Side _ancestor;
    private readonly Side _source;
    private readonly Side _target;
    private readonly MergeSide _onConflict;

    /// <param name="context">Where a read reports what it could not read.</param>
    /// <param name="ancestor">The baseline's index, made when first needed (as the others).</param>
    /// <param name="source">The source's index: the one the plan read its hashes from, so no side is listed twice.</param>
    /// <param name="target">The target's index.</param>
    /// <param name="onConflict">Whose value a merge holds where both sides changed an element differently.</param>
    public ComponentMerger(EngineContext context, Func<SourceIndex> ancestor, Func<SourceIndex> source, Func<SourceIndex> target, MergeSide onConflict)
    {
        _ancestor = new Side(context, ancestor);
        _source = new Side(context, source);
        _target = new Side(context, target);
        _onConflict = onConflict;
    }

    /// <summary>
    /// The merge of one component (its files whose merged content differs from the target's), or null when a side
    /// does not hold it where its listing said.
    /// </summary>
    public MergeResult<IReadOnlyList<MergedPart>>? Merge(MergeCandidate candidate) =>
        MergeBytes(candidate)
        ?? (_ancestor.Find(candidate.Key, candidate.AncestorFile) is { } b && _source.Find(candidate.Key, candidate.SourceFile) is { } s && _target.Find(candidate.Key, candidate.TargetFile) is { } t
            ? MergeOne(candidate.Key, b, s, t, _onConflict)
            : null);

    /// <summary>A component that is one whole XML file on every side, merged by its root children's bytes; null otherwise.</summary>
    private MergeResult<IReadOnlyList<MergedPart>>? MergeBytes(MergeCandidate candidate)
    {
        var key = candidate.Key;
        if (_ancestor.WholeComponentFile(key, candidate.AncestorFile) is not { } ancestorFile || _source.WholeComponentFile(key, candidate.SourceFile) is not { } sourceFile
            || _target.WholeComponentFile(key, candidate.TargetFile) is not { } targetFile)
        {
            return null;
        }

        var t = _target.Bytes(targetFile);
        if (FragmentMerge.Merge(_ancestor.Bytes(ancestorFile), _source.Bytes(sourceFile), t, UnorderedListRules.ForType(key.Type), _onConflict) is not { } merged)
        {
            return null;
        }

        var parts = merged.Merged.AsSpan().SequenceEqual(t.AsSpan()) ? Array.Empty<MergedPart>() : new[] { new MergedPart(ResolvedFile.MetaRole, null, null, merged.Merged) };
        return new MergeResult<IReadOnlyList<MergedPart>>(parts, merged.Taken, merged.Conflicts);
    }

    private static MergeResult<IReadOnlyList<MergedPart>> MergeOne(ComponentKey key, ComponentContent ancestor, ComponentContent source, ComponentContent target, MergeSide onConflict)
    {
        var parts = new List<MergedPart>();
        var taken = new List<MergedElement>();
        var conflicts = new List<MergeConflict>();
        var roles = target.Parts.Select(p => p.Role).Union(source.Parts.Select(p => p.Role), StringComparer.Ordinal).ToList();
        foreach (var role in roles)
        {
            var b = ancestor.Parts.FirstOrDefault(p => p.Role == role);
            var s = source.Parts.FirstOrDefault(p => p.Role == role);
            var t = target.Parts.FirstOrDefault(p => p.Role == role);
            if (s is not null && t is not null && s.Digest.SameAs(t.Digest))
            {
                continue;
            }

            if (Same(b, s))
            {
                taken.Add(new MergedElement(role, MergeSide.Target));
                continue;
            }

            if (b is null || s is null || t is null)
            {
                conflicts.Add(new MergeConflict(role, Presence(b), Presence(s), Presence(t)));
                continue;
            }

            if (Same(b, t))
            {
                taken.Add(new MergedElement(role, MergeSide.Source));
                parts.Add(new MergedPart(role, s.Tree, s.Tree is null ? s.LoadText() : null));
            }
            else if (b.Tree is not null && s.Tree is not null && t.Tree is not null)
            {
                var isOwnXml = role == ResolvedFile.MetaRole;
                var result = ElementMerge.Merge(b.Tree, s.Tree, t.Tree, isOwnXml ? UnorderedListRules.ForType(key.Type) : UnorderedListRules.ForType(string.Empty), onConflict, isOwnXml ? string.Empty : role + ":");
                taken.AddRange(result.Taken);
                conflicts.AddRange(result.Conflicts);
                parts.Add(new MergedPart(role, result.Merged, null));
            }
            else if (b.IsText && s.IsText && t.IsText)
            {
                var result = TextMerge.Merge(b.LoadText(), s.LoadText(), t.LoadText(), onConflict);
                taken.AddRange(result.Taken.Select(e => new MergedElement(role + ": " + e.Path, e.TakenFrom)));
                conflicts.AddRange(result.Conflicts.Select(c => new MergeConflict(role + ": " + c.Path, c.Base, c.Source, c.Target)));
                parts.Add(new MergedPart(role, null, result.Merged));
            }
            else
            {
                conflicts.Add(new MergeConflict(role, "(binary)", "(changed)", "(changed)"));
            }
        }

        return new MergeResult<IReadOnlyList<MergedPart>>(parts, taken, conflicts);
    }

    private static bool Same(ContentPart? a, ContentPart? b) => a is null ? b is null : b is not null && a.Digest.SameAs(b.Digest);

    private static string? Presence(ContentPart? part) => part is null ? null : "(present)";

    /// <summary>One side, indexed once: its units by file, and the last unit read.</summary>
    private sealed class Side
    {
        private readonly Lazy<(UnitCache Cache, Dictionary<string, ReadUnit> UnitsByFile, MetadataSource Source)> _indexed;

        public Side(EngineContext context, Func<SourceIndex> index)
        {
            _indexed = new Lazy<(UnitCache, Dictionary<string, ReadUnit>, MetadataSource)>(() =>
            {
                var made = index();
                var byFile = new Dictionary<string, ReadUnit>(StringComparer.Ordinal);
                foreach (var unit in made.Units)
                {
                    foreach (var file in unit.Files)
                    {
                        byFile[file.Path] = unit;
                    }
                }

                return (new UnitCache(new MetadataReader(context).ReaderFor(made, hashesOnly: false), ReadOptions.All), byFile, made.Source);
            });
        }

        public ComponentContent? Find(ComponentKey key, string file) =>
            _indexed.Value.UnitsByFile.TryGetValue(file, out var unit) ? _indexed.Value.Cache.Find(unit, key) : null;

        /// <summary>The file when it is the whole component and nothing else (a profile, a field's own file); null otherwise.</summary>
        public MetadataFile? WholeComponentFile(ComponentKey key, string file) =>
            _indexed.Value.UnitsByFile.TryGetValue(file, out var unit) && unit.Kind == UnitKind.XmlFile && unit.Parts.Count == 1
                && unit.TypeName == key.Type && unit.FullName == key.FullName
                ? unit.Files.First()
                : null;

        /// <summary>A file's bytes, read into a buffer of its length: a 13 MB profile grown by doubling leaves 30 MB of large-object garbage.</summary>
        public ArraySegment<byte> Bytes(MetadataFile file)
        {
            var buffer = new byte[(int)file.Size + 1];
            var length = WholeFile.Read(_indexed.Value.Source.FileSystem, file, ref buffer);
            return new ArraySegment<byte>(buffer, 0, length);
        }
    }
}
