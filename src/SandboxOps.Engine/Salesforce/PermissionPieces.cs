using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Xml;

namespace SandboxOps.Engine.Salesforce;

/// <summary>
/// Profiles and permission sets come back from a retrieve holding only the entries about components of
/// the same request. So they are asked for in every chunk, and the pieces are merged: the union of their
/// entries, each once.
/// </summary>
internal static class PermissionPieces
{
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal) { "Profile", "PermissionSet", "MutingPermissionSet" };
    private static readonly string[] Folders = { "profiles/", "permissionsets/", "mutingpermissionsets/" };

    public static bool IsPermissions(ComponentKey member) => Types.Contains(member.Type);

    public static bool IsPermissionsFile(string path) => Folders.Any(f => path.StartsWith(f, StringComparison.Ordinal));

    /// <summary>The piece added to what earlier chunks brought: entries not there yet are appended.</summary>
    public static byte[] Merge(byte[] existing, byte[] piece)
    {
        var whole = Load(existing);
        var seen = new HashSet<string>(whole.Root!.Elements().Select(e => e.ToString(SaveOptions.DisableFormatting)), StringComparer.Ordinal);
        foreach (var entry in Load(piece).Root!.Elements())
        {
            if (seen.Add(entry.ToString(SaveOptions.DisableFormatting)))
            {
                whole.Root.Add(entry);
            }
        }

        return Encoding.UTF8.GetBytes((whole.Declaration?.ToString() ?? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>") + "\n" + whole.Root + "\n");
    }

    private static XDocument Load(byte[] bytes)
    {
        using var reader = SafeXml.Open(new MemoryStream(bytes));
        return XDocument.Load(reader);
    }
}
