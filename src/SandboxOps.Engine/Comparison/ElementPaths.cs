using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using SandboxOps.Engine.Xml;

namespace SandboxOps.Engine.Comparison;

/// <summary>
/// How elements are named in paths such as <c>fieldPermissions[Account.Rating__c]/editable</c>, shared by the
/// compare and the merge so that a merge conflict names exactly what Compare-OrgMetadata reports.
/// </summary>
internal static class ElementPaths
{
    private const int MaxValueLength = 200;

    /// <summary>The elements that name an entry of an ordered list, when every entry has a unique one.</summary>
    public static readonly string[] IdentityElements = { "fullName", "name" };

    /// <summary>The key of a keyed-list entry: its key elements' values, joined.</summary>
    public static string KeyOf(XmlNode entry, string[] keyElements) =>
        string.Join("|", keyElements.Select(k => entry.ChildText(k)).Where(v => !string.IsNullOrEmpty(v)));

    public static bool HasUniqueIdentity(List<XmlNode> entries, string identity)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return entries.All(e => e.ChildText(identity) is { Length: > 0 } id && seen.Add(id));
    }

    public static Dictionary<string, XmlNode> Index(List<XmlNode> entries, Func<XmlNode, string> key) =>
        KeyedEntries(entries, key).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    /// <summary>Entries with their keys, in list order; a key met again is told apart by its position (<c>key#3</c>).</summary>
    public static List<KeyValuePair<string, XmlNode>> KeyedEntries(List<XmlNode> entries, Func<XmlNode, string> key)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var keyed = new List<KeyValuePair<string, XmlNode>>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var k = key(entries[i]);
            keyed.Add(new KeyValuePair<string, XmlNode>(seen.Add(k) ? k : k + "#" + (i + 1), entries[i]));
        }

        return keyed;
    }

    public static IReadOnlyList<XmlNode> Children(XmlNode node, bool isRoot) =>
        isRoot ? node.Children.Where(c => c.Name != "fullName").ToList() : node.Children;

    public static string Join(string path, string name) => path.Length == 0 ? name : path + "/" + name;

    /// <summary>A one-line rendering of an element for Before/After: its text, or name=value pairs.</summary>
    public static string Flatten(XmlNode node)
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
