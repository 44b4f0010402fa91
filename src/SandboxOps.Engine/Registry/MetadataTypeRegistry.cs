using System;
using System.Collections.Generic;
using System.Linq;

namespace SandboxOps.Engine.Registry;

/// <summary>
/// SandboxOps' own registry of Metadata API types. A new type is one line in <see cref="CreateDefault"/>;
/// a new layout needs a rule in <c>Reading/ComponentPathResolver</c>.
/// </summary>
public sealed class MetadataTypeRegistry
{
    /// <summary>The type name given to files no registered type claims.</summary>
    public const string UnknownTypeName = "Unknown";

    private static readonly Lazy<MetadataTypeRegistry> DefaultRegistry = new(CreateDefault);

    private readonly Dictionary<string, MetadataTypeDefinition> _byName;
    private readonly Dictionary<string, MetadataTypeDefinition> _contentTypeByDirectory;
    private readonly Dictionary<string, ChildTypeDefinition> _childByName;
    private readonly Dictionary<string, MetadataTypeDefinition> _parentOfChild;

    public MetadataTypeRegistry(IEnumerable<MetadataTypeDefinition> types)
    {
        var all = types.ToList();
        _byName = all.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
        _contentTypeByDirectory = all
            .Where(t => !t.IsFolder)
            .ToDictionary(t => t.DirectoryName, StringComparer.Ordinal);
        _childByName = new Dictionary<string, ChildTypeDefinition>(StringComparer.OrdinalIgnoreCase);
        _parentOfChild = new Dictionary<string, MetadataTypeDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var parent in all)
        {
            foreach (var child in parent.Children)
            {
                _childByName[child.Name] = child;
                _parentOfChild[child.Name] = parent;
            }
        }

        Types = all;
    }

    public static MetadataTypeRegistry Default => DefaultRegistry.Value;

    public IReadOnlyList<MetadataTypeDefinition> Types { get; }

    /// <summary>Every type name a component can have, children included, sorted: for completers and validation.</summary>
    public IEnumerable<string> AllTypeNames =>
        _byName.Keys.Concat(_childByName.Keys).Append(UnknownTypeName).OrderBy(n => n, StringComparer.Ordinal);

    public MetadataTypeDefinition? FindByName(string name) => _byName.TryGetValue(name, out var t) ? t : null;

    /// <summary>The (non-folder) type that owns a type folder such as <c>classes</c>.</summary>
    public MetadataTypeDefinition? FindByDirectory(string directoryName) =>
        _contentTypeByDirectory.TryGetValue(directoryName, out var t) ? t : null;

    public bool IsKnownTypeName(string name) =>
        _byName.ContainsKey(name) || _childByName.ContainsKey(name)
        || string.Equals(name, UnknownTypeName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The parent type of a child type name (CustomObject for CustomField), or null.</summary>
    public MetadataTypeDefinition? FindParentOfChild(string childTypeName) =>
        _parentOfChild.TryGetValue(childTypeName, out var t) ? t : null;

    /// <summary>The canonical spelling of a type name, or null when unknown.</summary>
    public string? CanonicalName(string name)
    {
        if (_byName.TryGetValue(name, out var t))
        {
            return t.Name;
        }

        if (_childByName.TryGetValue(name, out var c))
        {
            return c.Name;
        }

        return string.Equals(name, UnknownTypeName, StringComparison.OrdinalIgnoreCase) ? UnknownTypeName : null;
    }

    private static MetadataTypeRegistry CreateDefault()
    {
        var types = new List<MetadataTypeDefinition>();

        void Plain(string name, string directory, string suffix) =>
            types.Add(new MetadataTypeDefinition(name, directory, suffix, ComponentLayout.Plain));
        void WithContent(string name, string directory, string suffix) =>
            types.Add(new MetadataTypeDefinition(name, directory, suffix, ComponentLayout.ContentWithMeta));
        void InFolder(string name, string directory, string suffix, ComponentLayout layout, string folderType, string folderSuffix)
        {
            types.Add(new MetadataTypeDefinition(name, directory, suffix, layout, folderTypeName: folderType));
            types.Add(new MetadataTypeDefinition(folderType, directory, folderSuffix, ComponentLayout.Plain, contentTypeName: name));
        }

        void WithChildren(string name, string directory, string suffix, ComponentLayout layout, params ChildTypeDefinition[] children) =>
            types.Add(new MetadataTypeDefinition(name, directory, suffix, layout, children: children));
        static ChildTypeDefinition Child(string name, string element, string sourceDirectory, string sourceSuffix) =>
            new(name, element, sourceDirectory, sourceSuffix, nameIncludesParent: true);

        // Code and content + meta.
        WithContent("ApexClass", "classes", "cls");
        WithContent("ApexTrigger", "triggers", "trigger");
        WithContent("ApexPage", "pages", "page");
        WithContent("ApexComponent", "components", "component");
        WithContent("ContentAsset", "contentassets", "asset");
        WithContent("Certificate", "certs", "crt");
        types.Add(new MetadataTypeDefinition("AuraDefinitionBundle", "aura", null, ComponentLayout.Bundle));
        types.Add(new MetadataTypeDefinition("LightningComponentBundle", "lwc", null, ComponentLayout.Bundle));
        types.Add(new MetadataTypeDefinition("ExperienceBundle", "experiences", "site", ComponentLayout.Bundle));
        types.Add(new MetadataTypeDefinition("StaticResource", "staticresources", "resource", ComponentLayout.MixedContent));

        // In-folder types and their folders.
        InFolder("Report", "reports", "report", ComponentLayout.Plain, "ReportFolder", "reportFolder");
        InFolder("Dashboard", "dashboards", "dashboard", ComponentLayout.Plain, "DashboardFolder", "dashboardFolder");
        InFolder("Document", "documents", "document", ComponentLayout.MixedContent, "DocumentFolder", "documentFolder");
        InFolder("EmailTemplate", "email", "email", ComponentLayout.ContentWithMeta, "EmailFolder", "emailFolder");

        // Decomposed in source format: one folder per child type.
        WithChildren(
            "CustomObject",
            "objects",
            "object",
            ComponentLayout.Decomposed,
            Child("CustomField", "fields", "fields", "field"),
            Child("RecordType", "recordTypes", "recordTypes", "recordType"),
            Child("ListView", "listViews", "listViews", "listView"),
            Child("ValidationRule", "validationRules", "validationRules", "validationRule"),
            Child("WebLink", "webLinks", "webLinks", "webLink"),
            Child("CompactLayout", "compactLayouts", "compactLayouts", "compactLayout"),
            Child("FieldSet", "fieldSets", "fieldSets", "fieldSet"),
            Child("BusinessProcess", "businessProcesses", "businessProcesses", "businessProcess"),
            Child("Index", "indexes", "indexes", "index"),
            Child("SharingReason", "sharingReasons", "sharingReasons", "sharingReason"));
        WithChildren(
            "CustomObjectTranslation",
            "objectTranslations",
            "objectTranslation",
            ComponentLayout.Decomposed,
            new ChildTypeDefinition("CustomFieldTranslation", "fields", "fields", "fieldTranslation", nameIncludesParent: true, identityElement: "name"));
        WithChildren("Bot", "bots", "bot", ComponentLayout.Decomposed, Child("BotVersion", "botVersions", "botVersions", "botVersion"));

        // One file, many children (decomposed into folders only when a project opts in).
        WithChildren(
            "CustomLabels",
            "labels",
            "labels",
            ComponentLayout.ChildrenInFile,
            new ChildTypeDefinition("CustomLabel", "labels", "labels", "label", nameIncludesParent: false));
        WithChildren(
            "Workflow",
            "workflows",
            "workflow",
            ComponentLayout.ChildrenInFile,
            Child("WorkflowRule", "rules", "workflowRules", "workflowRule"),
            Child("WorkflowAlert", "alerts", "workflowAlerts", "workflowAlert"),
            Child("WorkflowFieldUpdate", "fieldUpdates", "workflowFieldUpdates", "workflowFieldUpdate"),
            Child("WorkflowOutboundMessage", "outboundMessages", "workflowOutboundMessages", "workflowOutboundMessage"),
            Child("WorkflowTask", "tasks", "workflowTasks", "workflowTask"),
            Child("WorkflowFlowAction", "flowActions", "workflowFlowActions", "workflowFlowAction"),
            Child("WorkflowSend", "send", "workflowSends", "workflowSend"),
            Child("WorkflowKnowledgePublish", "knowledgePublishes", "workflowKnowledgePublishs", "workflowKnowledgePublish"));
        WithChildren(
            "SharingRules",
            "sharingRules",
            "sharingRules",
            ComponentLayout.ChildrenInFile,
            Child("SharingCriteriaRule", "sharingCriteriaRules", "sharingCriteriaRules", "sharingCriteriaRule"),
            Child("SharingOwnerRule", "sharingOwnerRules", "sharingOwnerRules", "sharingOwnerRule"),
            Child("SharingGuestRule", "sharingGuestRules", "sharingGuestRules", "sharingGuestRule"),
            Child("SharingTerritoryRule", "sharingTerritoryRules", "sharingTerritoryRules", "sharingTerritoryRule"));
        WithChildren("AssignmentRules", "assignmentRules", "assignmentRules", ComponentLayout.ChildrenInFile, Child("AssignmentRule", "assignmentRule", "assignmentRules", "assignmentRule"));
        WithChildren("AutoResponseRules", "autoResponseRules", "autoResponseRules", ComponentLayout.ChildrenInFile, Child("AutoResponseRule", "autoResponseRule", "autoResponseRules", "autoResponseRule"));
        WithChildren("EscalationRules", "escalationRules", "escalationRules", ComponentLayout.ChildrenInFile, Child("EscalationRule", "escalationRule", "escalationRules", "escalationRule"));
        WithChildren("MatchingRules", "matchingRules", "matchingRule", ComponentLayout.ChildrenInFile, Child("MatchingRule", "matchingRules", "matchingRules", "matchingRule"));

        // Plain XML types.
        Plain("CustomMetadata", "customMetadata", "md");
        Plain("CustomApplication", "applications", "app");
        Plain("CustomTab", "tabs", "tab");
        Plain("CustomPermission", "customPermissions", "customPermission");
        types.Add(new MetadataTypeDefinition("PermissionSet", "permissionsets", "permissionset", ComponentLayout.Plain, mergedFromSourceFolder: true));
        Plain("PermissionSetGroup", "permissionsetgroups", "permissionsetgroup");
        Plain("MutingPermissionSet", "mutingpermissionsets", "mutingpermissionset");
        Plain("Profile", "profiles", "profile");
        Plain("Layout", "layouts", "layout");
        Plain("FlexiPage", "flexipages", "flexipage");
        Plain("Flow", "flows", "flow");
        Plain("FlowDefinition", "flowDefinitions", "flowDefinition");
        Plain("DuplicateRule", "duplicateRules", "duplicateRule");
        Plain("GlobalValueSet", "globalValueSets", "globalValueSet");
        Plain("StandardValueSet", "standardValueSets", "standardValueSet");
        Plain("GlobalValueSetTranslation", "globalValueSetTranslations", "globalValueSetTranslation");
        Plain("StandardValueSetTranslation", "standardValueSetTranslations", "standardValueSetTranslation");
        Plain("ReportType", "reportTypes", "reportType");
        Plain("Queue", "queues", "queue");
        Plain("Group", "groups", "group");
        Plain("Role", "roles", "role");
        Plain("NamedCredential", "namedCredentials", "namedCredential");
        Plain("ExternalCredential", "externalCredentials", "externalCredential");
        Plain("RemoteSiteSetting", "remoteSiteSettings", "remoteSite");
        Plain("CspTrustedSite", "cspTrustedSites", "cspTrustedSite");
        Plain("ConnectedApp", "connectedApps", "connectedApp");
        Plain("AuthProvider", "authproviders", "authprovider");
        Plain("CustomSite", "sites", "site");
        Plain("Settings", "settings", "settings");
        Plain("Translations", "translations", "translation");
        Plain("QuickAction", "quickActions", "quickAction");
        Plain("ApprovalProcess", "approvalProcesses", "approvalProcess");
        Plain("PlatformEventChannel", "platformEventChannels", "platformEventChannel");
        Plain("CustomNotificationType", "notificationtypes", "notiftype");
        Plain("PathAssistant", "pathAssistants", "pathAssistant");
        Plain("HomePageLayout", "homePageLayouts", "homePageLayout");
        Plain("Letterhead", "letterhead", "letter");
        Plain("LightningMessageChannel", "messageChannels", "messageChannel");
        Plain("InstalledPackage", "installedPackages", "installedPackage");
        Plain("ApexTestSuite", "testSuites", "testSuite");
        Plain("CustomPageWebLink", "weblinks", "weblink");
        Plain("Network", "networks", "network");
        Plain("NavigationMenu", "navigationMenus", "navigationMenu");
        Plain("BrandingSet", "brandingSets", "brandingSet");
        Plain("LightningExperienceTheme", "lightningExperienceThemes", "lightningExperienceTheme");
        Plain("PlatformCachePartition", "cachePartitions", "cachePartition");
        Plain("TopicsForObjects", "topicsForObjects", "topicsForObjects");
        Plain("AppMenu", "appMenus", "appMenu");
        Plain("Community", "communities", "community");
        Plain("CallCenter", "callCenters", "callCenter");
        Plain("EntitlementProcess", "entitlementProcesses", "entitlementProcess");

        return new MetadataTypeRegistry(types);
    }
}
