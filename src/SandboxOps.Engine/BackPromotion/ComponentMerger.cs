using System;
using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Merging;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Xml;

namespace SandboxOps.Engine.BackPromotion;

/// <summary>One file of a merged component: its role in the component, and its merged tree or text.</summary>
internal sealed class MergedPart
{
    public MergedPart(string role, XmlNode? tree, string? text)
    {
        Role = role;
        Tree = tree;
        Text = text;
    }

    public string Role { get; }

    public XmlNode? Tree { get; }

    public string? Text { get; }
}

/// <summary>A component changed on both sides, merged: the parts that change in the target, and what was taken and what conflicted.</summary>
internal sealed class MergeOutcome
{
    public MergeOutcome(IReadOnlyList<MergedPart> parts, IReadOnlyList<MergedElement> taken, IReadOnlyList<MergeConflict> conflicts)
    {
        Parts = parts;
        Taken = taken;
        Conflicts = conflicts;
    }

    /// <summary>The parts whose merged content differs from the target's; the target's other files stay as they are.</summary>
    public IReadOnlyList<MergedPart> Parts { get; }

    public IReadOnlyList<MergedElement> Taken { get; }

    public IReadOnlyList<MergeConflict> Conflicts { get; }
}

/// <summary>
/// Reads the components changed on both sides from the baseline, the source and the target (only those, with
/// their trees and text) and merges each, file by file: XML by element (<see cref="ElementMerge"/>), code and
/// markup by line (<see cref="TextMerge"/>). A binary file both sides changed is a conflict of that file.
/// </summary>
internal sealed class ComponentMerger
{
    private readonly EngineContext _context;

    public ComponentMerger(EngineContext context)
    {
        _context = context;
    }

    public Dictionary<ComponentKey, MergeOutcome> Merge(IReadOnlyCollection<ComponentKey> keys, MetadataSource baseline, MetadataSource source, MetadataSource target, MergeSide onConflict)
    {
        var merged = new Dictionary<ComponentKey, MergeOutcome>();
        if (keys.Count == 0)
        {
            return merged;
        }

        var inBaseline = Read(baseline, keys);
        var inSource = Read(source, keys);
        var inTarget = Read(target, keys);
        foreach (var key in keys)
        {
            if (inBaseline.TryGetValue(key, out var b) && inSource.TryGetValue(key, out var s) && inTarget.TryGetValue(key, out var t))
            {
                merged[key] = MergeOne(key, b, s, t, onConflict);
            }
        }

        return merged;
    }

    private static MergeOutcome MergeOne(ComponentKey key, ComponentContent ancestor, ComponentContent source, ComponentContent target, MergeSide onConflict)
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

        return new MergeOutcome(parts, taken, conflicts);
    }

    private static bool Same(ContentPart? a, ContentPart? b) => a is null ? b is null : b is not null && a.Digest.SameAs(b.Digest);

    private static string? Presence(ContentPart? part) => part is null ? null : "(present)";

    private Dictionary<ComponentKey, ComponentContent> Read(MetadataSource source, IReadOnlyCollection<ComponentKey> keys)
    {
        var wanted = new HashSet<ComponentKey>(keys);
        var names = new HashSet<string>(keys.Select(k => k.FullName), StringComparer.OrdinalIgnoreCase);
        var reader = new MetadataReader(_context);
        var sourceReader = reader.ReaderFor(reader.Index(source), hashesOnly: false);
        return sourceReader.ReadAll(new ReadOptions(keys.Select(k => k.Type).Distinct(), names.Contains), "Reading " + source.Description + " to merge", _context.Cancellation)
            .Where(c => wanted.Contains(c.Component.Key))
            .GroupBy(c => c.Component.Key)
            .ToDictionary(g => g.Key, g => g.First());
    }
}
