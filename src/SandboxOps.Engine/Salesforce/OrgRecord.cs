using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace SandboxOps.Engine.Salesforce;

/// <summary>A REST record as plain values: its fields by name, relationship fields nested, the attributes dropped.</summary>
internal static class OrgRecord
{
    public static IReadOnlyDictionary<string, object?> Fields(JsonElement record) =>
        record.EnumerateObject().Where(p => p.Name != "attributes").ToDictionary(p => p.Name, p => Value(p.Value));

    private static object? Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.TryGetInt64(out var whole) ? whole : value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Object => Fields(value),
        _ => null,
    };
}
