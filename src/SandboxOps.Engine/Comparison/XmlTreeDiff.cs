using System;
using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Xml;

namespace SandboxOps.Engine.Comparison;

/// <summary>
/// Element-level differences between two canonical trees, as paths such as
/// <c>fieldPermissions[Account.Rating__c]/editable</c>. Keyed lists are matched by key; other repeated
/// elements by their name or fullName when each entry has a unique one, else by position. Order counts
/// in the latter: a reordering is reported as a change of order.
/// </summary>
internal static class XmlTreeDiff
{
    private static readonly IReadOnlyDictionary<string, string[]> NoKeys = new Dictionary<string, string[]>();

    /// <summary>Changes from <paramref name="target"/> to <paramref name="source"/> (Before = target, After = source).</summary>
    public static List<ElementChange> Compare(XmlNode source, XmlNode target, IReadOnlyDictionary<string, string[]> rootKeys, string pathPrefix)
    {
        var changes = new List<ElementChange>();
        CompareNodes(source, target, pathPrefix, rootKeys, isRoot: true, changes);
        return changes;
    }

    private static void CompareNodes(XmlNode source, XmlNode target, string path, IReadOnlyDictionary<string, string[]> keys, bool isRoot, List<ElementChange> changes)
    {
        CompareAttributes(source, target, path, changes);
        var sourceChildren = ElementPaths.Children(source, isRoot);
        var targetChildren = ElementPaths.Children(target, isRoot);
        if (sourceChildren.Count == 0 && targetChildren.Count == 0)
        {
            if (!string.Equals(source.Text, target.Text, StringComparison.Ordinal))
            {
                changes.Add(new ElementChange(path, ChangeKind.Modified, target.Text, source.Text));
            }

            return;
        }

        var names = sourceChildren.Select(c => c.Name).Concat(targetChildren.Select(c => c.Name)).Distinct().OrderBy(n => n, StringComparer.Ordinal);
        foreach (var name in names)
        {
            var left = sourceChildren.Where(c => c.Name == name).ToList();
            var right = targetChildren.Where(c => c.Name == name).ToList();
            if (keys.TryGetValue(name, out var keyElements))
            {
                CompareByKey(left, right, ElementPaths.Join(path, name), e => ElementPaths.KeyOf(e, keyElements), changes);
            }
            else if (left.Count <= 1 && right.Count <= 1)
            {
                CompareSingle(left.FirstOrDefault(), right.FirstOrDefault(), ElementPaths.Join(path, name), changes);
            }
            else
            {
                CompareList(left, right, ElementPaths.Join(path, name), changes);
            }
        }
    }

    private static void CompareSingle(XmlNode? source, XmlNode? target, string path, List<ElementChange> changes)
    {
        if (source is not null && target is not null)
        {
            CompareNodes(source, target, path, NoKeys, isRoot: false, changes);
        }
        else if (source is not null)
        {
            changes.Add(new ElementChange(path, ChangeKind.Added, null, ElementPaths.Flatten(source)));
        }
        else if (target is not null)
        {
            changes.Add(new ElementChange(path, ChangeKind.Removed, ElementPaths.Flatten(target), null));
        }
    }

    private static void CompareByKey(List<XmlNode> source, List<XmlNode> target, string path, Func<XmlNode, string> key, List<ElementChange> changes)
    {
        var sourceByKey = ElementPaths.Index(source, key);
        var targetByKey = ElementPaths.Index(target, key);
        foreach (var k in sourceByKey.Keys.Union(targetByKey.Keys).OrderBy(k => k, StringComparer.Ordinal))
        {
            sourceByKey.TryGetValue(k, out var s);
            targetByKey.TryGetValue(k, out var t);
            CompareSingle(s, t, path + "[" + k + "]", changes);
        }
    }

    /// <summary>Ordered lists: match entries by a unique identity when every entry has one, else by position.</summary>
    private static void CompareList(List<XmlNode> source, List<XmlNode> target, string path, List<ElementChange> changes)
    {
        var identity = ElementPaths.IdentityElements.FirstOrDefault(id => ElementPaths.HasUniqueIdentity(source, id) && ElementPaths.HasUniqueIdentity(target, id));
        if (identity is null)
        {
            for (var i = 0; i < Math.Max(source.Count, target.Count); i++)
            {
                CompareSingle(i < source.Count ? source[i] : null, i < target.Count ? target[i] : null, path + "[" + (i + 1) + "]", changes);
            }

            return;
        }

        string Id(XmlNode n) => n.ChildText(identity)!;
        CompareByKey(source, target, path, Id, changes);
        var common = new HashSet<string>(source.Select(Id).Intersect(target.Select(Id), StringComparer.Ordinal), StringComparer.Ordinal);
        var sourceOrder = source.Select(Id).Where(common.Contains).ToList();
        var targetOrder = target.Select(Id).Where(common.Contains).ToList();
        if (!sourceOrder.SequenceEqual(targetOrder, StringComparer.Ordinal))
        {
            changes.Add(new ElementChange(path, ChangeKind.Reordered, string.Join(", ", targetOrder), string.Join(", ", sourceOrder)));
        }
    }

    private static void CompareAttributes(XmlNode source, XmlNode target, string path, List<ElementChange> changes)
    {
        if (source.Attributes.Count == 0 && target.Attributes.Count == 0)
        {
            return;
        }

        var s = source.Attributes.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        var t = target.Attributes.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        foreach (var name in s.Keys.Union(t.Keys).OrderBy(n => n, StringComparer.Ordinal))
        {
            s.TryGetValue(name, out var after);
            t.TryGetValue(name, out var before);
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                var kind = before is null ? ChangeKind.Added : after is null ? ChangeKind.Removed : ChangeKind.Modified;
                changes.Add(new ElementChange(path + "/@" + name, kind, before, after));
            }
        }
    }
}
