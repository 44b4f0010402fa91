using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SandboxOps.Simulator;

/// <summary>
/// An org's records for the REST API: objects by name, each a list of JSON records (relationship fields as
/// nested objects), answered to the SOQL the module sends: SELECT fields FROM Object, WHERE conditions joined
/// by AND (=, !=, LIKE, IN, NOT IN on text, true/false and null), ORDER BY one field, LIMIT.
/// </summary>
public sealed partial class SimulatedRecords
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<JsonObject>> _objects = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, long> _counts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads {"Object": [records], "recordCounts": {"Object": n}} (counts stand in for records not listed).</summary>
    public static SimulatedRecords Load(string? file)
    {
        return file is null ? new SimulatedRecords() : FromJson(File.ReadAllText(file));
    }

    private static SimulatedRecords FromJson(string json)
    {
        var records = new SimulatedRecords();
        var root = JsonNode.Parse(json)!.AsObject();
        foreach (var (name, value) in root)
        {
            if (name == "recordCounts")
            {
                foreach (var (objectName, count) in value!.AsObject())
                {
                    records._counts[objectName] = count!.GetValue<long>();
                }

                continue;
            }

            records._objects[name] = value!.AsArray().Select(r => r!.AsObject()).ToList();
        }

        return records;
    }

    /// <summary>The records as the data file holds them (what a sandbox copy of this org receives).</summary>
    public string ToJson()
    {
        lock (_gate)
        {
            var root = new JsonObject();
            foreach (var (name, list) in _objects)
            {
                root[name] = new JsonArray(list.Select(r => (JsonNode)r.DeepClone()).ToArray());
            }

            root["recordCounts"] = new JsonObject(_counts.Select(c => new KeyValuePair<string, JsonNode?>(c.Key, c.Value)));
            return root.ToJsonString();
        }
    }

    /// <summary>Replaces every record with the ones of a data file's JSON.</summary>
    public void Replace(string json, Func<string, JsonObject, JsonObject> adjust)
    {
        var loaded = FromJson(json);
        lock (_gate)
        {
            _objects.Clear();
            _counts.Clear();
            foreach (var (name, list) in loaded._objects)
            {
                _objects[name] = list.Select(r => adjust(name, r)).ToList();
            }

            foreach (var (name, count) in loaded._counts)
            {
                _counts[name] = count;
            }
        }
    }

    /// <summary>Replaces the records of one object.</summary>
    public void Set(string objectName, IEnumerable<JsonObject> records)
    {
        lock (_gate)
        {
            _objects[objectName] = records.ToList();
        }
    }

    public void Add(string objectName, JsonObject record)
    {
        lock (_gate)
        {
            if (!_objects.TryGetValue(objectName, out var list))
            {
                _objects[objectName] = list = new List<JsonObject>();
            }

            list.Add(record);
        }
    }

    /// <summary>The records of an object, live (callers change them under <see cref="Change"/>).</summary>
    public IReadOnlyList<JsonObject> All(string objectName)
    {
        lock (_gate)
        {
            return _objects.TryGetValue(objectName, out var list) ? list.ToList() : new List<JsonObject>();
        }
    }

    public void Change(Action change)
    {
        lock (_gate)
        {
            change();
        }
    }

    public long Count(string objectName)
    {
        lock (_gate)
        {
            return _counts.TryGetValue(objectName, out var count) ? count : _objects.TryGetValue(objectName, out var list) ? list.Count : 0;
        }
    }

    /// <summary>Sets fields of a record; false when no record has that id.</summary>
    public bool Update(string objectName, string id, JsonObject fields)
    {
        lock (_gate)
        {
            var record = _objects.TryGetValue(objectName, out var list) ? list.FirstOrDefault(r => (string?)r["Id"] == id) : null;
            if (record is null)
            {
                return false;
            }

            foreach (var (name, value) in fields)
            {
                record[name] = value?.DeepClone();
            }

            return true;
        }
    }

    /// <summary>The fields an object's records have (what its describe would list), empty when it has no records.</summary>
    public HashSet<string> FieldsOf(string objectName) =>
        new(All(objectName).SelectMany(r => r.Select(p => p.Key)), StringComparer.OrdinalIgnoreCase);

    /// <summary>The object and fields a SELECT names; a null object when it is not a query this simulator reads.</summary>
    public static (string? Object, List<string> Fields) Shape(string soql)
    {
        var match = QueryShape().Match(soql.Trim());
        return match.Success ? (match.Groups["object"].Value, match.Groups["fields"].Value.Split(',').Select(f => f.Trim()).ToList()) : (null, new List<string>());
    }

    /// <summary>The records a query selects, projected to its fields (none for SELECT COUNT(), which counts them); null when the query is not one this simulator reads.</summary>
    public List<JsonObject>? Query(string soql, string version)
    {
        var match = QueryShape().Match(soql.Trim());
        if (!match.Success)
        {
            return null;
        }

        var fields = match.Groups["fields"].Value.Split(',').Select(f => f.Trim()).Where(f => !f.Equals("COUNT()", StringComparison.OrdinalIgnoreCase)).ToList();
        var objectName = match.Groups["object"].Value;
        var conditions = match.Groups["where"].Success ? Regex.Split(match.Groups["where"].Value, @"\s+AND\s+", RegexOptions.IgnoreCase).Select(Condition.Parse).ToList() : new List<Condition?>();
        if (conditions.Any(c => c is null))
        {
            return null;
        }

        IEnumerable<JsonObject> selected = All(objectName).Where(r => conditions.All(c => c!.Holds(r)));
        if (match.Groups["order"].Success)
        {
            var key = match.Groups["order"].Value;
            selected = match.Groups["desc"].Success
                ? selected.OrderByDescending(r => Text(Get(r, key)), StringComparer.Ordinal)
                : selected.OrderBy(r => Text(Get(r, key)), StringComparer.Ordinal);
        }

        if (match.Groups["limit"].Success)
        {
            selected = selected.Take(int.Parse(match.Groups["limit"].Value, CultureInfo.InvariantCulture));
        }

        return selected.Select(r => Project(r, objectName, fields, version)).ToList();
    }

    private static JsonObject Project(JsonObject record, string objectName, List<string> fields, string version)
    {
        var projected = new JsonObject { ["attributes"] = new JsonObject { ["type"] = objectName, ["url"] = $"/services/data/v{version}/sobjects/{objectName}/{(string?)record["Id"]}" } };
        foreach (var field in fields)
        {
            Put(projected, record, field.Split('.'), 0);
        }

        return projected;
    }

    /// <summary>Copies one field path into the projection, a relationship as a nested record (null when it is empty).</summary>
    private static void Put(JsonObject target, JsonObject source, string[] parts, int at)
    {
        var key = NameIn(source, parts[at]) ?? parts[at];
        var value = Member(source, parts[at]);
        if (at == parts.Length - 1)
        {
            target[key] = value?.DeepClone();
            return;
        }

        if (value is not JsonObject nestedSource)
        {
            target[key] = null;
            return;
        }

        if (target[key] is not JsonObject nested)
        {
            target[key] = nested = new JsonObject { ["attributes"] = new JsonObject { ["type"] = key } };
        }

        Put(nested, nestedSource, parts, at + 1);
    }

    public static JsonNode? Get(JsonObject record, string path)
    {
        JsonNode? node = record;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o ? Member(o, part) : null;
        }

        return node;
    }

    private static JsonNode? Member(JsonObject record, string name) => NameIn(record, name) is { } key ? record[key] : null;

    private static string? NameIn(JsonObject record, string name) => record.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));

    private static string? Text(JsonNode? node) => node is JsonValue value ? value.ToJsonString().Trim('"') : null;

    [GeneratedRegex(@"^SELECT\s+(?<fields>.+?)\s+FROM\s+(?<object>\w+)(\s+WHERE\s+(?<where>.+?))?(\s+ORDER\s+BY\s+(?<order>[\w.]+)(\s+(ASC|(?<desc>DESC)))?)?(\s+LIMIT\s+(?<limit>\d+))?$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex QueryShape();

    /// <summary>One condition of a WHERE clause.</summary>
    private sealed partial class Condition
    {
        private readonly string _field;
        private readonly string _operator;
        private readonly List<string?> _values;

        private Condition(string field, string op, List<string?> values)
        {
            _field = field;
            _operator = op.ToUpperInvariant();
            _values = values;
        }

        public static Condition? Parse(string text)
        {
            var match = Shape().Match(text.Trim());
            if (!match.Success)
            {
                return null;
            }

            var raw = match.Groups["value"].Value.Trim();
            var values = raw.StartsWith('(')
                ? raw.Trim('(', ')').Split(',').Select(v => Literal(v.Trim())).ToList()
                : new List<string?> { Literal(raw) };
            return new Condition(match.Groups["field"].Value, Regex.Replace(match.Groups["op"].Value, @"\s+", " "), values);
        }

        public bool Holds(JsonObject record)
        {
            var actual = Text(Get(record, _field));
            return _operator switch
            {
                "=" => Equal(actual, _values[0]),
                "!=" => !Equal(actual, _values[0]),
                "IN" => _values.Any(v => Equal(actual, v)),
                "NOT IN" => !_values.Any(v => Equal(actual, v)),
                "LIKE" => actual is not null && Regex.IsMatch(actual, "^" + Regex.Escape(_values[0] ?? string.Empty).Replace("%", ".*").Replace("_", ".") + "$", RegexOptions.IgnoreCase),
                _ => false,
            };
        }

        private static bool Equal(string? actual, string? expected) => string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase);

        private static string? Literal(string text) =>
            text.Equals("null", StringComparison.OrdinalIgnoreCase) ? null : text.StartsWith('\'') ? text[1..^1].Replace("\\'", "'") : text;

        [GeneratedRegex(@"^(?<field>[\w.]+)\s*(?<op>!=|=|NOT\s+IN|IN|LIKE)\s*(?<value>.+)$", RegexOptions.IgnoreCase)]
        private static partial Regex Shape();
    }
}
