using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace SandboxOps.Bench.Generator;

internal enum Side
{
    Source,
    Target,
}

/// <summary>Writes one side of the synthetic pair in one format. Every file is a pure function of (shape, drift, side, format).</summary>
internal sealed class OrgWriter
{
    private const string Indent = "    ";
    private static readonly UTF8Encoding Utf8 = new(false);

    private readonly OrgShape _shape;
    private readonly Drift _drift;
    private readonly Side _side;
    private readonly bool _source;
    private readonly string _root;

    public OrgWriter(OrgShape shape, Drift drift, Side side, bool sourceFormat, string root)
    {
        _shape = shape;
        _drift = drift;
        _side = side;
        _source = sourceFormat;
        _root = sourceFormat ? Path.Combine(root, "force-app", "main", "default") : root;
    }

    private bool IsTarget => _side == Side.Target;

    public void Write()
    {
        var jobs = new List<Action>();
        jobs.AddRange(Enumerable.Range(0, _shape.Objects).Select(o => (Action)(() => WriteObject(o))));
        jobs.AddRange(Enumerable.Range(0, _shape.Objects).Select(o => (Action)(() => WriteLayouts(o))));
        jobs.AddRange(Enumerable.Range(0, _shape.Profiles).Select(p => (Action)(() => WriteProfile(p))));
        jobs.AddRange(Enumerable.Range(0, _shape.PermissionSets).Select(p => (Action)(() => WritePermissionSet(p))));
        jobs.AddRange(Enumerable.Range(0, _shape.ApexClasses / 100).Select(b => (Action)(() => WriteClasses(b * 100, 100))));
        jobs.AddRange(Enumerable.Range(0, _shape.ReportFolders).Select(f => (Action)(() => WriteReportFolder(f))));
        jobs.AddRange(Enumerable.Range(0, _shape.StaticResources).Select(r => (Action)(() => WriteStaticResource(r))));
        jobs.Add(WriteLabels);
        jobs.Add(WriteAddedClasses);
        jobs.Add(WriteProjectFile);
        Parallel.ForEach(jobs, job => job());
    }

    private void Save(string relative, string content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, Utf8);
    }

    private string XmlFile(string relative) => _source ? relative + "-meta.xml" : relative;

    private void WriteProjectFile()
    {
        if (_source)
        {
            // The project folder is made by whichever job writes first: this one may run before any other.
            var project = Path.GetFullPath(Path.Combine(_root, "..", "..", "..", "sfdx-project.json"));
            Directory.CreateDirectory(Path.GetDirectoryName(project)!);
            File.WriteAllText(project, "{\n  \"packageDirectories\": [ { \"path\": \"force-app\", \"default\": true } ],\n  \"sourceApiVersion\": \"62.0\"\n}\n", Utf8);
            return;
        }

        var types = new[] { "ApexClass", "CustomLabels", "CustomObject", "Layout", "PermissionSet", "Profile", "Report", "StaticResource" };
        var body = new Lines();
        foreach (var type in types)
        {
            body.Open(0, "types").Leaf(1, "members", "*").Leaf(1, "name", type).Close(0, "types");
        }

        body.Leaf(0, "version", "62.0");
        Save("package.xml", Lines.Document("Package", body));
    }

    // Objects and their children.
    private void WriteObject(int obj)
    {
        var name = Names.Object(obj);
        var own = new Lines()
            .Leaf(0, "deploymentStatus", "Deployed")
            .Leaf(0, "description", "Synthetic object " + name + " for benchmarks.")
            .Leaf(0, "enableHistory", "true")
            .Leaf(0, "enableReports", "true")
            .Leaf(0, "label", "Object " + obj.ToString(CultureInfo.InvariantCulture))
            .Open(0, "nameField").Leaf(1, "label", "Name").Leaf(1, "type", "Text").Close(0, "nameField")
            .Leaf(0, "pluralLabel", "Objects " + obj.ToString(CultureInfo.InvariantCulture))
            .Leaf(0, "sharingModel", "ReadWrite");

        var children = new List<(string Element, string Folder, string Suffix, string Root, string Child, Lines Body, string Indent, bool EmptyTags)>();
        for (var f = 0; f < _shape.FieldsPerObject; f++)
        {
            var full = Names.Field(obj, f);
            if (IsTarget && _drift.DeletedFields.Contains(full))
            {
                continue;
            }

            var indent = IsTarget && _drift.ReindentedFields.Contains(full) ? "  " : Indent;
            children.Add(("fields", "fields", "field", "CustomField", Names.FieldName(f), Field(full), indent, IsTarget && _drift.EmptyTagFields.Contains(full)));
        }

        foreach (var (o, added) in _drift.AddedFields.Where(a => IsTarget && a.Object == obj))
        {
            children.Add(("fields", "fields", "field", "CustomField", added, new Lines().Leaf(0, "fullName", added).Leaf(0, "label", added).Leaf(0, "length", "40").Leaf(0, "type", "Text"), Indent, false));
        }

        foreach (var rt in new[] { "Standard", "Enterprise" })
        {
            children.Add(("recordTypes", "recordTypes", "recordType", "RecordType", rt, new Lines().Leaf(0, "fullName", rt).Leaf(0, "active", "true").Leaf(0, "label", rt), Indent, false));
        }

        foreach (var view in new[] { "All", "Mine", "Recent" })
        {
            var lines = new Lines().Leaf(0, "fullName", view);
            for (var c = 0; c < 5; c++)
            {
                lines.Leaf(0, "columns", Names.FieldName(c));
            }

            children.Add(("listViews", "listViews", "listView", "ListView", view, lines.Leaf(0, "filterScope", view == "Mine" ? "Mine" : "Everything").Leaf(0, "label", view), Indent, false));
        }

        for (var r = 1; r <= 2; r++)
        {
            var rule = Names.ValidationRule(obj, r);
            var limit = IsTarget && _drift.EditedRules.Contains(rule) ? "2000" : "1000";
            var lines = new Lines().Leaf(0, "fullName", "Rule" + r.ToString(CultureInfo.InvariantCulture)).Leaf(0, "active", "true")
                .Leaf(0, "errorConditionFormula", "F001__c > " + limit).Leaf(0, "errorMessage", "Too large.");
            children.Add(("validationRules", "validationRules", "validationRule", "ValidationRule", "Rule" + r.ToString(CultureInfo.InvariantCulture), lines, Indent, false));
        }

        if (_source)
        {
            Save($"objects/{name}/{name}.object-meta.xml", Lines.Document("CustomObject", own));
            foreach (var child in children)
            {
                Save($"objects/{name}/{child.Folder}/{child.Child}.{child.Suffix}-meta.xml", Spell(Lines.Document(child.Root, child.Body, child.Indent), child.EmptyTags));
            }

            return;
        }

        var text = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CustomObject xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n");
        own.Render(text, 1, Indent);
        if (IsTarget && _drift.ReorderedObjects.Contains(name))
        {
            children.Reverse();
        }

        foreach (var child in children)
        {
            var fragment = new StringBuilder();
            new Lines().Open(0, child.Element).Append(child.Body, 1).Close(0, child.Element).Render(fragment, 1, child.Indent);
            text.Append(Spell(fragment.ToString(), child.EmptyTags));
        }

        text.Append("</CustomObject>\n");
        Save($"objects/{name}.object", text.ToString());
    }

    /// <summary>The empty-tag noise: the same empty element written self-closing.</summary>
    private static string Spell(string xml, bool selfClosing) => selfClosing ? xml.Replace("<inlineHelpText></inlineHelpText>", "<inlineHelpText/>") : xml;

    private Lines Field(string full)
    {
        var name = full.Substring(full.IndexOf('.') + 1);
        var type = Names.FieldType(full);
        var label = "Field " + name + (IsTarget && _drift.EditedFields.Contains(full) ? " (renamed)" : string.Empty);
        var lines = new Lines()
            .Leaf(0, "fullName", name)
            .Leaf(0, "description", "Synthetic field " + full + " used by the SandboxOps benchmark.")
            .Leaf(0, "externalId", "false")
            .Leaf(0, "inlineHelpText", _drift.EmptyTagFields.Contains(full) ? string.Empty : "Help for " + name)
            .Leaf(0, "label", label)
            .Leaf(0, "required", "false")
            .Leaf(0, "trackHistory", "false")
            .Leaf(0, "type", type);
        switch (type)
        {
            case "Text":
                lines.Leaf(0, "length", "80").Leaf(0, "unique", "false");
                break;
            case "Number" or "Currency":
                lines.Leaf(0, "precision", "18").Leaf(0, "scale", "2");
                break;
            case "LongTextArea":
                lines.Leaf(0, "length", "32768").Leaf(0, "visibleLines", "3");
                break;
            case "Picklist":
                var values = new List<string> { "Alpha", "Beta", "Gamma", "Delta", "Epsilon" };
                if (IsTarget && _drift.ReorderedPicklists.Contains(full))
                {
                    (values[0], values[1]) = (values[1], values[0]);
                }

                lines.Open(0, "valueSet").Leaf(1, "restricted", "true").Open(1, "valueSetDefinition").Leaf(2, "sorted", "false");
                foreach (var value in values)
                {
                    lines.Open(2, "value").Leaf(3, "fullName", value).Leaf(3, "default", "false").Leaf(3, "label", value).Close(2, "value");
                }

                lines.Close(1, "valueSetDefinition").Close(0, "valueSet");
                break;
        }

        return lines;
    }

    private void WriteLayouts(int obj)
    {
        foreach (var variant in new[] { 'A', 'B' })
        {
            var name = Names.Layout(obj, variant);
            var fields = Enumerable.Range(0, 20).Select(Names.FieldName).ToList();
            if (IsTarget && _drift.ReorderedLayouts.Contains(name))
            {
                (fields[0], fields[1]) = (fields[1], fields[0]);
            }

            var body = new Lines().Open(0, "layoutSections").Leaf(1, "customLabel", "false").Leaf(1, "label", "Information");
            foreach (var column in new[] { fields.Take(10), fields.Skip(10) })
            {
                body.Open(1, "layoutColumns");
                foreach (var field in column)
                {
                    body.Open(2, "layoutItems").Leaf(3, "behavior", "Edit").Leaf(3, "field", field).Close(2, "layoutItems");
                }

                body.Close(1, "layoutColumns");
            }

            body.Leaf(1, "style", "TwoColumnsTopToBottom").Close(0, "layoutSections").Leaf(0, "showHighlightsPanel", "false");
            var xml = Lines.Document("Layout", body);
            if (IsTarget && _drift.BareLayouts.Contains(name))
            {
                xml = xml.Substring(xml.IndexOf('\n') + 1);
            }

            Save(XmlFile($"layouts/{name}.layout"), xml);
        }
    }

    // Profiles and permission sets: where the bytes of a large org are.
    private void WriteProfile(int index)
    {
        var name = Names.Profile(index);
        var body = new Lines();
        for (var c = 0; c < _shape.ApexClasses; c++)
        {
            body.Open(0, "classAccesses").Leaf(1, "apexClass", Names.ApexClass(c)).Leaf(1, "enabled", "true").Close(0, "classAccesses");
        }

        body.Leaf(0, "custom", "true").Leaf(0, "description", "Synthetic profile " + name + " of the SandboxOps benchmark");
        // Each profile grants edit on a different subset of fields, as real profiles do.
        var flip = IsTarget && _drift.FlippedProfiles.Contains(name);
        var heavy = IsTarget && _drift.HeavilyDriftedProfiles.Contains(name);
        var permissions = FieldPermissions(Enumerable.Range(0, _shape.Objects).SelectMany(o => Enumerable.Range(0, _shape.FieldsPerObject).Select(f => Names.Field(o, f))), i => ((i + index) % 5 != 0) ^ (flip && i == 0) ^ (heavy && i % 97 == 0));
        body.Append(IsTarget && _drift.ReorderedProfiles.Contains(name) ? Reversed(permissions) : Concat(permissions));
        for (var o = 0; o < _shape.Objects; o++)
        {
            body.Open(0, "objectPermissions").Leaf(1, "allowCreate", "true").Leaf(1, "allowDelete", "false").Leaf(1, "allowEdit", "true")
                .Leaf(1, "allowRead", "true").Leaf(1, "modifyAllRecords", "false").Leaf(1, "object", Names.Object(o)).Leaf(1, "viewAllRecords", "false").Close(0, "objectPermissions");
        }

        body.Leaf(0, "userLicense", "Salesforce");
        foreach (var permission in new[] { "ApiEnabled", "RunReports", "ViewSetup", "ExportReport", "EditTask" })
        {
            body.Open(0, "userPermissions").Leaf(1, "enabled", "true").Leaf(1, "name", permission).Close(0, "userPermissions");
        }

        Save(XmlFile($"profiles/{name}.profile"), Lines.Document("Profile", body));
    }

    private void WritePermissionSet(int index)
    {
        var name = Names.PermissionSet(index);
        var totalFields = _shape.Objects * _shape.FieldsPerObject;
        var start = index * 701 % totalFields;
        var fields = Enumerable.Range(0, _shape.PermissionSetEntries).Select(i => (start + i) % totalFields).Select(i => Names.Field(i / _shape.FieldsPerObject, i % _shape.FieldsPerObject));
        var body = new Lines().Leaf(0, "description", "Synthetic permission set " + name);
        var permissions = FieldPermissions(fields, _ => true);
        body.Append(IsTarget && _drift.ReorderedPermissionSets.Contains(name) ? Reversed(permissions) : Concat(permissions));
        body.Leaf(0, "hasActivationRequired", "false").Leaf(0, "label", name);
        Save(XmlFile($"permissionsets/{name}.permissionset"), Lines.Document("PermissionSet", body));
    }

    private static List<Lines> FieldPermissions(IEnumerable<string> fields, Func<int, bool> editable) =>
        fields.Select((field, i) => new Lines().Open(0, "fieldPermissions").Leaf(1, "editable", editable(i) ? "true" : "false")
            .Leaf(1, "field", field).Leaf(1, "readable", "true").Close(0, "fieldPermissions")).ToList();

    private static Lines Concat(IEnumerable<Lines> entries) => entries.Aggregate(new Lines(), (all, entry) => all.Append(entry));

    private static Lines Reversed(List<Lines> entries) => Concat(Enumerable.Reverse(entries));

    // Code.
    private void WriteClasses(int first, int count)
    {
        for (var c = first; c < first + count; c++)
        {
            var name = Names.ApexClass(c);
            if (IsTarget && _drift.DeletedClasses.Contains(name))
            {
                continue;
            }

            var code = ApexCode(name, edited: IsTarget && _drift.EditedClasses.Contains(name));
            if (IsTarget && _drift.CrlfClasses.Contains(name))
            {
                code = code.Replace("\n", "\r\n");
            }

            Save($"classes/{name}.cls", code);
            Save($"classes/{name}.cls-meta.xml", ApexMeta(IsTarget && _drift.ApiVersionClasses.Contains(name) ? "61.0" : "62.0"));
        }
    }

    private void WriteAddedClasses()
    {
        for (var i = 0; IsTarget && i < _drift.AddedClasses; i++)
        {
            var name = Names.AddedApexClass(i);
            Save($"classes/{name}.cls", ApexCode(name, edited: false));
            Save($"classes/{name}.cls-meta.xml", ApexMeta("62.0"));
        }
    }

    private static string ApexMeta(string version) =>
        Lines.Document("ApexClass", new Lines().Leaf(0, "apiVersion", version).Leaf(0, "status", "Active"));

    private static string ApexCode(string name, bool edited)
    {
        var code = new StringBuilder();
        code.Append("/**\n * ").Append(name).Append(": synthetic service class for the SandboxOps benchmark.\n */\n");
        code.Append("public with sharing class ").Append(name).Append(" {\n");
        for (var m = 0; m < 24; m++)
        {
            code.Append("    public static Integer method").Append(m).Append("(Integer input) {\n");
            code.Append("        Integer result = input * ").Append(m + 1).Append(";\n");
            code.Append("        if (result > ").Append(edited && m == 3 ? 500 : 1000).Append(") {\n");
            code.Append("            result = result - ").Append(m).Append(";\n        }\n");
            code.Append("        return result;\n    }\n\n");
        }

        return code.Append("}\n").ToString();
    }

    // Reports in nested folders.
    private void WriteReportFolder(int folder)
    {
        var folderName = Names.ReportFolder(folder);
        var folderMeta = Lines.Document("ReportFolder", new Lines().Leaf(0, "accessType", "Public").Leaf(0, "name", folderName.Replace('/', ' ')));
        Save(_source ? $"reports/{folderName}.reportFolder-meta.xml" : $"reports/{folderName}-meta.xml", folderMeta);
        for (var r = 0; r < _shape.ReportsPerFolder; r++)
        {
            var name = Names.Report(folder, r);
            if (IsTarget && _drift.DeletedReports.Contains(name))
            {
                continue;
            }

            var body = new Lines();
            for (var c = 0; c < 5; c++)
            {
                body.Open(0, "columns").Leaf(1, "field", Names.Object(r % Math.Max(1, _shape.Objects)) + "." + Names.FieldName(c)).Close(0, "columns");
            }

            body.Leaf(0, "format", "Tabular")
                .Leaf(0, "name", "Report " + name + (IsTarget && _drift.EditedReports.Contains(name) ? " v2" : string.Empty))
                .Leaf(0, "reportType", "CustomEntity$" + Names.Object(r % Math.Max(1, _shape.Objects)))
                .Leaf(0, "scope", "organization").Leaf(0, "showDetails", "true");
            var indent = IsTarget && _drift.ReindentedReports.Contains(name) ? "\t" : Indent;
            Save(XmlFile($"reports/{name}.report"), Lines.Document("Report", body, indent));
        }
    }

    private void WriteLabels()
    {
        var body = new Lines();
        for (var l = 0; l < _shape.Labels; l++)
        {
            var name = Names.Label(l);
            var value = "Synthetic label text number " + l.ToString(CultureInfo.InvariantCulture) + (IsTarget && _drift.EditedLabels.Contains(name) ? ", reworded" : string.Empty);
            body.Open(0, "labels").Leaf(1, "fullName", name).Leaf(1, "language", "en_US").Leaf(1, "protected", "false")
                .Leaf(1, "shortDescription", name).Leaf(1, "value", value).Close(0, "labels");
        }

        Save(XmlFile("labels/CustomLabels.labels"), Lines.Document("CustomLabels", body));
    }

    private void WriteStaticResource(int index)
    {
        var name = Names.StaticResource(index);
        var content = new byte[_shape.StaticResourceKilobytes * 1024];
        new Random(index).NextBytes(content);
        var path = Path.Combine(_root, "staticresources", _source ? name + ".bin" : name + ".resource");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        Save($"staticresources/{name}.resource-meta.xml", Lines.Document("StaticResource", new Lines().Leaf(0, "cacheControl", "Private").Leaf(0, "contentType", "application/octet-stream")));
    }
}
