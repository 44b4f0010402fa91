using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
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
    private const int MaxValueLength = 200;
    private static readonly string[] IdentityElements = { "fullName", "name" };
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
        var sourceChildren = Children(source, isRoot);
        var targetChildren = Children(target, isRoot);
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
                CompareByKey(left, right, Join(path, name), e => string.Join("|", keyElements.Select(k => e.ChildText(k)).Where(v => !string.IsNullOrEmpty(v))), changes);
            }
            else if (left.Count <= 1 && right.Count <= 1)
            {
                CompareSingle(left.FirstOrDefault(), right.FirstOrDefault(), Join(path, name), changes);
            }
            else
            {
                CompareList(left, right, Join(path, name), changes);
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
            changes.Add(new ElementChange(path, ChangeKind.Added, null, Flatten(source)));
        }
        else if (target is not null)
        {
            changes.Add(new ElementChange(path, ChangeKind.Removed, Flatten(target), null));
        }
    }

    private static void CompareByKey(List<XmlNode> source, List<XmlNode> target, string path, Func<XmlNode, string> key, List<ElementChange> changes)
    {
        var sourceByKey = Index(source, key);
        var targetByKey = Index(target, key);
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
        var identity = IdentityElements.FirstOrDefault(id => HasUniqueIdentity(source, id) && HasUniqueIdentity(target, id));
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

    private static bool HasUniqueIdentity(List<XmlNode> entries, string identity)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return entries.All(e => e.ChildText(identity) is { Length: > 0 } id && seen.Add(id));
    }

    private static Dictionary<string, XmlNode> Index(List<XmlNode> entries, Func<XmlNode, string> key)
    {
        var index = new Dictionary<string, XmlNode>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var k = key(entries[i]);
            index[index.ContainsKey(k) ? k + "#" + (i + 1) : k] = entries[i];
        }

        return index;
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

    private static IReadOnlyList<XmlNode> Children(XmlNode node, bool isRoot) =>
        isRoot ? node.Children.Where(c => c.Name != "fullName").ToList() : node.Children;

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "/" + name;

    /// <summary>A one-line rendering of an element for Before/After: its text, or name=value pairs.</summary>
    private static string Flatten(XmlNode node)
    {
        if (node.Children.Count == 0)
        {
            return node.Text;
        }

        var text = new StringBuilder();
        Append(text, node);
        return text.Length > MaxValueLength ? text.ToString(0, MaxValueLength - 3) + "..." : text.ToString();
    }

    private static void Append(StringBuilder text, XmlNode node)
    {
        for (var i = 0; i < node.Children.Count && text.Length <= MaxValueLength; i++)
        {
            var child = node.Children[i];
            if (i > 0)
            {
                text.Append(", ");
            }

            text.Append(child.Name).Append('=');
            if (child.Children.Count == 0)
            {
                text.Append(child.Text);
            }
            else
            {
                text.Append('{');
                Append(text, child);
                text.Append('}');
            }
        }
    }
}
