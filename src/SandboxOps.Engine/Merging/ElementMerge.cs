using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.Xml;

namespace SandboxOps.Engine.Merging;

/// <summary>
/// Three-way merge of one component by its elements, matched as <see cref="XmlTreeDiff"/> matches them: keyed
/// lists by key, other repeated elements by a unique fullName or name, else by position. An element changed on
/// one side since the ancestor takes that side; changed the same way on both, either; changed differently, it is
/// a conflict of that element alone. Lists merge their entries one by one and their order as
/// <see cref="Diff3"/> merges a sequence, so entries added on both sides are both kept. The merged tree keeps
/// the target's order, with new entries placed after the entry they follow in the source.
/// </summary>
internal sealed class ElementMerge
{
    private static readonly IReadOnlyDictionary<string, string[]> NoKeys = new Dictionary<string, string[]>();
    private readonly IReadOnlyDictionary<string, string[]> _rootKeys;
    private readonly MergeSide _onConflict;
    private readonly List<MergedElement> _taken = new();
    private readonly List<MergeConflict> _conflicts = new();

    private ElementMerge(IReadOnlyDictionary<string, string[]> rootKeys, MergeSide onConflict)
    {
        _rootKeys = rootKeys;
        _onConflict = onConflict;
    }

    /// <param name="ancestor">The component as both sides last agreed on it.</param>
    /// <param name="source">The side whose changes are brought over (production).</param>
    /// <param name="target">The side changed in place (the sandbox).</param>
    /// <param name="rootKeys">The keyed lists at the component's root (<see cref="UnorderedListRules.ForType"/>).</param>
    /// <param name="onConflict">Whose value the merged tree holds where both changed an element differently.</param>
    /// <param name="pathPrefix">Put before every path: a bundle file's role, as the compare names it.</param>
    public static MergeResult<XmlNode?> Merge(XmlNode ancestor, XmlNode source, XmlNode target, IReadOnlyDictionary<string, string[]> rootKeys, MergeSide onConflict, string pathPrefix = "")
    {
        // The roots are merged by their children alone: a field is <fields> in an object file and <CustomField> in its own.
        var merge = new ElementMerge(rootKeys, onConflict);
        var merged = merge.Inside(ancestor, source, target, pathPrefix, isRoot: true);
        return new MergeResult<XmlNode?>(merged, merge._taken, merge._conflicts);
    }

    /// <summary>One element of a component (a root child), merged on its own: null in Merged when it ends up absent.</summary>
    public static MergeResult<XmlNode?> MergeElement(XmlNode? ancestor, XmlNode? source, XmlNode? target, string path, MergeSide onConflict)
    {
        var merge = new ElementMerge(NoKeys, onConflict);
        var merged = merge.Node(ancestor, source, target, path, isRoot: false);
        return new MergeResult<XmlNode?>(merged, merge._taken, merge._conflicts);
    }

    /// <summary>Items of <paramref name="primary"/> in its order, with those only in <paramref name="secondary"/> placed after the item they follow there.</summary>
    public static List<string> OrderedUnion(IReadOnlyList<string> primary, IReadOnlyList<string> secondary)
    {
        var inPrimary = new HashSet<string>(primary, StringComparer.Ordinal);
        var leading = new List<string>();
        var following = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        string? anchor = null;
        foreach (var item in secondary)
        {
            if (inPrimary.Contains(item))
            {
                anchor = item;
            }
            else if (anchor is null)
            {
                leading.Add(item);
            }
            else if (following.TryGetValue(anchor, out var after))
            {
                after.Add(item);
            }
            else
            {
                following.Add(anchor, new List<string> { item });
            }
        }

        var union = new List<string>(primary.Count + leading.Count + following.Sum(f => f.Value.Count));
        union.AddRange(leading);
        foreach (var item in primary)
        {
            union.Add(item);
            if (following.TryGetValue(item, out var after))
            {
                union.AddRange(after);
            }
        }

        return union;
    }

    private XmlNode? Node(XmlNode? ancestor, XmlNode? source, XmlNode? target, string path, bool isRoot)
    {
        if (XmlNode.Same(source, target))
        {
            return target;
        }

        if (XmlNode.Same(ancestor, source))
        {
            _taken.Add(new MergedElement(path, MergeSide.Target, removed: target is null));
            return target;
        }

        if (XmlNode.Same(ancestor, target))
        {
            _taken.Add(new MergedElement(path, MergeSide.Source, removed: source is null));
            return source;
        }

        if (source is null || target is null || source.Children.Count == 0 || target.Children.Count == 0)
        {
            return Conflict(path, ancestor, source, target);
        }

        return Inside(ancestor ?? XmlNode.Create(target.Name), source, target, path, isRoot);
    }

    /// <summary>Both sides changed an element with children: its children merged one by one.</summary>
    private XmlNode Inside(XmlNode ancestor, XmlNode source, XmlNode target, string path, bool isRoot)
    {
        var merged = XmlNode.ShellOf(MergedAttributes(ancestor, source, target, path));
        if (isRoot)
        {
            merged.AddRange(target.Children.Where(c => c.Name == "fullName"));
        }

        var fromAncestor = ElementPaths.Children(ancestor, isRoot);
        var fromSource = ElementPaths.Children(source, isRoot);
        var fromTarget = ElementPaths.Children(target, isRoot);
        var names = OrderedUnion(Names(fromTarget), Names(fromSource));
        names.AddRange(Names(fromAncestor).Where(n => !names.Contains(n)));
        var keys = isRoot ? _rootKeys : NoKeys;
        foreach (var name in names)
        {
            var a = fromAncestor.Where(c => c.Name == name).ToList();
            var s = fromSource.Where(c => c.Name == name).ToList();
            var t = fromTarget.Where(c => c.Name == name).ToList();
            var listPath = ElementPaths.Join(path, name);
            if (keys.TryGetValue(name, out var keyElements))
            {
                merged.AddRange(ByKey(a, s, t, listPath, e => ElementPaths.KeyOf(e, keyElements), orderMatters: false));
            }
            else if (a.Count <= 1 && s.Count <= 1 && t.Count <= 1)
            {
                if (Node(a.FirstOrDefault(), s.FirstOrDefault(), t.FirstOrDefault(), listPath, isRoot: false) is { } one)
                {
                    merged.Add(one);
                }
            }
            else if (ElementPaths.IdentityElements.FirstOrDefault(id => ElementPaths.HasUniqueIdentity(a, id) && ElementPaths.HasUniqueIdentity(s, id) && ElementPaths.HasUniqueIdentity(t, id)) is { } identity)
            {
                merged.AddRange(ByKey(a, s, t, listPath, e => e.ChildText(identity)!, orderMatters: true));
            }
            else
            {
                merged.AddRange(ByPosition(a, s, t, listPath));
            }
        }

        return merged;
    }

    /// <summary>Entries matched by key and merged one by one; where order matters, the order is merged as a sequence too.</summary>
    private IEnumerable<XmlNode> ByKey(List<XmlNode> ancestor, List<XmlNode> source, List<XmlNode> target, string path, Func<XmlNode, string> key, bool orderMatters)
    {
        var a = ElementPaths.KeyedEntries(ancestor, key);
        var s = ElementPaths.KeyedEntries(source, key);
        var t = ElementPaths.KeyedEntries(target, key);
        var inAncestor = a.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var inSource = s.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var inTarget = t.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var targetOrder = t.Select(e => e.Key).ToList();
        var order = orderMatters ? MergedOrder(a.Select(e => e.Key).ToArray(), s.Select(e => e.Key).ToArray(), targetOrder.ToArray(), path) : targetOrder;
        var keys = OrderedUnion(order, s.Select(e => e.Key).ToList());
        keys.AddRange(a.Select(e => e.Key).Where(k => !inSource.ContainsKey(k) && !inTarget.ContainsKey(k)));
        foreach (var k in keys)
        {
            inAncestor.TryGetValue(k, out var was);
            inSource.TryGetValue(k, out var fromSource);
            inTarget.TryGetValue(k, out var fromTarget);
            if (Node(was, fromSource, fromTarget, path + "[" + k + "]", isRoot: false) is { } merged)
            {
                yield return merged;
            }
        }
    }

    /// <summary>The order of a list whose entries have names: moves and insertions on one side are kept, crossing ones conflict.</summary>
    private List<string> MergedOrder(string[] ancestor, string[] source, string[] target, string path)
    {
        var order = new List<string>();
        foreach (var hunk in Diff3.Merge(ancestor, source, target))
        {
            if (hunk.Conflict)
            {
                var r = hunk.Ranges;
                _conflicts.Add(new MergeConflict(path + " (order)", string.Join(", ", r.In(ancestor, MergeSide.Base)), string.Join(", ", r.In(source, MergeSide.Source)), string.Join(", ", r.In(target, MergeSide.Target))));
            }

            order.AddRange(hunk.Resolved(source, target, _onConflict));
        }

        return order;
    }

    /// <summary>A list without names (layout items, value-less entries): merged as a sequence of whole entries.</summary>
    private List<XmlNode> ByPosition(List<XmlNode> ancestor, List<XmlNode> source, List<XmlNode> target, string path)
    {
        var hunks = Diff3.Merge(ancestor.Select(Canonical).ToArray(), source.Select(Canonical).ToArray(), target.Select(Canonical).ToArray());
        var merged = new List<XmlNode>();
        foreach (var hunk in hunks)
        {
            var r = hunk.Ranges;
            var at = path + "[" + (r.BaseStart + 1) + (r.BaseEnd - r.BaseStart > 1 ? "-" + r.BaseEnd : string.Empty) + "]";
            if (hunk.Conflict)
            {
                _conflicts.Add(new MergeConflict(at, Flatten(r.In(ancestor, MergeSide.Base)), Flatten(r.In(source, MergeSide.Source)), Flatten(r.In(target, MergeSide.Target))));
            }
            else if (hunk.TakenFrom != MergeSide.Base)
            {
                _taken.Add(new MergedElement(at, hunk.TakenFrom, removed: r.Length(hunk.TakenFrom) == 0));
            }

            merged.AddRange(hunk.Resolved(source, target, _onConflict));
        }

        return merged;
    }

    private XmlNode MergedAttributes(XmlNode ancestor, XmlNode source, XmlNode target, string path)
    {
        if (SameAttributes(source, target) || SameAttributes(ancestor, source))
        {
            return target;
        }

        if (!SameAttributes(ancestor, target))
        {
            _conflicts.Add(new MergeConflict(path + "/@", Attributes(ancestor), Attributes(source), Attributes(target)));
            return _onConflict == MergeSide.Source ? source : target;
        }

        return source;
    }

    private XmlNode? Conflict(string path, XmlNode? ancestor, XmlNode? source, XmlNode? target)
    {
        _conflicts.Add(new MergeConflict(path, Flatten(ancestor), Flatten(source), Flatten(target)));
        return _onConflict == MergeSide.Source ? source : target;
    }

    private static List<string> Names(IEnumerable<XmlNode> children) => children.Select(c => c.Name).Distinct(StringComparer.Ordinal).ToList();

    private static bool SameAttributes(XmlNode a, XmlNode b) => Attributes(a) == Attributes(b);

    private static string Attributes(XmlNode node) => string.Join(" ", node.Attributes.Select(a => a.Key + "=" + a.Value));

    private static string? Flatten(XmlNode? node) => node is null ? null : ElementPaths.Flatten(node);

    private static string? Flatten(IEnumerable<XmlNode> entries) =>
        entries.Any() ? string.Join("; ", entries.Select(ElementPaths.Flatten)) : null;

    /// <summary>An entry as text that is equal exactly when the entries say the same: what the sequence merge compares.</summary>
    private static string Canonical(XmlNode node)
    {
        var text = new StringBuilder();
        Append(text, node);
        return text.ToString();

        static void Append(StringBuilder text, XmlNode node)
        {
            text.Append('<').Append(node.Name);
            foreach (var attribute in node.Attributes)
            {
                text.Append(' ').Append(attribute.Key).Append("=\"").Append(attribute.Value).Append('"');
            }

            text.Append('>');
            if (node.Children.Count == 0)
            {
                text.Append(node.Text.Replace("<", "&lt;"));
            }

            foreach (var child in node.Children)
            {
                Append(text, child);
            }

            text.Append("</").Append(node.Name).Append('>');
        }
    }
}
