using System.Linq;
using SandboxOps.Engine.Registry;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.Registry;

public sealed class MetadataTypeRegistryTests
{
    public static TheoryData<string> RequiredTypes() => new TheoryData<string>().With((
        "ApexClass ApexTrigger ApexPage ApexComponent AuraDefinitionBundle LightningComponentBundle StaticResource CustomObject "
        + "CustomField RecordType ListView ValidationRule WebLink CompactLayout FieldSet BusinessProcess Index SharingReason "
        + "CustomLabels CustomLabel CustomMetadata CustomApplication CustomTab CustomPermission PermissionSet PermissionSetGroup Profile "
        + "Layout FlexiPage Flow FlowDefinition Workflow WorkflowRule WorkflowAlert WorkflowFieldUpdate WorkflowOutboundMessage WorkflowTask "
        + "SharingRules SharingCriteriaRule SharingOwnerRule AssignmentRules AutoResponseRules EscalationRules MatchingRules DuplicateRule "
        + "GlobalValueSet StandardValueSet Report ReportType Dashboard Document EmailTemplate ReportFolder DashboardFolder DocumentFolder "
        + "EmailFolder Queue Group Role NamedCredential ExternalCredential RemoteSiteSetting CspTrustedSite ConnectedApp CustomSite Settings "
        + "Translations CustomObjectTranslation QuickAction ApprovalProcess PlatformEventChannel ExperienceBundle ContentAsset "
        + "CustomNotificationType PathAssistant HomePageLayout Letterhead LightningMessageChannel InstalledPackage MutingPermissionSet").Split(' '));

    [Theory]
    [MemberData(nameof(RequiredTypes))]
    public void Knows_every_type_real_org_exports_hold(string typeName)
    {
        Assert.True(MetadataTypeRegistry.Default.IsKnownTypeName(typeName), typeName);
        Assert.Equal(typeName, MetadataTypeRegistry.Default.CanonicalName(typeName.ToUpperInvariant()));
    }

    [Fact]
    public void Has_ten_custom_object_child_types_each_with_element_folder_and_suffix()
    {
        var customObject = MetadataTypeRegistry.Default.FindByName("CustomObject")!;
        Assert.Equal(ComponentLayout.Decomposed, customObject.Layout);
        Assert.Equal(10, customObject.Children.Count);
        var field = customObject.ChildForElement("fields")!;
        Assert.Equal(("CustomField", "fields", "field"), (field.Name, field.SourceDirectory, field.SourceSuffix));
        Assert.Equal("CustomObject", MetadataTypeRegistry.Default.FindParentOfChild("ValidationRule")!.Name);
    }

    [Fact]
    public void Type_folders_map_to_their_content_type_not_the_folder_type()
    {
        Assert.Equal("Report", MetadataTypeRegistry.Default.FindByDirectory("reports")!.Name);
        Assert.Equal("EmailTemplate", MetadataTypeRegistry.Default.FindByDirectory("email")!.Name);
        Assert.Equal("ReportFolder", MetadataTypeRegistry.Default.FindByName("Report")!.FolderTypeName);
        Assert.Null(MetadataTypeRegistry.Default.FindByDirectory("nonsense"));
    }

    [Fact]
    public void Directory_names_and_type_names_are_unique()
    {
        var types = MetadataTypeRegistry.Default.Types;
        Assert.Equal(types.Count, types.Select(t => t.Name).Distinct().Count());
        Assert.Equal(
            types.Count(t => !t.IsFolder),
            types.Where(t => !t.IsFolder).Select(t => t.DirectoryName).Distinct().Count());
    }

    [Fact]
    public void Custom_label_names_stand_alone_while_other_children_carry_their_parent()
    {
        Assert.False(MetadataTypeRegistry.Default.FindByName("CustomLabels")!.Children.Single().NameIncludesParent);
        Assert.True(MetadataTypeRegistry.Default.FindByName("Workflow")!.ChildForElement("rules")!.NameIncludesParent);
    }
}
