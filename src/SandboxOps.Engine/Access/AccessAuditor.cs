using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Salesforce;
using SandboxOps.Engine.Xml;
using XmlException = System.Xml.XmlException;
using XmlNodeType = System.Xml.XmlNodeType;

namespace SandboxOps.Engine.Access;

/// <summary>
/// Who can change an environment, or read everything in it: from profiles, permission sets and permission set groups
/// (their muting permission sets taken off) read from metadata, or, for a live org, from the permission set
/// assignments of its active users (a profile is a permission set Salesforce owns for it, and a group one whose
/// permissions are the group's with muting applied, so one REST query says what each user holds and through what).
/// </summary>
public sealed class AccessAuditor
{
    /// <summary>The user permissions that let a person change an environment or read everything in it.</summary>
    public static readonly IReadOnlyList<string> Capabilities = new[]
    {
        "ModifyAllData", "ViewAllData", "CustomizeApplication", "ModifyMetadata", "AuthorApex", "ManageUsers",
        "ManageProfilesPermissionsets", "AssignPermissionSets", "ManageSandboxes", "ManageDevSandboxes", "ApiEnabled", "ViewSetup",
    };

    /// <summary>The metadata an offline audit reads.</summary>
    public static readonly IReadOnlyList<string> TypesRead = new[] { "Profile", "PermissionSet", "PermissionSetGroup", "MutingPermissionSet" };

    private readonly EngineContext _context;

    public AccessAuditor(EngineContext context)
    {
        _context = context;
    }

    /// <summary>Each profile, permission set and group of the source, with each capability it grants.</summary>
    public IReadOnlyList<AccessGrant> FromMetadata(MetadataSource source, string environment, IReadOnlyCollection<string> capabilities)
    {
        // Only the entries that grant or group permissions are kept of each file: a large org's profiles are mostly
        // field permissions, which an access audit streams past instead of building them.
        var reader = new MetadataReader(_context);
        var units = reader.Index(source).Units.Where(u => TypesRead.Contains(u.TypeName, StringComparer.Ordinal)).ToList();
        var trees = new Dictionary<ComponentKey, XmlNode>();
        var read = OrderedParallel.Map(units, u => (Key: new ComponentKey(u.TypeName, u.FullName), Tree: PermissionEntries(source, u)), source.FileSystem.SupportsConcurrentReads ? Environment.ProcessorCount : 1, _context.Cancellation);
        foreach (var (key, tree) in read)
        {
            if (trees.TryGetValue(key, out var earlier))
            {
                earlier.AddRange(tree.Children); // a component split over package folders
            }
            else
            {
                trees[key] = tree;
            }
        }

        var grants = new List<AccessGrant>();
        foreach (var entry in trees.Where(t => t.Key.Type is "Profile" or "PermissionSet").OrderBy(t => t.Key.Type, StringComparer.Ordinal).ThenBy(t => t.Key.FullName, StringComparer.Ordinal))
        {
            grants.AddRange(Enabled(entry.Value, capabilities).Select(c => new AccessGrant(environment, entry.Key.FullName, entry.Key.Type, c, entry.Key.Type, entry.Key.FullName)));
        }

        foreach (var group in trees.Where(t => t.Key.Type == "PermissionSetGroup").OrderBy(t => t.Key.FullName, StringComparer.Ordinal))
        {
            var muted = new HashSet<string>(Names(group.Value, "mutingPermissionSets").SelectMany(m => trees.TryGetValue(new ComponentKey("MutingPermissionSet", m), out var muting) ? Enabled(muting, capabilities) : Enumerable.Empty<string>()), StringComparer.OrdinalIgnoreCase);
            var held = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var member in Names(group.Value, "permissionSets"))
            {
                if (trees.TryGetValue(new ComponentKey("PermissionSet", member), out var permissionSet))
                {
                    foreach (var capability in Enabled(permissionSet, capabilities).Where(c => !muted.Contains(c) && !held.ContainsKey(c)))
                    {
                        held[capability] = member;
                    }
                }
            }

            grants.AddRange(held.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => new AccessGrant(environment, group.Key.FullName, "PermissionSetGroup", h.Key, "PermissionSetGroup", group.Key.FullName, h.Value)));
        }

        return grants;
    }

    /// <summary>Each active user of the org, with each capability they hold and what grants it.</summary>
    public async Task<IReadOnlyList<AccessGrant>> FromOrgAsync(OrgConnection org, string environment, IReadOnlyCollection<string> capabilities)
    {
        var fields = string.Join(", ", capabilities.Select(c => "PermissionSet.Permissions" + c));
        var soql = $"SELECT Assignee.Username, PermissionSet.Name, PermissionSet.IsOwnedByProfile, PermissionSet.Profile.Name, PermissionSetGroup.DeveloperName, {fields} FROM PermissionSetAssignment WHERE Assignee.IsActive = true";
        var assignments = await new OrgData(org).QueryAsync(soql, _context.Cancellation).ConfigureAwait(false);
        var grants = new List<AccessGrant>();
        foreach (var assignment in assignments)
        {
            var user = Field(assignment, "Assignee", "Username") as string ?? string.Empty;
            var name = Field(assignment, "PermissionSet", "Name") as string ?? string.Empty;
            var (grantorType, grantor) = Field(assignment, "PermissionSet", "IsOwnedByProfile") is true
                ? ("Profile", Field(assignment, "PermissionSet", "Profile", "Name") as string ?? name)
                : Field(assignment, "PermissionSetGroup", "DeveloperName") is string group ? ("PermissionSetGroup", group) : ("PermissionSet", name);
            grants.AddRange(capabilities.Where(c => Field(assignment, "PermissionSet", "Permissions" + c) is true).Select(c => new AccessGrant(environment, user, "User", c, grantorType, grantor)));
        }

        return grants.OrderBy(g => g.Holder, StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Capability, StringComparer.Ordinal).ToList();
    }

    /// <summary>What is held in <paramref name="after"/> and not <paramref name="before"/> (Added), and the other way (Removed).</summary>
    public static IReadOnlyList<AccessChange> Compare(IReadOnlyList<AccessGrant> before, IReadOnlyList<AccessGrant> after)
    {
        static string Key(AccessGrant g) => g.HolderType + "\n" + g.Holder + "\n" + g.Capability;
        var was = new HashSet<string>(before.Select(Key), StringComparer.OrdinalIgnoreCase);
        var now = new HashSet<string>(after.Select(Key), StringComparer.OrdinalIgnoreCase);
        return after.Where(g => !was.Contains(Key(g))).Select(g => new AccessChange("Added", g))
            .Concat(before.Where(g => !now.Contains(Key(g))).Select(g => new AccessChange("Removed", g)))
            .ToList();
    }

    /// <summary>The userPermissions, permissionSets and mutingPermissionSets elements of a component's XML files, under one root.</summary>
    private static XmlNode PermissionEntries(MetadataSource source, ReadUnit unit)
    {
        var root = XmlNode.Create(unit.TypeName);
        foreach (var file in unit.Files)
        {
            try
            {
                using var stream = source.FileSystem.OpenRead(file.Path);
                using var xml = SafeXml.Open(stream);
                SafeXml.MoveToRoot(xml);
                if (!xml.Read())
                {
                    continue;
                }

                while (!xml.EOF)
                {
                    if (xml.NodeType != XmlNodeType.Element)
                    {
                        xml.Read();
                    }
                    else if (xml.LocalName is "userPermissions" or "permissionSets" or "mutingPermissionSets")
                    {
                        root.Add(XmlNode.Read(xml));
                    }
                    else
                    {
                        xml.Skip();
                    }
                }
            }
            catch (Exception ex) when (ex is XmlException or ForbiddenDtdException)
            {
                throw new MetadataSourceException(FailureKind.InvalidData, "MalformedXml", $"'{source.FileSystem.DisplayPath(file.Path)}' is not well-formed XML ({ex.Message}); its {unit.TypeName} cannot be audited. Fix or retrieve it again.", ex);
            }
        }

        return root;
    }

    private static IEnumerable<string> Enabled(XmlNode tree, IReadOnlyCollection<string> capabilities) =>
        tree.Children.Where(c => c.Name == "userPermissions" && c.ChildText("enabled")?.Trim() == "true")
            .Select(c => c.ChildText("name")?.Trim() ?? string.Empty)
            .Where(n => capabilities.Contains(n, StringComparer.OrdinalIgnoreCase));

    private static IEnumerable<string> Names(XmlNode tree, string element) =>
        tree.Children.Where(c => c.Name == element).Select(c => c.Text.Trim()).Where(t => t.Length > 0);

    private static object? Field(IReadOnlyDictionary<string, object?> record, params string[] path)
    {
        object? value = record;
        foreach (var name in path)
        {
            value = value is IReadOnlyDictionary<string, object?> fields && fields.TryGetValue(name, out var next) ? next : null;
        }

        return value;
    }
}
