using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Xml;

namespace SandboxOps.Engine.Gates;

/// <summary>
/// The components a component names explicitly and cannot deploy without: fields, record types, objects, classes,
/// pages, layouts, tabs, custom permissions and apps of a profile or permission set; the fields of a layout, list
/// view, compact layout or flow; the custom fields a validation rule's formula names; a custom field's object.
/// Only this org's own custom names are returned: standard names and a managed package's (a namespace prefix) are
/// there whatever the package carries.
/// </summary>
internal static class ComponentReferences
{
    private static readonly HashSet<string> Suffixes = new(StringComparer.OrdinalIgnoreCase) { "c", "mdt", "e", "b", "x", "kav", "pc" };
    private static readonly Regex FormulaField = new(@"(?<![\w.$])([A-Za-z][A-Za-z0-9_]*__c)\b", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Each component named, with the element that names it.</summary>
    public static IEnumerable<(ComponentKey Key, string Where)> Of(MetadataComponent component, XmlNode tree)
    {
        var objectName = ObjectOf(component);
        return component.Type switch
        {
            "Profile" or "PermissionSet" => OfPermissions(tree),
            "Layout" => Fields(objectName, tree, "field", "layoutItems"),
            "ListView" => Fields(objectName, tree, "columns", "columns").Concat(Fields(objectName, tree, "field", "filters")),
            "CompactLayout" => Fields(objectName, tree, "fields", "fields"),
            "ValidationRule" => OfFormula(objectName, tree),
            "CustomField" when IsCustom(objectName) => new[] { (new ComponentKey("CustomObject", objectName), "its object") },
            "Flow" => OfFlow(tree),
            _ => Enumerable.Empty<(ComponentKey, string)>(),
        };
    }

    /// <summary>An API name of this org's own: a name and a custom suffix (Invoice__c, Rate__mdt), not a managed package's ns__Invoice__c.</summary>
    public static bool IsCustom(string name)
    {
        var at = name.IndexOf("__", StringComparison.Ordinal);
        return at > 0 && Suffixes.Contains(name.Substring(at + 2));
    }

    private static IEnumerable<(ComponentKey, string)> OfPermissions(XmlNode tree)
    {
        foreach (var entry in tree.Children)
        {
            var named = entry.Name switch
            {
                "fieldPermissions" => Field(entry.ChildText("field")),
                "objectPermissions" => Custom("CustomObject", entry.ChildText("object")),
                "recordTypeVisibilities" => Key("RecordType", entry.ChildText("recordType")),
                "classAccesses" => Key("ApexClass", entry.ChildText("apexClass")),
                "pageAccesses" => Key("ApexPage", entry.ChildText("apexPage")),
                "customPermissions" => Key("CustomPermission", entry.ChildText("name")),
                "tabVisibilities" => Tab(entry.ChildText("tab")),
                "applicationVisibilities" => Application(entry.ChildText("application")),
                "layoutAssignments" => CustomLayout(entry.ChildText("layout")),
                _ => null,
            };
            if (named is { } key && !IsManaged(key.FullName))
            {
                yield return (key, entry.Name);
            }

            if (entry.Name == "layoutAssignments" && Key("RecordType", entry.ChildText("recordType")) is { } recordType)
            {
                yield return (recordType, entry.Name);
            }
        }
    }

    /// <summary>The custom fields named by <paramref name="element"/> elements under <paramref name="section"/> elements (or the root's own).</summary>
    private static IEnumerable<(ComponentKey, string)> Fields(string objectName, XmlNode tree, string element, string section)
    {
        foreach (var node in Descendants(tree).Where(n => n.Name == element && n.Children.Count == 0))
        {
            var name = node.Text.Trim();
            var field = name.Contains('.') ? name : objectName + "." + name;
            if (Field(field) is { } key)
            {
                yield return (key, section);
            }
        }
    }

    private static IEnumerable<(ComponentKey, string)> OfFormula(string objectName, XmlNode tree)
    {
        var formula = tree.ChildText("errorConditionFormula") ?? string.Empty;
        var named = FormulaField.Matches(formula).Cast<Match>().Select(m => m.Groups[1].Value);
        if (tree.ChildText("errorDisplayField") is { Length: > 0 } display)
        {
            named = named.Append(display);
        }

        return named.Distinct(StringComparer.OrdinalIgnoreCase).Select(f => Field(objectName + "." + f)).OfType<ComponentKey>().Select(k => (k, "its formula"));
    }

    /// <summary>The objects a flow's record elements name, and the fields they assign, filter on or query.</summary>
    private static IEnumerable<(ComponentKey, string)> OfFlow(XmlNode tree)
    {
        foreach (var element in Descendants(tree).Where(n => n.ChildText("object") is { Length: > 0 }))
        {
            var objectName = element.ChildText("object")!.Trim();
            if (Custom("CustomObject", objectName) is { } objectKey)
            {
                yield return (objectKey, element.Name);
            }

            var fields = Descendants(element).Where(n => n.Name is "field" or "queriedFields" && n.Children.Count == 0).Select(n => n.Text.Trim());
            foreach (var key in fields.Select(f => Field(objectName + "." + f)).OfType<ComponentKey>())
            {
                yield return (key, element.Name);
            }
        }
    }

    private static string ObjectOf(MetadataComponent component)
    {
        var separator = component.Type == "Layout" ? '-' : '.';
        var at = component.FullName.IndexOf(separator);
        return at < 0 ? component.FullName : component.FullName.Substring(0, at);
    }

    private static ComponentKey? Field(string? name)
    {
        var dot = name?.IndexOf('.') ?? -1;
        return dot > 0 && IsCustom(name!.Substring(dot + 1)) && name.EndsWith("__c", StringComparison.OrdinalIgnoreCase) ? new ComponentKey("CustomField", name) : null;
    }

    private static ComponentKey? Custom(string type, string? name) => name is not null && IsCustom(name) ? new ComponentKey(type, name) : null;

    private static ComponentKey? Key(string type, string? name) => string.IsNullOrWhiteSpace(name) ? null : new ComponentKey(type, name!.Trim());

    /// <summary>A layout of a custom object: a standard object's layouts are made with the org, and a retrieve need not hold them.</summary>
    private static ComponentKey? CustomLayout(string? name) => name?.IndexOf('-') is > 0 and var dash && IsCustom(name.Substring(0, dash)) ? Key("Layout", name) : null;

    private static ComponentKey? Tab(string? name) => name is null || name.StartsWith("standard-", StringComparison.Ordinal) ? null : Key("CustomTab", name);

    private static ComponentKey? Application(string? name) => name is null || name.StartsWith("standard__", StringComparison.Ordinal) ? null : Key("CustomApplication", name);

    /// <summary>A managed package's component (ns__Name, ns__Object__c.ns__Field__c): it comes with its package.</summary>
    private static bool IsManaged(string fullName) =>
        fullName.Split('.', '-').Any(part => part.IndexOf("__", StringComparison.Ordinal) is var at && at > 0 && !Suffixes.Contains(part.Substring(at + 2)));

    private static IEnumerable<XmlNode> Descendants(XmlNode node)
    {
        foreach (var child in node.Children)
        {
            yield return child;
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }
}
