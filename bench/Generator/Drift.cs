using System;
using System.Collections.Generic;
using System.Linq;

namespace SandboxOps.Bench.Generator;

/// <summary>
/// How much the target has drifted: the everyday 1%; a heavily drifted org (40% of profiles and objects changed,
/// as a production org against a long-unrefreshed sandbox); or a noisy one (every object file rewritten in another order).
/// </summary>
internal enum DriftKind
{
    Standard,
    Heavy,
    Noisy,
}

/// <summary>
/// How the target org differs from the source: about 1% semantic changes (edits, additions, deletions,
/// meaningful reorders) and 1% noise-only rewrites, chosen from the seed, each semantic one recorded in
/// the ground truth, plus what the <see cref="DriftKind"/> adds. A component gets at most one mutation.
/// </summary>
internal sealed class Drift
{
    private readonly Random _random;
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    public Drift(OrgShape shape, int seed, DriftKind kind)
    {
        _random = new Random(seed);
        var fields = Enumerable.Range(0, shape.Objects).SelectMany(o => Enumerable.Range(0, shape.FieldsPerObject).Select(f => Names.Field(o, f))).ToList();
        var picklists = fields.Where(f => Names.FieldType(f) == "Picklist").ToList();
        var classes = Enumerable.Range(0, shape.ApexClasses).Select(Names.ApexClass).ToList();
        var reports = Enumerable.Range(0, shape.ReportFolders).SelectMany(f => Enumerable.Range(0, shape.ReportsPerFolder).Select(r => Names.Report(f, r))).ToList();
        var layouts = Enumerable.Range(0, shape.Objects).SelectMany(o => new[] { Names.Layout(o, 'A'), Names.Layout(o, 'B') }).ToList();
        var rules = Enumerable.Range(0, shape.Objects).SelectMany(o => new[] { Names.ValidationRule(o, 1), Names.ValidationRule(o, 2) }).ToList();
        var scale = Math.Max(1, shape.Objects / 40);

        EditedFields = Pick("CustomField", fields, 30 * scale, "Changed");
        ReorderedPicklists = Pick("CustomField", picklists, 5 * scale, "Changed");
        DeletedFields = Pick("CustomField", fields, 10 * scale, "SourceOnly");
        AddedFields = Enumerable.Range(0, 10 * scale).Select(i => (Object: _random.Next(shape.Objects), Name: $"Added{i:D4}__c")).ToList();
        foreach (var (obj, name) in AddedFields)
        {
            Truth.Add(new TruthEntry("CustomField", Names.Object(obj) + "." + name, "TargetOnly"));
        }

        EditedRules = Pick("ValidationRule", rules, 4 * scale, "Changed");
        EditedClasses = Pick("ApexClass", classes, 20 * scale, "Changed");
        ApiVersionClasses = Pick("ApexClass", classes, 2 * scale, "Changed");
        DeletedClasses = Pick("ApexClass", classes, 5 * scale, "SourceOnly");
        AddedClasses = 5 * scale;
        for (var i = 0; i < AddedClasses; i++)
        {
            Truth.Add(new TruthEntry("ApexClass", Names.AddedApexClass(i), "TargetOnly"));
        }

        FlippedProfiles = Pick("Profile", Enumerable.Range(0, shape.Profiles).Select(Names.Profile).ToList(), Math.Max(1, shape.Profiles / 20), "Changed");
        EditedLabels = Pick("CustomLabel", Enumerable.Range(0, shape.Labels).Select(Names.Label).ToList(), 5 * scale, "Changed");
        ReorderedLayouts = Pick("Layout", layouts, 3 * scale, "Changed");
        EditedReports = Pick("Report", reports, 4 * scale, "Changed");
        DeletedReports = Pick("Report", reports, 1 * scale, "SourceOnly");

        // Noise: rewrites that change bytes, never meaning.
        ReindentedFields = Pick("CustomField", fields, 40 * scale, "Noise");
        EmptyTagFields = Pick("CustomField", fields, 10 * scale, "Noise");
        CrlfClasses = Pick("ApexClass", classes, 20 * scale, "Noise");
        BareLayouts = Pick("Layout", layouts, 10 * scale, "Noise");
        ReindentedReports = Pick("Report", reports, 10 * scale, "Noise");
        ReorderedPermissionSets = Pick("PermissionSet", Enumerable.Range(0, shape.PermissionSets).Select(Names.PermissionSet).ToList(), 2 * scale, "Noise");
        ReorderedProfiles = Pick("Profile", Enumerable.Range(0, shape.Profiles).Select(Names.Profile).ToList(), Math.Max(1, shape.Profiles / 30), "Noise");

        var objects = Enumerable.Range(0, shape.Objects).Select(Names.Object).ToList();
        if (kind == DriftKind.Heavy)
        {
            // Every 97th field permission of a drifted profile flipped, five labels of a drifted object renamed.
            HeavilyDriftedProfiles = Pick("Profile", Enumerable.Range(0, shape.Profiles).Select(Names.Profile).ToList(), shape.Profiles * 2 / 5, "Changed");
            foreach (var obj in Enumerable.Range(0, shape.Objects).Where(o => _random.Next(5) < 2))
            {
                foreach (var field in Enumerable.Range(0, 5).Select(f => Names.Field(obj, f * 37 % shape.FieldsPerObject)).Where(f => _taken.Add("CustomField " + f)))
                {
                    EditedFields.Add(field);
                    Truth.Add(new TruthEntry("CustomField", field, "Changed"));
                }
            }
        }

        ReorderedObjects = kind == DriftKind.Noisy ? objects.ToHashSet(StringComparer.Ordinal) : new HashSet<string>(StringComparer.Ordinal);
        Truth.AddRange(ReorderedObjects.Select(o => new TruthEntry("CustomObject", o, "Noise")));
    }

    public List<TruthEntry> Truth { get; } = new();

    public HashSet<string> EditedFields { get; }

    public HashSet<string> ReorderedPicklists { get; }

    public HashSet<string> DeletedFields { get; }

    public List<(int Object, string Name)> AddedFields { get; }

    public HashSet<string> EditedRules { get; }

    public HashSet<string> EditedClasses { get; }

    public HashSet<string> ApiVersionClasses { get; }

    public HashSet<string> DeletedClasses { get; }

    public int AddedClasses { get; }

    public HashSet<string> FlippedProfiles { get; }

    public HashSet<string> EditedLabels { get; }

    public HashSet<string> ReorderedLayouts { get; }

    public HashSet<string> EditedReports { get; }

    public HashSet<string> DeletedReports { get; }

    public HashSet<string> ReindentedFields { get; }

    public HashSet<string> EmptyTagFields { get; }

    public HashSet<string> CrlfClasses { get; }

    public HashSet<string> BareLayouts { get; }

    public HashSet<string> ReindentedReports { get; }

    public HashSet<string> ReorderedPermissionSets { get; }

    public HashSet<string> ReorderedProfiles { get; }

    public HashSet<string> HeavilyDriftedProfiles { get; } = new(StringComparer.Ordinal);

    /// <summary>Objects whose Metadata API file lists its children in reverse: noise, whatever else changed in them.</summary>
    public HashSet<string> ReorderedObjects { get; }

    private HashSet<string> Pick(string type, List<string> candidates, int count, string status)
    {
        var picked = new HashSet<string>(StringComparer.Ordinal);
        var attempts = 0;
        while (picked.Count < count && attempts++ < count * 50)
        {
            var name = candidates[_random.Next(candidates.Count)];
            if (_taken.Add(type + " " + name))
            {
                picked.Add(name);
                Truth.Add(new TruthEntry(type, name, status));
            }
        }

        return picked;
    }
}

/// <summary>One expected difference (or noise-only rewrite) of the ground truth.</summary>
internal sealed record TruthEntry(string Type, string FullName, string Status);
