using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps.Engine.Pipelines;

/// <summary>
/// Reads and writes pipeline files (JSON; <c>SandboxOps.pipeline.schema.json</c> in the module describes them for
/// editors). Reading checks everything the schema says and what it cannot (links name environments that exist,
/// names are unique, rules parse) and reports every problem at once, each with its line and JSON path.
/// </summary>
public static class PipelineFile
{
    /// <summary>The schema's file name; a <c>$schema</c> that names another schema is refused.</summary>
    public const string SchemaFileName = "SandboxOps.pipeline.schema.json";

    private static readonly string[] RootProperties = { "$schema", "name", "namingConvention", "repository", "environments", "promotions", "backPromotions", "access", "refresh" };
    private static readonly string[] EnvironmentProperties = { "name", "type", "role", "location", "owner", "description", "expectedDrift", "sandboxName", "lastRefresh", "postRefresh", "masking" };

    public static SandboxPipeline Read(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new PipelineFileException(FailureKind.NotFound, "FileNotFound", $"The pipeline file '{full}' does not exist. New-SandboxPipeline writes one.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PipelineFileException(FailureKind.Unreadable, "FileUnreadable", $"Cannot read the pipeline file '{full}': {ex.Message}", ex);
        }

        return Parse(bytes, full, System.IO.Path.GetDirectoryName(full)!);
    }

    /// <summary>Reads a pipeline from JSON; relative locations are resolved against <paramref name="folder"/>.</summary>
    public static SandboxPipeline Parse(byte[] utf8, string file, string folder)
    {
        var root = JsonAt.Parse(utf8, file, "pipeline file", "New-SandboxPipeline", (reason, message, cause) => new PipelineFileException(FailureKind.InvalidData, reason, message, cause));
        var reading = new Reading(file, folder);
        var pipeline = reading.Pipeline(root);
        if (reading.Errors.Count > 0)
        {
            throw new PipelineFileException(FailureKind.InvalidData, "InvalidPipeline", $"The pipeline file has {reading.Errors.Count} problem(s); nothing was done:" + Environment.NewLine + string.Join(Environment.NewLine, reading.Errors.Select(e => "  " + e)));
        }

        return pipeline!;
    }

    /// <summary>The file's JSON: properties in the schema's order, locations as written, indented for reviews.</summary>
    public static byte[] ToJson(SandboxPipeline pipeline, string? schema) => IndentedJson.Bytes(
        json =>
        {
            json.WriteStartObject();
            if (schema is not null)
            {
                json.WriteString("$schema", schema);
            }

            json.WriteString("name", pipeline.Name);
            if (pipeline.NamingConvention is { } naming)
            {
                json.WriteStartObject("namingConvention");
                json.WriteString("pattern", naming.Pattern);
                WriteOptional(json, "description", naming.Description);
                json.WriteEndObject();
            }

            if (pipeline.Repository is { } repository)
            {
                json.WriteStartObject("repository");
                json.WriteString("path", repository.Location);
                WriteOptional(json, "branch", repository.Branch);
                json.WriteEndObject();
            }

            json.WriteStartArray("environments");
            foreach (var environment in pipeline.Environments)
            {
                WriteEnvironment(json, environment);
            }

            json.WriteEndArray();
            WriteLinks(json, "promotions", pipeline.Promotions);
            WriteLinks(json, "backPromotions", pipeline.BackPromotions);
            if (pipeline.Access.Count > 0)
            {
                json.WriteStartArray("access");
                foreach (var rule in pipeline.Access)
                {
                    json.WriteStartObject();
                    WriteStrings(json, "capabilities", rule.Capabilities);
                    WriteStrings(json, "roles", rule.Roles.Select(r => r.ToString()));
                    WriteStrings(json, "allow", rule.Allow.Select(a => a.ToString()));
                    WriteOptional(json, "reason", rule.Reason);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            if (pipeline.Refresh.Objects.Count > 0 || pipeline.Refresh.RecordsPerMinute != RefreshSettings.DefaultRecordsPerMinute)
            {
                json.WriteStartObject("refresh");
                WriteStrings(json, "objects", pipeline.Refresh.Objects);
                json.WriteNumber("recordsPerMinute", pipeline.Refresh.RecordsPerMinute);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        },
        plainText: true);

    /// <summary>Writes the file aside and moves it into place, so a reader never sees half of it.</summary>
    public static void Write(SandboxPipeline pipeline, string destination, string? schema, bool overwrite)
    {
        var full = System.IO.Path.GetFullPath(destination);
        if (File.Exists(full) && !overwrite)
        {
            throw new PipelineFileException(FailureKind.AlreadyExists, "FileExists", $"'{full}' already exists. Give another -Destination, or -Force to replace it.");
        }

        StagedOutput.WriteFile(full, ToJson(pipeline, schema), overwrite);
    }

    /// <summary>What a location written in the file opens: org:alias as it is, a path against the file's folder (path@revision kept).</summary>
    public static string Resolve(string location, string folder)
    {
        if (location.StartsWith(OrgConnection.SourcePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return location;
        }

        string Full(string path) => System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, path));
        var (path, revision) = MetadataSource.SplitRevision(location, p => File.Exists(Full(p)) || Directory.Exists(Full(p)));
        return revision is null ? Full(path) : Full(path) + "@" + revision;
    }

    private static void WriteEnvironment(Utf8JsonWriter json, PipelineEnvironment environment)
    {
        json.WriteStartObject();
        json.WriteString("name", environment.Name);
        json.WriteString("type", environment.Type.ToString());
        json.WriteString("role", environment.Role.ToString());
        json.WriteString("location", environment.Location);
        WriteOptional(json, "owner", environment.Owner);
        WriteOptional(json, "description", environment.Description);
        if (environment.ExpectedDrift.Count > 0)
        {
            json.WriteStartArray("expectedDrift");
            foreach (var drift in environment.ExpectedDrift)
            {
                json.WriteStartObject();
                json.WriteString("rule", drift.Rule.Text);
                json.WriteString("reason", drift.Reason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        WriteRefresh(json, environment.Refresh);
        json.WriteEndObject();
    }

    private static void WriteRefresh(Utf8JsonWriter json, EnvironmentRefresh refresh)
    {
        WriteOptional(json, "sandboxName", refresh.SandboxName);
        WriteOptional(json, "lastRefresh", refresh.LastRefresh?.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture));
        if (refresh.Masking is { } masking)
        {
            json.WriteStartObject("masking");
            WriteOptional(json, "rules", masking.RulesLocation);
            WriteOptional(json, "exempt", masking.Exemption);
            json.WriteEndObject();
        }

        var rules = refresh.PostRefresh;
        if (rules.IsEmpty)
        {
            return;
        }

        json.WriteStartObject("postRefresh");
        json.WriteStartArray("endpoints");
        foreach (var endpoint in rules.Endpoints)
        {
            json.WriteStartObject();
            json.WriteString("from", endpoint.From);
            json.WriteString("to", endpoint.To);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("customSettings");
        foreach (var setting in rules.CustomSettings)
        {
            json.WriteStartObject();
            json.WriteString("object", setting.ObjectName);
            json.WriteString("field", setting.Field);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteStrings(json, "users", rules.Users);
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteLinks(Utf8JsonWriter json, string name, IReadOnlyList<PipelineLink> links)
    {
        json.WriteStartArray(name);
        foreach (var link in links)
        {
            json.WriteStartObject();
            json.WriteString("from", link.From);
            json.WriteString("to", link.To);
            if (link.Gates is { } gates)
            {
                WriteGates(json, gates);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteGates(Utf8JsonWriter json, QualityGates gates)
    {
        json.WriteStartObject("gates");
        json.WriteBoolean("staticChecks", gates.StaticChecks);
        json.WriteString("failOn", gates.FailOn == FindingSeverity.Warning ? "warning" : "error");
        WriteOptional(json, "testLevel", gates.TestLevel);
        if (gates.MinimumCoverage is { } coverage)
        {
            json.WriteNumber("minimumCoverage", coverage);
        }

        if (gates.Approvals.Count > 0)
        {
            WriteStrings(json, "approvals", gates.Approvals);
        }

        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json.WriteString(name, value);
        }
    }

    /// <summary>One read of a file: the model built as far as it goes, and every problem found on the way.</summary>
    private sealed class Reading
    {
        private readonly string _file;
        private readonly string _folder;

        public Reading(string file, string folder)
        {
            _file = file;
            _folder = folder;
        }

        public List<string> Errors { get; } = new();

        public SandboxPipeline? Pipeline(JsonAt root)
        {
            if (!Expect(root, JsonTokenType.StartObject, "an object"))
            {
                return null;
            }

            Known(root, RootProperties);
            if (Property(root, "$schema") is { } schema && (!schema.IsString || !schema.Text!.EndsWith(SchemaFileName, StringComparison.OrdinalIgnoreCase)))
            {
                Error(schema, $"$schema names another schema; a SandboxOps pipeline file names {SchemaFileName} (or leaves $schema out).");
            }

            var name = RequiredString(root, "name");
            var naming = Property(root, "namingConvention") is { } n ? Naming(n) : null;
            var repository = Property(root, "repository") is { } r ? Repository(r) : null;
            var environments = Environments(root);
            var promotions = Links(root, "promotions", LinkKind.Promotion, environments);
            var backPromotions = Links(root, "backPromotions", LinkKind.BackPromotion, environments);
            var refresh = Property(root, "refresh") is { } settings ? RefreshSettings(settings) : null;
            var access = Objects(root, "access", "access rules (capabilities, roles, allow)", AccessRule);
            return new SandboxPipeline(name ?? string.Empty, naming, repository, environments, promotions, backPromotions, _file, refresh, access);
        }

        private NamingConvention? Naming(JsonAt value)
        {
            if (!Expect(value, JsonTokenType.StartObject, "an object with pattern and description"))
            {
                return null;
            }

            Known(value, "pattern", "description");
            var pattern = RequiredString(value, "pattern");
            if (pattern is null)
            {
                return null;
            }

            try
            {
                return new NamingConvention(pattern, OptionalString(value, "description"));
            }
            catch (ArgumentException ex)
            {
                Error(Property(value, "pattern")!, $"the pattern is not a valid regular expression: {ex.Message}");
                return null;
            }
        }

        private PipelineRepository? Repository(JsonAt value)
        {
            if (!Expect(value, JsonTokenType.StartObject, "an object with path and branch"))
            {
                return null;
            }

            Known(value, "path", "branch");
            var path = RequiredString(value, "path");
            var branch = OptionalString(value, "branch");
            return path is null ? null : new PipelineRepository(path, branch, Resolve(path, _folder));
        }

        private List<PipelineEnvironment> Environments(JsonAt root)
        {
            var environments = new List<PipelineEnvironment>();
            if (Property(root, "environments") is not { } list)
            {
                Error(root, "the pipeline has no environments; list them under \"environments\".");
                return environments;
            }

            if (!Expect(list, JsonTokenType.StartArray, "an array of environments"))
            {
                return environments;
            }

            var names = new HashSet<string>(SandboxPipeline.Names);
            foreach (var item in list.Items)
            {
                if (Environment(item) is { } environment)
                {
                    if (!names.Add(environment.Name))
                    {
                        Error(Property(item, "name")!, $"the environment name '{environment.Name}' is used twice; every environment needs its own name.");
                        continue;
                    }

                    environments.Add(environment);
                }
            }

            if (list.Items.Count == 0)
            {
                Error(list, "the pipeline has no environments.");
            }

            return environments;
        }

        private PipelineEnvironment? Environment(JsonAt item)
        {
            if (!Expect(item, JsonTokenType.StartObject, "an environment object"))
            {
                return null;
            }

            Known(item, EnvironmentProperties);
            var name = RequiredString(item, "name");
            var type = Enum<SandboxType>(item, "type");
            var role = Enum<EnvironmentRole>(item, "role");
            var location = RequiredString(item, "location");
            var drift = ExpectedDrift(item);
            var refresh = EnvironmentRefresh(item);
            if (name is null || type is null || role is null || location is null)
            {
                return null;
            }

            return new PipelineEnvironment(name, type.Value, role.Value, location, Resolve(location, _folder), OptionalString(item, "owner"), OptionalString(item, "description"), drift, refresh);
        }

        private EnvironmentRefresh EnvironmentRefresh(JsonAt item)
        {
            var sandboxName = OptionalString(item, "sandboxName");
            if (sandboxName is not null && !Regex.IsMatch(sandboxName, "^[A-Za-z][A-Za-z0-9]{0,9}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            {
                Error(Property(item, "sandboxName")!, $"'{sandboxName}' is not a Salesforce sandbox name: at most 10 letters and digits, starting with a letter.");
                sandboxName = null;
            }

            DateTimeOffset? lastRefresh = null;
            if (OptionalString(item, "lastRefresh") is { } text)
            {
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                {
                    lastRefresh = date;
                }
                else
                {
                    Error(Property(item, "lastRefresh")!, $"'{text}' is not a date; write it as 2026-11-02 or 2026-11-02T18:30:00Z.");
                }
            }

            var rules = Property(item, "postRefresh") is { } post ? PostRefresh(post) : PostRefreshRules.None;
            return new EnvironmentRefresh(sandboxName, lastRefresh, rules, Property(item, "masking") is { } masking ? Masking(masking) : null);
        }

        private MaskingPolicy? Masking(JsonAt value)
        {
            if (!Expect(value, JsonTokenType.StartObject, "an object with rules (a masking rules file) or exempt (why not)"))
            {
                return null;
            }

            Known(value, "rules", "exempt");
            var rules = OptionalString(value, "rules");
            var exempt = OptionalString(value, "exempt");
            if ((rules is null) == (exempt is null))
            {
                Error(value, "give \"rules\" (the masking rules file) or \"exempt\" (why the environment is not masked), one of them.");
                return null;
            }

            return new MaskingPolicy(rules is null ? null : System.IO.Path.GetFullPath(System.IO.Path.Combine(_folder, rules)), rules, exempt);
        }

        private PostRefreshRules PostRefresh(JsonAt value)
        {
            if (!Expect(value, JsonTokenType.StartObject, "an object with endpoints, customSettings and users"))
            {
                return PostRefreshRules.None;
            }

            Known(value, "endpoints", "customSettings", "users");
            var endpoints = Objects(value, "endpoints", "{ from, to }", item =>
            {
                Known(item, "from", "to");
                var from = AbsoluteUrl(item, "from");
                var to = AbsoluteUrl(item, "to");
                return from is null || to is null ? null : new EndpointRewrite(from, to);
            });
            var settings = Objects(value, "customSettings", "{ object, field }", item =>
            {
                Known(item, "object", "field");
                var objectName = RequiredString(item, "object");
                var field = RequiredString(item, "field");
                return objectName is null || field is null ? null : new SettingField(objectName, field);
            });
            var users = new List<string>();
            if (Property(value, "users") is { } list && Expect(list, JsonTokenType.StartArray, "an array of usernames"))
            {
                foreach (var user in list.Items)
                {
                    if (user.IsString && !string.IsNullOrWhiteSpace(user.Text))
                    {
                        users.Add(user.Text!);
                    }
                    else
                    {
                        Error(user, "a user is a username (* matches any text).");
                    }
                }
            }

            return new PostRefreshRules(endpoints, settings, users);
        }

        private RefreshSettings? RefreshSettings(JsonAt value)
        {
            if (!Expect(value, JsonTokenType.StartObject, "an object with objects and recordsPerMinute"))
            {
                return null;
            }

            Known(value, "objects", "recordsPerMinute");
            var objects = new List<string>();
            if (Property(value, "objects") is { } list && Expect(list, JsonTokenType.StartArray, "an array of object API names"))
            {
                objects.AddRange(list.Items.Where(o => o.IsString && !string.IsNullOrWhiteSpace(o.Text)).Select(o => o.Text!));
                foreach (var bad in list.Items.Where(o => !o.IsString || string.IsNullOrWhiteSpace(o.Text)))
                {
                    Error(bad, "an object is its API name (Account, Invoice__c).");
                }
            }

            var rate = Engine.Pipelines.RefreshSettings.DefaultRecordsPerMinute;
            if (Property(value, "recordsPerMinute") is { } number)
            {
                if (number.Kind == JsonTokenType.Number && double.TryParse(number.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
                {
                    rate = parsed;
                }
                else
                {
                    Error(number, "\"recordsPerMinute\" must be a positive number.");
                }
            }

            return new Engine.Pipelines.RefreshSettings(objects, rate);
        }

        private AccessRule? AccessRule(JsonAt value)
        {
            if (!Expect(value, JsonTokenType.StartObject, "an access rule with capabilities, roles and allow"))
            {
                return null;
            }

            Known(value, "capabilities", "roles", "allow", "reason");
            var capabilities = Strings(value, "capabilities", "a user permission's API name (ModifyAllData)", c => Regex.IsMatch(c, "^[A-Za-z][A-Za-z0-9]*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
            var roles = new List<EnvironmentRole>();
            foreach (var role in Strings(value, "roles", "an environment role (" + string.Join(", ", System.Enum.GetNames(typeof(EnvironmentRole))) + ")", r => System.Enum.TryParse<EnvironmentRole>(r, ignoreCase: false, out _)))
            {
                roles.Add((EnvironmentRole)System.Enum.Parse(typeof(EnvironmentRole), role));
            }

            var allow = new List<AccessMatcher>();
            foreach (var entry in Strings(value, "allow", "kind:pattern, with kind one of " + string.Join(", ", AccessMatcher.Kinds) + " (user:release@*, profile:System Administrator)", a => a.IndexOf(':') is > 0 and var at && AccessMatcher.Kinds.Contains(a.Substring(0, at)) && a.Length > at + 1))
            {
                var at = entry.IndexOf(':');
                allow.Add(new AccessMatcher(entry.Substring(0, at), entry.Substring(at + 1)));
            }

            if (capabilities.Count == 0 || roles.Count == 0)
            {
                Error(value, "an access rule names at least one capability and one role.");
                return null;
            }

            return new AccessRule(capabilities, roles, allow, OptionalString(value, "reason"));
        }

        /// <summary>An array of strings each <paramref name="valid"/>; the others are errors saying what each must be.</summary>
        private List<string> Strings(JsonAt owner, string name, string what, Func<string, bool> valid)
        {
            var values = new List<string>();
            if (Property(owner, name) is not { } list || !Expect(list, JsonTokenType.StartArray, "an array, each " + what))
            {
                return values;
            }

            foreach (var item in list.Items)
            {
                if (item.IsString && item.Text is { } text && valid(text))
                {
                    values.Add(text);
                }
                else
                {
                    Error(item, $"{(item.IsString ? "'" + item.Text + "'" : "this")} is not {what}.");
                }
            }

            return values;
        }

        private QualityGates? Gates(JsonAt value)
        {
            if (!Expect(value, JsonTokenType.StartObject, "an object with staticChecks, failOn, testLevel, minimumCoverage and approvals"))
            {
                return null;
            }

            Known(value, "staticChecks", "failOn", "testLevel", "minimumCoverage", "approvals");
            var staticChecks = true;
            if (Property(value, "staticChecks") is { } checks)
            {
                if (checks.Kind is JsonTokenType.True or JsonTokenType.False)
                {
                    staticChecks = checks.Kind == JsonTokenType.True;
                }
                else
                {
                    Error(checks, "\"staticChecks\" is true or false.");
                }
            }

            var failOn = FindingSeverity.Error;
            if (OptionalString(value, "failOn") is { } severity)
            {
                if (severity is "error" or "warning")
                {
                    failOn = severity == "error" ? FindingSeverity.Error : FindingSeverity.Warning;
                }
                else
                {
                    Error(Property(value, "failOn")!, $"'{severity}' is not a severity the static checks fail on; write \"error\" or \"warning\".");
                }
            }

            var testLevel = OptionalString(value, "testLevel");
            if (testLevel is not null && !QualityGates.TestLevels.Contains(testLevel))
            {
                Error(Property(value, "testLevel")!, $"'{testLevel}' is not a test level; write one of: {string.Join(", ", QualityGates.TestLevels)}.");
                testLevel = null;
            }

            int? coverage = null;
            if (Property(value, "minimumCoverage") is { } number)
            {
                if (number.Kind == JsonTokenType.Number && int.TryParse(number.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var percent) && percent is >= 0 and <= 100)
                {
                    coverage = percent;
                }
                else
                {
                    Error(number, "\"minimumCoverage\" is a whole percentage from 0 to 100 (Salesforce requires 75 for production).");
                }
            }

            var approvals = new List<string>();
            if (Property(value, "approvals") is { } list && Expect(list, JsonTokenType.StartArray, "an array of approvers' names"))
            {
                approvals.AddRange(list.Items.Where(a => a.IsString && !string.IsNullOrWhiteSpace(a.Text)).Select(a => a.Text!));
                foreach (var bad in list.Items.Where(a => !a.IsString || string.IsNullOrWhiteSpace(a.Text)))
                {
                    Error(bad, "an approval is the approver's name, as Approve-DeploymentPackage -Approver records it.");
                }
            }

            return new QualityGates(staticChecks, failOn, testLevel, coverage, approvals);
        }

        private List<T> Objects<T>(JsonAt owner, string name, string shape, Func<JsonAt, T?> read)
            where T : class
        {
            var items = new List<T>();
            if (Property(owner, name) is not { } list || !Expect(list, JsonTokenType.StartArray, $"an array of {shape}"))
            {
                return items;
            }

            foreach (var item in list.Items)
            {
                if (Expect(item, JsonTokenType.StartObject, $"an object {shape}") && read(item) is { } value)
                {
                    items.Add(value);
                }
            }

            return items;
        }

        private string? AbsoluteUrl(JsonAt owner, string name)
        {
            var text = RequiredString(owner, name);
            if (text is not null && !Uri.TryCreate(text, UriKind.Absolute, out _))
            {
                Error(Property(owner, name)!, $"'{text}' is not an absolute URL (https://host/path).");
                return null;
            }

            return text;
        }

        private List<ExpectedDrift> ExpectedDrift(JsonAt environment)
        {
            var rules = new List<ExpectedDrift>();
            if (Property(environment, "expectedDrift") is not { } list || !Expect(list, JsonTokenType.StartArray, "an array of { rule, reason }"))
            {
                return rules;
            }

            foreach (var item in list.Items)
            {
                if (!Expect(item, JsonTokenType.StartObject, "an object with rule and reason"))
                {
                    continue;
                }

                Known(item, "rule", "reason");
                var text = RequiredString(item, "rule");
                var reason = RequiredString(item, "reason");
                if (text is null || reason is null)
                {
                    continue;
                }

                try
                {
                    rules.Add(new ExpectedDrift(IgnoreRule.Parse(text), reason));
                }
                catch (FormatException ex)
                {
                    Error(Property(item, "rule")!, ex.Message);
                }
            }

            return rules;
        }

        private List<PipelineLink> Links(JsonAt root, string name, LinkKind kind, List<PipelineEnvironment> environments)
        {
            var links = new List<PipelineLink>();
            if (Property(root, name) is not { } list || !Expect(list, JsonTokenType.StartArray, "an array of { from, to }"))
            {
                return links;
            }

            var known = new HashSet<string>(environments.Select(e => e.Name), SandboxPipeline.Names);
            foreach (var item in list.Items)
            {
                if (!Expect(item, JsonTokenType.StartObject, "an object with from and to"))
                {
                    continue;
                }

                if (kind == LinkKind.Promotion)
                {
                    Known(item, "from", "to", "gates");
                }
                else
                {
                    Known(item, "from", "to");
                }

                var gates = kind == LinkKind.Promotion && Property(item, "gates") is { } gatesValue ? Gates(gatesValue) : null;
                var from = RequiredString(item, "from");
                var to = RequiredString(item, "to");
                foreach (var (end, value) in new[] { ("from", from), ("to", to) })
                {
                    if (value is not null && !known.Contains(value))
                    {
                        Error(Property(item, end)!, $"'{value}' is not an environment of this pipeline; name one of: {string.Join(", ", known)}.");
                    }
                }

                if (from is not null && to is not null && known.Contains(from) && known.Contains(to))
                {
                    if (SandboxPipeline.Names.Equals(from, to))
                    {
                        Error(item, $"'{from}' is linked to itself.");
                        continue;
                    }

                    links.Add(new PipelineLink(CanonicalName(environments, from), CanonicalName(environments, to), kind, gates));
                }
            }

            return links;
        }

        private static string CanonicalName(List<PipelineEnvironment> environments, string name) =>
            environments.First(e => SandboxPipeline.Names.Equals(e.Name, name)).Name;

        private T? Enum<T>(JsonAt owner, string name)
            where T : struct
        {
            var text = RequiredString(owner, name);
            if (text is null)
            {
                return null;
            }

            if (System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(typeof(T), value) && !char.IsDigit(text[0]))
            {
                return value;
            }

            Error(Property(owner, name)!, $"'{text}' is not a {name}; use one of: {string.Join(", ", System.Enum.GetNames(typeof(T)))}.");
            return null;
        }

        private string? RequiredString(JsonAt owner, string name)
        {
            if (Property(owner, name) is not { } value)
            {
                Error(owner, $"\"{name}\" is missing.");
                return null;
            }

            if (!value.IsString || string.IsNullOrWhiteSpace(value.Text))
            {
                Error(value, $"\"{name}\" must be a non-empty string.");
                return null;
            }

            return value.Text;
        }

        private string? OptionalString(JsonAt owner, string name)
        {
            if (Property(owner, name) is not { } value || value.Kind == JsonTokenType.Null)
            {
                return null;
            }

            if (!value.IsString)
            {
                Error(value, $"\"{name}\" must be a string.");
                return null;
            }

            return value.Text;
        }

        private static JsonAt? Property(JsonAt owner, string name) =>
            owner.Properties.Where(p => p.Key == name).Select(p => p.Value).FirstOrDefault();

        private void Known(JsonAt owner, params string[] allowed)
        {
            foreach (var property in owner.Properties.Where(p => !allowed.Contains(p.Key, StringComparer.Ordinal)))
            {
                Error(property.Value, $"\"{property.Key}\" is not a pipeline setting here; known: {string.Join(", ", allowed)} (names are case-sensitive).");
            }
        }

        private bool Expect(JsonAt value, JsonTokenType kind, string what)
        {
            if (value.Kind == kind)
            {
                return true;
            }

            Error(value, $"expected {what}.");
            return false;
        }

        private void Error(JsonAt at, string message) => Errors.Add(at.Where(_file) + ": " + message);
    }
}
