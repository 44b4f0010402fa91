using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Registry;

namespace SandboxOps.Engine.Tests.Reading;

/// <summary>Every layout rule, in both formats: a file maps to (kind, type, fullName, role).</summary>
public sealed class ComponentPathResolverTests
{
    private readonly ComponentPathResolver _resolver = new(MetadataTypeRegistry.Default);

    [Theory]
    // plain
    [InlineData("profiles/Admin.profile", "XmlFile", "Profile", "Admin", "meta")]
    [InlineData("force-app/main/default/profiles/Admin.profile-meta.xml", "XmlFile", "Profile", "Admin", "meta")]
    [InlineData("layouts/Account-Account Layout.layout", "XmlFile", "Layout", "Account-Account Layout", "meta")]
    [InlineData("customMetadata/Region.EMEA.md-meta.xml", "XmlFile", "CustomMetadata", "Region.EMEA", "meta")]
    [InlineData("settings/Case.settings", "XmlFile", "Settings", "Case", "meta")]
    [InlineData("remoteSiteSettings/Billing.remoteSite-meta.xml", "XmlFile", "RemoteSiteSetting", "Billing", "meta")]
    // content + meta
    [InlineData("classes/Foo.cls", "Files", "ApexClass", "Foo", "content")]
    [InlineData("classes/Foo.cls-meta.xml", "Files", "ApexClass", "Foo", "meta")]
    [InlineData("triggers/T.trigger", "Files", "ApexTrigger", "T", "content")]
    [InlineData("pages/P.page-meta.xml", "Files", "ApexPage", "P", "meta")]
    // bundles
    [InlineData("lwc/card/card.js", "Files", "LightningComponentBundle", "card", "card.js")]
    [InlineData("lwc/card/card.js-meta.xml", "Files", "LightningComponentBundle", "card", "card.js-meta.xml")]
    [InlineData("aura/Box/BoxController.js", "Files", "AuraDefinitionBundle", "Box", "BoxController.js")]
    [InlineData("experiences/Portal1/config/portal.json", "Files", "ExperienceBundle", "Portal1", "config/portal.json")]
    [InlineData("experiences/Portal1.site-meta.xml", "Files", "ExperienceBundle", "Portal1", "meta")]
    // mixed content
    [InlineData("staticresources/Brand.resource", "Files", "StaticResource", "Brand", "content")]
    [InlineData("staticresources/Brand.resource-meta.xml", "Files", "StaticResource", "Brand", "meta")]
    [InlineData("staticresources/Brand.zip", "Files", "StaticResource", "Brand", "content")]
    [InlineData("staticresources/Brand/css/site.css", "Files", "StaticResource", "Brand", "content/css/site.css")]
    // decomposed
    [InlineData("objects/Account.object", "Container", "CustomObject", "Account", "meta")]
    [InlineData("objects/Account/Account.object-meta.xml", "Container", "CustomObject", "Account", "meta")]
    [InlineData("objects/Account/fields/Rating__c.field-meta.xml", "XmlFile", "CustomField", "Account.Rating__c", "meta")]
    [InlineData("objects/Account/recordTypes/Big.recordType-meta.xml", "XmlFile", "RecordType", "Account.Big", "meta")]
    [InlineData("objects/Account/validationRules/V.validationRule-meta.xml", "XmlFile", "ValidationRule", "Account.V", "meta")]
    [InlineData("objects/Account/listViews/All.listView-meta.xml", "XmlFile", "ListView", "Account.All", "meta")]
    [InlineData("objects/Account/webLinks/Map.webLink-meta.xml", "XmlFile", "WebLink", "Account.Map", "meta")]
    [InlineData("objects/Account/compactLayouts/C.compactLayout-meta.xml", "XmlFile", "CompactLayout", "Account.C", "meta")]
    [InlineData("objects/Account/fieldSets/F.fieldSet-meta.xml", "XmlFile", "FieldSet", "Account.F", "meta")]
    [InlineData("objects/Opportunity/businessProcesses/B.businessProcess-meta.xml", "XmlFile", "BusinessProcess", "Opportunity.B", "meta")]
    [InlineData("objects/Big__b/indexes/I.index-meta.xml", "XmlFile", "Index", "Big__b.I", "meta")]
    [InlineData("objects/Job__c/sharingReasons/S.sharingReason-meta.xml", "XmlFile", "SharingReason", "Job__c.S", "meta")]
    [InlineData("objectTranslations/Account-es/Account-es.objectTranslation-meta.xml", "Container", "CustomObjectTranslation", "Account-es", "meta")]
    [InlineData("objectTranslations/Account-es/Rating__c.fieldTranslation-meta.xml", "XmlFile", "CustomFieldTranslation", "Account-es.Rating__c", "meta")]
    // one file, many children
    [InlineData("labels/CustomLabels.labels", "Container", "CustomLabels", "CustomLabels", "meta")]
    [InlineData("labels/CustomLabels.labels-meta.xml", "Container", "CustomLabels", "CustomLabels", "meta")]
    [InlineData("labels/Greeting.label-meta.xml", "XmlFile", "CustomLabel", "Greeting", "meta")]
    [InlineData("workflows/Account.workflow", "Container", "Workflow", "Account", "meta")]
    [InlineData("workflows/Account/workflowRules/Escalate.workflowRule-meta.xml", "XmlFile", "WorkflowRule", "Account.Escalate", "meta")]
    [InlineData("sharingRules/Account.sharingRules-meta.xml", "Container", "SharingRules", "Account", "meta")]
    [InlineData("matchingRules/Account.matchingRule", "Container", "MatchingRules", "Account", "meta")]
    // in folder
    [InlineData("reports/Sales/Pipeline.report", "XmlFile", "Report", "Sales/Pipeline", "meta")]
    [InlineData("reports/Sales/Quarterly/Q1.report-meta.xml", "XmlFile", "Report", "Sales/Quarterly/Q1", "meta")]
    [InlineData("reports/Sales-meta.xml", "XmlFile", "ReportFolder", "Sales", "meta")]
    [InlineData("reports/Sales/Quarterly-meta.xml", "XmlFile", "ReportFolder", "Sales/Quarterly", "meta")]
    [InlineData("reports/Sales.reportFolder-meta.xml", "XmlFile", "ReportFolder", "Sales", "meta")]
    [InlineData("dashboards/Exec/Board.dashboard", "XmlFile", "Dashboard", "Exec/Board", "meta")]
    [InlineData("email/Billing/Reminder.email", "Files", "EmailTemplate", "Billing/Reminder", "content")]
    [InlineData("email/Billing/Reminder.email-meta.xml", "Files", "EmailTemplate", "Billing/Reminder", "meta")]
    [InlineData("email/Billing.emailFolder-meta.xml", "XmlFile", "EmailFolder", "Billing", "meta")]
    [InlineData("documents/Shared/logo.png", "Files", "Document", "Shared/logo", "content")]
    [InlineData("documents/Shared/logo.png-meta.xml", "Files", "Document", "Shared/logo", "meta")]
    [InlineData("documents/Shared/logo.document-meta.xml", "Files", "Document", "Shared/logo", "meta")]
    [InlineData("documents/Shared-meta.xml", "XmlFile", "DocumentFolder", "Shared", "meta")]
    // opt-in decomposed permission set
    [InlineData("permissionsets/Billing/objectSettings/Invoice__c.objectSettings-meta.xml", "Merged", "PermissionSet", "Billing", "objectSettings/Invoice__c.objectSettings-meta.xml")]
    [InlineData("permissionsets/Billing/Billing.permissionset-meta.xml", "Merged", "PermissionSet", "Billing", "Billing.permissionset-meta.xml")]
    // unknown
    [InlineData("widgets/Thing.widget", "Unknown", "Unknown", "widgets/Thing.widget", "content")]
    [InlineData("classes/README.md", "Unknown", "Unknown", "classes/README.md", "content")]
    [InlineData("reports/Orphan.report", "Unknown", "Unknown", "reports/Orphan.report", "content")]
    public void Resolves_file_to_component(string path, string kind, string type, string fullName, string role)
    {
        var resolved = _resolver.Resolve(path);
        Assert.Equal((kind, type, fullName, role), (resolved.Kind.ToString(), resolved.TypeName, resolved.FullName, resolved.Role));
    }

    [Theory]
    [InlineData("lwc/jsconfig.json")]
    [InlineData("force-app/main/default/lwc/.eslintrc.json")]
    [InlineData("lwc/card/__tests__/card.test.js")]
    public void Tooling_beside_bundles_is_ignored(string path) =>
        Assert.Equal(UnitKind.Ignored, _resolver.Resolve(path).Kind);

    [Fact]
    public void Child_files_name_their_parent()
    {
        Assert.Equal("Account", _resolver.Resolve("objects/Account/fields/Rating__c.field-meta.xml").Parent);
        Assert.Equal("CustomLabels", _resolver.Resolve("labels/Greeting.label-meta.xml").Parent);
    }
}
