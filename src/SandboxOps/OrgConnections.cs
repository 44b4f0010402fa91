using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps;

/// <summary>The orgs connected in this process, by alias or username, so that any -Org can name them.</summary>
internal static class OrgConnections
{
    private static readonly ConcurrentDictionary<string, OrgConnection> ByName = new(StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<OrgConnection> All => ByName.Values.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();

    public static void Add(OrgConnection connection)
    {
        ByName[connection.Name] = connection;
        if (!string.Equals(connection.Name, connection.Username, StringComparison.OrdinalIgnoreCase))
        {
            ByName.TryRemove(connection.Username, out _); // one entry per org: the alias replaces a bare username
        }
    }

    public static OrgConnection? Find(string name) =>
        ByName.TryGetValue(name, out var connection) ? connection : ByName.Values.FirstOrDefault(c => string.Equals(c.Username, name, StringComparison.OrdinalIgnoreCase));

    public static bool Remove(OrgConnection connection) => ByName.TryRemove(connection.Name, out _);
}
