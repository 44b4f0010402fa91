using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.Reading;

/// <summary>Layouts that need both formats side by side: each pair must give the same component and hash.</summary>
public sealed class SourceLayoutTests
{
    private static readonly string Meta = Read.Doc("StaticResource", "<cacheControl>Public</cacheControl><contentType>application/zip</contentType>");

    private static byte[] ZipOf(params (string Name, string Content)[] entries)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(content);
            }
        }

        return memory.ToArray();
    }

    private static MetadataComponent Only(TempTree tree, string type)
    {
        var (components, observer) = Read.All(tree.Root);
        Assert.Empty(observer.Problems);
        return components.Single(c => c.Type == type);
    }

    [Fact]
    public void A_zipped_static_resource_equals_the_same_files_as_a_folder()
    {
        using var mdapi = new TempTree().Write("package.xml", Read.Doc("Package", string.Empty))
            .WriteBytes("staticresources/Brand.resource", ZipOf(("css/site.css", "a { }\n"), ("img/logo.svg", "<svg/>\n")))
            .Write("staticresources/Brand.resource-meta.xml", Meta);
        using var source = new TempTree().Write("sfdx-project.json", """{ "packageDirectories": [ { "path": "force-app" } ] }""")
            .Write("force-app/main/default/staticresources/Brand/css/site.css", "a { }\r\n")
            .Write("force-app/main/default/staticresources/Brand/img/logo.svg", "<svg/>\n")
            .Write("force-app/main/default/staticresources/Brand.resource-meta.xml", Meta);

        var zipped = Only(mdapi, "StaticResource");
        var folder = Only(source, "StaticResource");
        Assert.Equal("Brand", folder.FullName);
        Assert.Equal(zipped.ContentHash, folder.ContentHash);
        Assert.Equal(3, folder.Files.Count);

        source.Write("force-app/main/default/staticresources/Brand/css/site.css", "a { color: red; }\n");
        Assert.NotEqual(zipped.ContentHash, Only(source, "StaticResource").ContentHash);
    }

    [Fact]
    public void A_document_keeps_its_extension_in_both_formats()
    {
        var meta = Read.Doc("Document", "<internalUseOnly>false</internalUseOnly><name>logo</name><public>true</public>");
        using var mdapi = new TempTree().Write("package.xml", Read.Doc("Package", string.Empty))
            .WriteBytes("documents/Shared/logo.png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A })
            .Write("documents/Shared/logo.png-meta.xml", meta)
            .Write("documents/Shared-meta.xml", Read.Doc("DocumentFolder", "<name>Shared</name>"));
        using var source = new TempTree().Write("sfdx-project.json", """{ "packageDirectories": [ { "path": "src" } ] }""")
            .WriteBytes("src/documents/Shared/logo.png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A })
            .Write("src/documents/Shared/logo.document-meta.xml", meta)
            .Write("src/documents/Shared.documentFolder-meta.xml", Read.Doc("DocumentFolder", "<name>Shared</name>"));

        var a = Only(mdapi, "Document");
        var b = Only(source, "Document");
        Assert.Equal(("Shared/logo.png", "Shared/logo.png"), (a.FullName, b.FullName));
        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.Equal(Only(mdapi, "DocumentFolder").ContentHash, Only(source, "DocumentFolder").ContentHash);
    }

    [Fact]
    public void Labels_workflows_and_sharing_rules_are_children_in_either_layout()
    {
        const string label = "<labels><fullName>Greeting</fullName><language>en_US</language><protected>false</protected><shortDescription>Hi</shortDescription><value>Hello</value></labels>";
        const string rule = "<rules><fullName>Escalate</fullName><active>true</active><triggerType>onCreateOnly</triggerType></rules>";
        using var mdapi = new TempTree().Write("package.xml", Read.Doc("Package", string.Empty))
            .Write("labels/CustomLabels.labels", Read.Doc("CustomLabels", label))
            .Write("workflows/Case.workflow", Read.Doc("Workflow", rule));
        using var source = new TempTree().Write("sfdx-project.json", """{ "packageDirectories": [ { "path": "force-app" } ] }""")
            .Write("force-app/main/default/labels/Greeting.label-meta.xml", Read.Doc("CustomLabel", label.Replace("<labels>", string.Empty).Replace("</labels>", string.Empty)))
            .Write("force-app/main/default/workflows/Case/workflowRules/Escalate.workflowRule-meta.xml", Read.Doc("WorkflowRule", rule.Replace("<rules>", string.Empty).Replace("</rules>", string.Empty)));

        var left = Read.All(mdapi.Root).Components.ByKey();
        var right = Read.All(source.Root).Components.ByKey();
        Assert.Equal(new[] { "CustomLabel Greeting", "WorkflowRule Case.Escalate" }, left.Keys.OrderBy(k => k));
        Assert.Equal(left.Keys.OrderBy(k => k), right.Keys.OrderBy(k => k));
        Assert.Equal(left["CustomLabel Greeting"].ContentHash, right["CustomLabel Greeting"].ContentHash);
        Assert.Equal(left["WorkflowRule Case.Escalate"].ContentHash, right["WorkflowRule Case.Escalate"].ContentHash);
        Assert.Equal("Case", left["WorkflowRule Case.Escalate"].Parent);
    }

    [Fact]
    public void An_object_is_a_component_only_for_its_own_elements()
    {
        using var tree = new TempTree().Write("package.xml", Read.Doc("Package", string.Empty))
            .Write("objects/Account.object", Read.Doc("CustomObject", "<fields><fullName>A__c</fullName><type>Text</type></fields>"))
            .Write("objects/Job__c.object", Read.Doc("CustomObject", "<label>Job</label><fields><fullName>B__c</fullName><type>Text</type></fields>"));
        var keys = Read.All(tree.Root).Components.ByKey().Keys.OrderBy(k => k);
        Assert.Equal(new[] { "CustomField Account.A__c", "CustomField Job__c.B__c", "CustomObject Job__c" }, keys);
    }

    [Fact]
    public void Every_package_directory_is_read_and_files_outside_them_are_not()
    {
        using var tree = new TempTree()
            .Write("sfdx-project.json", """{ "packageDirectories": [ { "path": "force-app", "default": true }, { "path": "./packages/billing/" } ] }""")
            .Write("force-app/main/default/tabs/A__c.tab-meta.xml", Read.Doc("CustomTab", "<customObject>true</customObject>"))
            .Write("packages/billing/main/default/tabs/B__c.tab-meta.xml", Read.Doc("CustomTab", "<customObject>true</customObject>"))
            .Write("scripts/apex/hello.apex", "System.debug('hi');")
            .Write("manifest/package.xml", Read.Doc("Package", string.Empty));
        var (components, observer) = Read.All(tree.Root);
        Assert.Empty(observer.Problems);
        Assert.Equal(new[] { "force-app/main/default/tabs/A__c.tab-meta.xml", "packages/billing/main/default/tabs/B__c.tab-meta.xml" }, components.SelectMany(c => c.Files).OrderBy(f => f));
    }

    [Fact]
    public void A_bare_force_app_folder_is_read_as_source_format()
    {
        using var tree = new TempTree()
            .Write("main/default/objects/Job__c/Job__c.object-meta.xml", Read.Doc("CustomObject", "<label>Job</label>"))
            .Write("main/default/objects/Job__c/fields/Pay__c.field-meta.xml", Read.Doc("CustomField", "<fullName>Pay__c</fullName><type>Currency</type>"))
            .Write("main/default/lwc/jsconfig.json", "{}");
        var (components, observer) = Read.All(tree.Root);
        Assert.Empty(observer.Problems);
        Assert.All(components, c => Assert.Equal(MetadataFormat.Source, c.Format));
        Assert.Equal(new[] { "CustomField Job__c.Pay__c", "CustomObject Job__c" }, components.ByKey().Keys.OrderBy(k => k));
    }

    [Fact]
    public void A_folder_without_package_xml_is_read_as_metadata_api_format()
    {
        using var tree = new TempTree().Write("objects/Job__c.object", Read.Doc("CustomObject", "<label>Job</label>"));
        Assert.Equal(MetadataFormat.MetadataApi, Assert.Single(Read.All(tree.Root).Components).Format);
    }

    [Fact]
    public void Bundles_are_one_component_and_their_jest_tests_are_not_metadata()
    {
        using var tree = new TempTree().Write("sfdx-project.json", """{ "packageDirectories": [ { "path": "force-app" } ] }""")
            .Write("force-app/main/default/lwc/card/card.js", "export default class Card {}")
            .Write("force-app/main/default/lwc/card/card.html", "<template></template>")
            .Write("force-app/main/default/lwc/card/card.js-meta.xml", Read.Doc("LightningComponentBundle", "<apiVersion>62.0</apiVersion>"))
            .Write("force-app/main/default/lwc/card/__tests__/card.test.js", "test('x', () => {});");
        var bundle = Only(tree, "LightningComponentBundle");
        Assert.Equal("card", bundle.FullName);
        Assert.Equal(3, bundle.Files.Count);
    }

    [Fact]
    public void A_decomposed_permission_set_merges_back_into_the_single_file_it_came_from()
    {
        const string field = "<fieldPermissions><editable>true</editable><field>Invoice__c.Amount__c</field><readable>true</readable></fieldPermissions>";
        const string objectPermission = "<objectPermissions><allowCreate>true</allowCreate><allowRead>true</allowRead><object>Invoice__c</object></objectPermissions>";
        const string user = "<userPermissions><enabled>true</enabled><name>ApiEnabled</name></userPermissions>";
        using var mdapi = new TempTree().Write("package.xml", Read.Doc("Package", string.Empty))
            .Write("permissionsets/Billing.permissionset", Read.Doc("PermissionSet", "<label>Billing</label>" + field + objectPermission + user));
        using var source = new TempTree().Write("sfdx-project.json", """{ "packageDirectories": [ { "path": "force-app" } ], "sourceBehaviorOptions": [ "decomposePermissionSetBeta2" ] }""")
            .Write("force-app/main/default/permissionsets/Billing/Billing.permissionset-meta.xml", Read.Doc("PermissionSet", "<label>Billing</label>"))
            .Write("force-app/main/default/permissionsets/Billing/objectSettings/Invoice__c.objectSettings-meta.xml", Read.Doc("PermissionSet", objectPermission + field))
            .Write("force-app/main/default/permissionsets/Billing/userPermissions/ApiEnabled.userPermission-meta.xml", Read.Doc("PermissionSet", user.Replace("<userPermissions>", string.Empty).Replace("</userPermissions>", string.Empty)));

        var single = Only(mdapi, "PermissionSet");
        var merged = Only(source, "PermissionSet");
        Assert.Equal("Billing", merged.FullName);
        Assert.Equal(3, merged.Files.Count);
        Assert.Equal(single.ContentHash, merged.ContentHash);
    }
}
