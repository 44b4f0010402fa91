using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security;
using System.Text;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Registry;
using SandboxOps.Engine.Xml;

namespace SandboxOps.Engine.Packaging;

/// <summary>
/// Reads a package.xml or destructiveChanges.xml (members by type, and the version), and writes them in the standard form: types sorted by name, members
/// sorted, folders listed as members of their content type (a report folder under Report), and a child
/// that cannot be named alone (CustomFieldTranslation) as its parent, which carries it.
/// </summary>
public static class PackageManifest
{
    public static string Write(IEnumerable<ComponentKey> components, string? apiVersion)
    {
        var registry = MetadataTypeRegistry.Default;
        var types = components
            .Where(c => c.Type != MetadataTypeRegistry.UnknownTypeName)
            .Select(c => Addressable(registry, c))
            .Select(c => (Type: registry.FindByName(c.Type)?.ContentTypeName ?? c.Type, Member: c.FullName))
            .GroupBy(c => c.Type, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Package xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n");
        foreach (var type in types)
        {
            xml.Append("    <types>\n");
            foreach (var member in type.Select(c => c.Member).Distinct(StringComparer.Ordinal).OrderBy(m => m, StringComparer.Ordinal))
            {
                xml.Append("        <members>").Append(SecurityElement.Escape(member)).Append("</members>\n");
            }

            xml.Append("        <name>").Append(type.Key).Append("</name>\n    </types>\n");
        }

        if (apiVersion is not null)
        {
            xml.Append("    <version>").Append(apiVersion).Append("</version>\n");
        }

        return xml.Append("</Package>\n").ToString();
    }

    /// <summary>The members a manifest lists (wildcards as they are) and its version; a malformed file or a DTD is an error naming it.</summary>
    public static (List<ComponentKey> Members, string? Version) Read(Stream manifest, string file)
    {
        try
        {
            using var reader = SafeXml.Open(manifest);
            SafeXml.MoveToRoot(reader);
            var root = XmlNode.Read(reader);
            var members = root.Children.Where(t => t.Name == "types")
                .SelectMany(t => t.Children.Where(m => m.Name == "members").Select(m => new ComponentKey(t.ChildText("name")?.Trim() ?? string.Empty, m.Text.Trim())))
                .ToList();
            return (members, root.ChildText("version")?.Trim());
        }
        catch (Exception ex) when (ex is System.Xml.XmlException or ForbiddenDtdException)
        {
            throw new PackageException(FailureKind.InvalidData, "MalformedManifest", $"'{file}' is not a manifest that can be read: {ex.Message} Write it again (New-DeploymentPackage writes one).", ex);
        }
    }

    private static ComponentKey Addressable(MetadataTypeRegistry registry, ComponentKey key)
    {
        if (registry.FindChild(key.Type) is not { Addressable: false, NameIncludesParent: true })
        {
            return key;
        }

        var dot = key.FullName.IndexOf('.');
        return new ComponentKey(registry.FindParentOfChild(key.Type)!.Name, dot < 0 ? key.FullName : key.FullName.Substring(0, dot));
    }
}
