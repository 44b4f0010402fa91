using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Pipelines;

namespace SandboxOps.Engine.Masking;

/// <summary>
/// Masking rules: per object and field API name, a method. A rules file is either the objects map,
/// <c>{ "objects": { "Contact": { "Email": "email", "Birthdate": { "method": "shiftDate", "days": 60 } } } }</c>,
/// or the array New-MaskingRule's records become with ConvertTo-Json (<c>[ { "Object", "Field", "Method" } ]</c>).
/// Names match without case, as Salesforce's API names do.
/// </summary>
public sealed class MaskingRules
{
    private readonly Dictionary<string, Dictionary<string, FieldRule>> _objects;

    public MaskingRules(IEnumerable<MaskingRule> rules)
    {
        _objects = new Dictionary<string, Dictionary<string, FieldRule>>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in rules)
        {
            if (!_objects.TryGetValue(rule.Object, out var fields))
            {
                _objects[rule.Object] = fields = new Dictionary<string, FieldRule>(StringComparer.OrdinalIgnoreCase);
            }

            fields[rule.Field] = rule.Rule;
        }
    }

    public IEnumerable<MaskingRule> All => _objects.SelectMany(o => o.Value.Select(f => new MaskingRule(o.Key, f.Key, f.Value)));

    /// <summary>The rules of an object, by field; empty when it has none.</summary>
    public IReadOnlyDictionary<string, FieldRule> For(string objectName) =>
        _objects.TryGetValue(objectName, out var fields) ? fields : new Dictionary<string, FieldRule>();

    public bool Names(string objectName) => _objects.ContainsKey(objectName);

    /// <summary>The method's name in a rules file: email, firstName, shiftDate...</summary>
    public static string NameOf(MaskingMethod method)
    {
        var name = method.ToString();
        return char.ToLowerInvariant(name[0]) + name.Substring(1);
    }

    public static MaskingRules Read(string path)
    {
        var full = Path.GetFullPath(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidArgumentException("RulesUnreadable", $"Cannot read the masking rules '{full}': {ex.Message}");
        }

        return Parse(bytes, full);
    }

    public static MaskingRules Parse(byte[] utf8, string file)
    {
        var root = JsonAt.Parse(utf8, file, "masking rules file", "New-MaskingRule | ConvertTo-Json", (reason, message, cause) => new InvalidArgumentException(reason, message, cause));

        var errors = new List<string>();
        var rules = new List<MaskingRule>();
        if (root.IsArray)
        {
            foreach (var item in root.Items)
            {
                string? Text(string name) => item.Properties.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value is { IsString: true } v ? v.Text : null;
                var objectName = Text("Object");
                var field = Text("Field");
                if (!item.IsObject || objectName is null || field is null)
                {
                    errors.Add(item.Where(file) + ": a rule needs Object, Field and Method.");
                    continue;
                }

                if (Rule(item, errors, file) is { } rule)
                {
                    rules.Add(new MaskingRule(objectName, field, rule));
                }
            }
        }
        else if (root.IsObject && root.Properties.FirstOrDefault(p => p.Key == "objects").Value is { IsObject: true } objects)
        {
            foreach (var (objectName, fields) in objects.Properties.Select(p => (p.Key, p.Value)))
            {
                if (!fields.IsObject)
                {
                    errors.Add(fields.Where(file) + $": the rules of {objectName} are an object of field names.");
                    continue;
                }

                foreach (var (field, value) in fields.Properties.Select(p => (p.Key, p.Value)))
                {
                    if (Rule(value, errors, file) is { } rule)
                    {
                        rules.Add(new MaskingRule(objectName, field, rule));
                    }
                }
            }
        }
        else
        {
            errors.Add(root.Where(file) + ": expected { \"objects\": { \"Contact\": { \"Email\": \"email\" } } }, or an array of { Object, Field, Method }.");
        }

        if (errors.Count > 0)
        {
            throw new InvalidArgumentException("InvalidRules", $"The masking rules have {errors.Count} problem(s); nothing was masked:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)));
        }

        return new MaskingRules(rules);
    }

    /// <summary>The rules as a rules file, objects and fields sorted, for a review.</summary>
    public byte[] ToJson() => IndentedJson.Bytes(json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("objects");
            foreach (var entry in _objects.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject(entry.Key);
                foreach (var (field, rule) in entry.Value.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (f.Key, f.Value)))
                {
                    if (rule.Method == MaskingMethod.ShiftDate && rule.Days != FieldRule.DefaultShiftDays || rule.Method == MaskingMethod.Redact && rule.Redaction != FieldRule.DefaultRedaction)
                    {
                        json.WriteStartObject(field);
                        json.WriteString("method", NameOf(rule.Method));
                        if (rule.Method == MaskingMethod.ShiftDate)
                        {
                            json.WriteNumber("days", rule.Days);
                        }
                        else
                        {
                            json.WriteString("text", rule.Redaction);
                        }

                        json.WriteEndObject();
                    }
                    else
                    {
                        json.WriteString(field, NameOf(rule.Method));
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        });

    /// <summary>A field's rule: a method name, or an object with method and its options (days, text).</summary>
    private static FieldRule? Rule(JsonAt value, List<string> errors, string file)
    {
        // A record of New-MaskingRule through ConvertTo-Json carries its options in Rule, and its method as a number.
        var options = new Dictionary<string, JsonAt>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in value.IsObject ? value.Properties.Concat(value.Properties.Where(p => p.Key.Equals("Rule", StringComparison.OrdinalIgnoreCase) && p.Value.IsObject).SelectMany(p => p.Value.Properties)) : Enumerable.Empty<KeyValuePair<string, JsonAt>>())
        {
            options[property.Key == "Redaction" ? "text" : property.Key] = property.Value;
        }

        var methodAt = value.IsString ? value : options.TryGetValue("method", out var m) ? m : null;
        if (methodAt is { Kind: JsonTokenType.Number } && int.TryParse(methodAt.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && Enum.IsDefined(typeof(MaskingMethod), number))
        {
            return Options((MaskingMethod)number, options, errors, file);
        }

        if (methodAt is not { IsString: true } || !Enum.TryParse<MaskingMethod>(methodAt.Text, ignoreCase: true, out var method) || char.IsDigit(methodAt.Text![0]))
        {
            errors.Add((methodAt ?? value).Where(file) + $": '{methodAt?.Text}' is not a masking method; use one of: {string.Join(", ", Enum.GetValues(typeof(MaskingMethod)).Cast<MaskingMethod>().Select(NameOf))}.");
            return null;
        }

        return Options(method, options, errors, file);
    }

    private static FieldRule? Options(MaskingMethod method, Dictionary<string, JsonAt> options, List<string> errors, string file)
    {
        var days = FieldRule.DefaultShiftDays;
        if (options.TryGetValue("days", out var d) && !(d.Kind == JsonTokenType.Number && int.TryParse(d.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out days) && days > 0))
        {
            errors.Add(d.Where(file) + ": days is a whole number of days above 0.");
            return null;
        }

        var text = options.TryGetValue("text", out var t) && t.IsString ? t.Text! : FieldRule.DefaultRedaction;
        return new FieldRule(method, days, text);
    }
}
