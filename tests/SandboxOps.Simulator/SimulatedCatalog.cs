namespace SandboxOps.Simulator;

/// <summary>How the files of a simulated type lie in a Metadata API folder.</summary>
public enum SimulatedLayout
{
    /// <summary>One file: <c>flows/Name.flow</c>.</summary>
    Plain,

    /// <summary>A content file and its meta file: <c>classes/Name.cls</c> + <c>-meta.xml</c>.</summary>
    WithMeta,

    /// <summary>A folder: <c>lwc/name/**</c>.</summary>
    Bundle,

    /// <summary>A file of any extension (or a folder) and its meta file: <c>staticresources/Name.resource</c>.</summary>
    Resource,

    /// <summary>In a folder of its folder type: <c>reports/Folder/Name.report</c>, <c>reports/Folder-meta.xml</c>.</summary>
    InFolder,
}

/// <summary>One type the simulated org serves.</summary>
public sealed record SimulatedType(string Name, string Directory, string? Suffix, SimulatedLayout Layout, string? FolderType = null, IReadOnlyDictionary<string, string>? Children = null);

/// <summary>
/// The simulator's own table of the Metadata API types it serves, written from Salesforce's Metadata API
/// documentation (type names, folders, suffixes, child elements) and deliberately not taken from the
/// engine's registry: a misreading there must show up as a test failure, not be echoed back by the org.
/// Types an org describes but this table does not serve are described and list empty.
/// </summary>
public static class SimulatedCatalog
{
    private static readonly Dictionary<string, string> ObjectChildren = new(StringComparer.Ordinal)
    {
        ["fields"] = "CustomField",
        ["recordTypes"] = "RecordType",
        ["listViews"] = "ListView",
        ["validationRules"] = "ValidationRule",
        ["webLinks"] = "WebLink",
        ["compactLayouts"] = "CompactLayout",
        ["fieldSets"] = "FieldSet",
        ["businessProcesses"] = "BusinessProcess",
        ["indexes"] = "Index",
        ["sharingReasons"] = "SharingReason",
    };

    public static readonly IReadOnlyList<SimulatedType> Types = new List<SimulatedType>
    {
        new("ApexClass", "classes", "cls", SimulatedLayout.WithMeta),
        new("ApexTrigger", "triggers", "trigger", SimulatedLayout.WithMeta),
        new("ApexPage", "pages", "page", SimulatedLayout.WithMeta),
        new("ApexComponent", "components", "component", SimulatedLayout.WithMeta),
        new("LightningComponentBundle", "lwc", null, SimulatedLayout.Bundle),
        new("AuraDefinitionBundle", "aura", null, SimulatedLayout.Bundle),
        new("StaticResource", "staticresources", "resource", SimulatedLayout.Resource),
        new("CustomObject", "objects", "object", SimulatedLayout.Plain, Children: ObjectChildren),
        new("CustomObjectTranslation", "objectTranslations", "objectTranslation", SimulatedLayout.Plain),
        new("CustomLabels", "labels", "labels", SimulatedLayout.Plain, Children: new Dictionary<string, string> { ["labels"] = "CustomLabel" }),
        new("Workflow", "workflows", "workflow", SimulatedLayout.Plain, Children: new Dictionary<string, string> { ["rules"] = "WorkflowRule", ["alerts"] = "WorkflowAlert", ["fieldUpdates"] = "WorkflowFieldUpdate", ["outboundMessages"] = "WorkflowOutboundMessage", ["tasks"] = "WorkflowTask" }),
        new("SharingRules", "sharingRules", "sharingRules", SimulatedLayout.Plain, Children: new Dictionary<string, string> { ["sharingCriteriaRules"] = "SharingCriteriaRule", ["sharingOwnerRules"] = "SharingOwnerRule" }),
        new("Profile", "profiles", "profile", SimulatedLayout.Plain),
        new("PermissionSet", "permissionsets", "permissionset", SimulatedLayout.Plain),
        new("PermissionSetGroup", "permissionsetgroups", "permissionsetgroup", SimulatedLayout.Plain),
        new("MutingPermissionSet", "mutingpermissionsets", "mutingpermissionset", SimulatedLayout.Plain),
        new("Layout", "layouts", "layout", SimulatedLayout.Plain),
        new("FlexiPage", "flexipages", "flexipage", SimulatedLayout.Plain),
        new("Flow", "flows", "flow", SimulatedLayout.Plain),
        new("FlowDefinition", "flowDefinitions", "flowDefinition", SimulatedLayout.Plain),
        new("CustomTab", "tabs", "tab", SimulatedLayout.Plain),
        new("CustomApplication", "applications", "app", SimulatedLayout.Plain),
        new("CustomMetadata", "customMetadata", "md", SimulatedLayout.Plain),
        new("CustomPermission", "customPermissions", "customPermission", SimulatedLayout.Plain),
        new("NamedCredential", "namedCredentials", "namedCredential", SimulatedLayout.Plain),
        new("RemoteSiteSetting", "remoteSiteSettings", "remoteSite", SimulatedLayout.Plain),
        new("GlobalValueSet", "globalValueSets", "globalValueSet", SimulatedLayout.Plain),
        new("StandardValueSet", "standardValueSets", "standardValueSet", SimulatedLayout.Plain),
        new("QuickAction", "quickActions", "quickAction", SimulatedLayout.Plain),
        new("Settings", "settings", "settings", SimulatedLayout.Plain),
        new("Translations", "translations", "translation", SimulatedLayout.Plain),
        new("ReportType", "reportTypes", "reportType", SimulatedLayout.Plain),
        new("Report", "reports", "report", SimulatedLayout.InFolder, "ReportFolder"),
        new("Dashboard", "dashboards", "dashboard", SimulatedLayout.InFolder, "DashboardFolder"),
        new("EmailTemplate", "email", "email", SimulatedLayout.InFolder, "EmailFolder"),
        new("Document", "documents", null, SimulatedLayout.InFolder, "DocumentFolder"),
    };

    /// <summary>Types an org describes that this simulator holds none of (an org describes a few hundred whether or not it has them).</summary>
    private static readonly string[] DescribedOnly =
    {
        "AnalyticSnapshot", "ApexTestSuite", "AppMenu", "ApprovalProcess", "AssignmentRules", "AuthProvider", "AutoResponseRules",
        "BrandingSet", "CallCenter", "Certificate", "CleanDataService", "Community", "ConnectedApp", "ContentAsset", "CspTrustedSite",
        "CustomNotificationType", "CustomPageWebLink", "CustomSite", "DataCategoryGroup", "DelegateGroup", "DuplicateRule",
        "EntitlementProcess", "EscalationRules", "ExperienceBundle", "ExternalCredential", "ExternalDataSource",
        "ExternalServiceRegistration", "GlobalValueSetTranslation", "Group", "HomePageComponent", "HomePageLayout", "InstalledPackage",
        "LeadConvertSettings", "Letterhead", "LightningExperienceTheme", "LightningMessageChannel", "ManagedTopics", "MatchingRules",
        "Network", "NetworkBranding", "PathAssistant", "PlatformCachePartition", "PlatformEventChannel", "Queue", "Role", "SamlSsoConfig",
        "SharingSet", "SiteDotCom", "StandardValueSetTranslation", "TopicsForObjects", "TransactionSecurityPolicy", "WaveDashboard",
    };

    public static IEnumerable<string> Described => Types.Select(t => t.Name).Concat(DescribedOnly).Distinct().OrderBy(n => n, StringComparer.Ordinal);

    public static SimulatedType? ByName(string name) => Types.FirstOrDefault(t => t.Name == name);

    public static SimulatedType? ByDirectory(string directory) => Types.FirstOrDefault(t => t.Directory == directory);

    /// <summary>The content type of a folder type: EmailTemplate for EmailFolder.</summary>
    public static SimulatedType? OfFolderType(string folderType) => Types.FirstOrDefault(t => t.FolderType == folderType);

    /// <summary>Whether a type name is one the Metadata API has (for deploys: an unknown name is a package-level failure).</summary>
    public static bool IsKnown(string name) =>
        Described.Contains(name, StringComparer.Ordinal) || Types.Any(t => t.FolderType == name || (t.Children?.Values.Contains(name) ?? false));

    /// <summary>The type whose child a type name is (CustomObject for CustomField).</summary>
    public static SimulatedType? ParentOf(string childType) => Types.FirstOrDefault(t => t.Children?.Values.Contains(childType) ?? false);

    /// <summary>
    /// Keys of the permission entries a deployed profile merges by (Metadata API guide, Profile): Salesforce
    /// adds or changes the entries a deploy names and revokes none it leaves out.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> ProfileEntryKeys = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["fieldPermissions"] = new[] { "field" },
        ["objectPermissions"] = new[] { "object" },
        ["classAccesses"] = new[] { "apexClass" },
        ["pageAccesses"] = new[] { "apexPage" },
        ["recordTypeVisibilities"] = new[] { "recordType" },
        ["tabVisibilities"] = new[] { "tab" },
        ["applicationVisibilities"] = new[] { "application" },
        ["userPermissions"] = new[] { "name" },
        ["customPermissions"] = new[] { "name" },
        ["customMetadataTypeAccesses"] = new[] { "name" },
        ["customSettingAccesses"] = new[] { "name" },
        ["flowAccesses"] = new[] { "flow" },
        ["layoutAssignments"] = new[] { "layout", "recordType" },
    };
}
