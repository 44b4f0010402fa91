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
    public void Type_names_and_strict_folders_are_unique_and_a_shared_folder_names_no_type()
    {
        var types = MetadataTypeRegistry.Default.Types;
        Assert.Equal(types.Count, types.Select(t => t.Name).Distinct().Count());
        var strict = types.Where(t => t.StrictDirectory).ToList();
        Assert.Equal(strict.Count, strict.Select(t => t.DirectoryName).Distinct().Count());
        Assert.Equal("LightningComponentBundle", MetadataTypeRegistry.Default.FindByStrictDirectory("lwc")!.Name);

        // wave/ holds WaveDashboard, WaveLens, WaveRecipe...: only their suffixes tell them apart.
        Assert.Null(MetadataTypeRegistry.Default.FindByDirectory("wave"));
        Assert.Equal("WaveLens", MetadataTypeRegistry.Default.FindBySuffix("wlens")!.Name);
    }

    [Fact]
    public void Custom_label_names_stand_alone_while_other_children_carry_their_parent()
    {
        Assert.False(MetadataTypeRegistry.Default.FindByName("CustomLabels")!.Children.Single().NameIncludesParent);
        Assert.True(MetadataTypeRegistry.Default.FindByName("Workflow")!.ChildForElement("rules")!.NameIncludesParent);
    }

    [Fact]
    public void Every_type_of_Salesforces_registry_is_known_with_its_folder_and_suffix()
    {
        using var document = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(SalesforceRegistryPath()));
        var types = document.RootElement.GetProperty("types").EnumerateObject().Select(t => t.Value).ToList();
        Assert.True(types.Count >= 535);
        foreach (var type in types)
        {
            var definition = MetadataTypeRegistry.Default.FindByName(type.GetProperty("name").GetString()!);
            Assert.NotNull(definition);
            Assert.Equal(type.GetProperty("directoryName").GetString(), definition!.DirectoryName);
            if (type.TryGetProperty("suffix", out var suffix) && definition.Name != "ExperienceBundle")
            {
                Assert.Equal(suffix.GetString(), definition.Suffix);
            }
        }
    }

    [Fact]
    public void The_embedded_registry_is_the_one_Salesforce_publishes()
    {
        // The shared reference is beside the repository on developer machines and in CI; build.ps1 -Task UpdateRegistry copies it in.
        using var embedded = typeof(MetadataTypeRegistry).Assembly.GetManifestResourceStream(SalesforceRegistryReader.ResourceName)!;
        using var reader = new System.IO.StreamReader(embedded);
        var reference = System.IO.Path.Combine(TempTree.RepositoryRoot, "..", "shared", "reference", "salesforce", "sdr-metadata-registry.json");
        Assert.True(System.IO.File.Exists(reference), $"{reference} is missing: the registry cannot be checked against Salesforce's.");
        Assert.Equal(System.IO.File.ReadAllText(reference), reader.ReadToEnd());
    }

    [Theory]
    [InlineData("wave/Sales.wdash-meta.xml", "WaveDashboard", "Sales")]
    [InlineData("featureParameters/Limit.featureParameterInteger-meta.xml", "FeatureParameterInteger", "Limit")]
    [InlineData("territory2Models/Global/territories/EMEA.territory2-meta.xml", "Territory2", "Global.EMEA")]
    [InlineData("territory2Models/Global/Global.territory2Model-meta.xml", "Territory2Model", "Global")]
    [InlineData("email/Lightning.emailTemplateFolder-meta.xml", "EmailTemplateFolder", "Lightning")]
    [InlineData("digitalExperiences/site/Portal1/Portal1.digitalExperience-meta.xml", "DigitalExperienceBundle", "site/Portal1")]
    [InlineData("digitalExperiences/site/Portal1/sfdc_cms__view/home/content.json", "DigitalExperienceBundle", "site/Portal1")]
    [InlineData("audience/Members.audience-meta.xml", "Audience", "Members")]
    [InlineData("classes/deep/er/Foo.cls", "ApexClass", "Foo")]
    public void Types_beyond_the_common_ones_resolve_as_Salesforce_lays_them_out(string path, string type, string fullName)
    {
        var resolved = new SandboxOps.Engine.Reading.ComponentPathResolver(MetadataTypeRegistry.Default).Resolve(path);
        Assert.Equal((type, fullName), (resolved.TypeName, resolved.FullName));
    }

    private static string SalesforceRegistryPath() =>
        System.IO.Path.Combine(TempTree.RepositoryRoot, "src", "SandboxOps.Engine", "Registry", "sdr-metadata-registry.json");
}
