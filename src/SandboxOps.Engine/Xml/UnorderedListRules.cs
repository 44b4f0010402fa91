using System;
using System.Collections.Generic;

namespace SandboxOps.Engine.Xml;

/// <summary>
/// Lists whose order carries no meaning, per type, and the elements that key their entries. Everything
/// else keeps its order: picklist values, layout sections and items are compared by position.
/// </summary>
internal static class UnorderedListRules
{
    private static readonly Dictionary<string, string[]> PermissionKeys = new(StringComparer.Ordinal)
    {
        ["fieldPermissions"] = new[] { "field" },
        ["objectPermissions"] = new[] { "object" },
        ["classAccesses"] = new[] { "apexClass" },
        ["pageAccesses"] = new[] { "apexPage" },
        ["recordTypeVisibilities"] = new[] { "recordType" },
        ["tabVisibilities"] = new[] { "tab" },
        ["tabSettings"] = new[] { "tab" },
        ["applicationVisibilities"] = new[] { "application" },
        ["userPermissions"] = new[] { "name" },
        ["customPermissions"] = new[] { "name" },
        ["customMetadataTypeAccesses"] = new[] { "name" },
        ["customSettingAccesses"] = new[] { "name" },
        ["flowAccesses"] = new[] { "flow" },
        ["externalDataSourceAccesses"] = new[] { "externalDataSource" },
        ["categoryGroupVisibilities"] = new[] { "dataCategoryGroup" },
        ["profileActionOverrides"] = new[] { "actionName", "formFactor", "pageOrSobjectType", "recordType" },
        ["layoutAssignments"] = new[] { "layout", "recordType" },
    };

    private static readonly Dictionary<string, string[]> TranslationKeys = new(StringComparer.Ordinal)
    {
        ["customApplications"] = new[] { "name" },
        ["customLabels"] = new[] { "name" },
        ["customPageWebLinks"] = new[] { "name" },
        ["customTabs"] = new[] { "name" },
        ["flowDefinitions"] = new[] { "fullName" },
        ["quickActions"] = new[] { "name" },
        ["reportTypes"] = new[] { "name" },
        ["scontrols"] = new[] { "name" },
        ["fields"] = new[] { "name" },
        ["recordTypes"] = new[] { "name" },
        ["validationRules"] = new[] { "name" },
        ["webLinks"] = new[] { "name" },
        ["layouts"] = new[] { "layout" },
        ["sharingReasons"] = new[] { "name" },
        ["fieldSets"] = new[] { "name" },
        ["quickActionTranslations"] = new[] { "name" },
    };

    private static readonly Dictionary<string, string[]> NamedCredentialKeys = new(StringComparer.Ordinal)
    {
        ["namedCredentialParameters"] = new[] { "parameterName" },
    };

    private static readonly Dictionary<string, string[]> ExternalCredentialKeys = new(StringComparer.Ordinal)
    {
        ["externalCredentialParameters"] = new[] { "parameterGroup", "parameterName" },
    };

    private static readonly Dictionary<string, string[]> None = new(StringComparer.Ordinal);

    /// <summary>Keyed lists at the root of a component of this type (element name to key elements).</summary>
    public static IReadOnlyDictionary<string, string[]> ForType(string typeName) => typeName switch
    {
        "Profile" or "PermissionSet" or "MutingPermissionSet" => PermissionKeys,
        "Translations" or "CustomObjectTranslation" => TranslationKeys,
        "NamedCredential" => NamedCredentialKeys,
        "ExternalCredential" => ExternalCredentialKeys,
        _ => None,
    };
}
