using System;
using System.Globalization;

namespace SandboxOps.Bench.Generator;

/// <summary>Component names of the synthetic orgs, one place for both the writer and the drift.</summary>
internal static class Names
{
    private static readonly string[] FieldTypes = { "Text", "Number", "Picklist", "Checkbox", "Date", "Currency", "LongTextArea" };

    public static string Object(int index) => string.Create(CultureInfo.InvariantCulture, $"Obj{index:D4}__c");

    public static string FieldName(int field) => string.Create(CultureInfo.InvariantCulture, $"F{field:D3}__c");

    public static string Field(int obj, int field) => Object(obj) + "." + FieldName(field);

    public static string FieldType(string fullName) => FieldTypes[int.Parse(fullName.AsSpan(fullName.Length - 6, 3), CultureInfo.InvariantCulture) % FieldTypes.Length];

    public static string ValidationRule(int obj, int rule) => Object(obj) + ".Rule" + rule.ToString(CultureInfo.InvariantCulture);

    public static string Layout(int obj, char variant) => Object(obj) + "-Layout " + variant;

    public static string ApexClass(int index) => string.Create(CultureInfo.InvariantCulture, $"Class{index:D5}");

    public static string AddedApexClass(int index) => string.Create(CultureInfo.InvariantCulture, $"NewClass{index:D4}");

    public static string Profile(int index) => string.Create(CultureInfo.InvariantCulture, $"Profile{index:D2}");

    public static string PermissionSet(int index) => string.Create(CultureInfo.InvariantCulture, $"PermSet{index:D3}");

    public static string Label(int index) => string.Create(CultureInfo.InvariantCulture, $"Label{index:D5}");

    /// <summary>Half the folders are nested in the other half: F007 and F007/Sub.</summary>
    public static string ReportFolder(int folder) => folder % 2 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"F{folder:D3}")
        : string.Create(CultureInfo.InvariantCulture, $"F{folder - 1:D3}/Sub");

    public static string Report(int folder, int report) => ReportFolder(folder) + string.Create(CultureInfo.InvariantCulture, $"/Report{report:D3}");

    public static string StaticResource(int index) => string.Create(CultureInfo.InvariantCulture, $"Res{index:D3}");
}
