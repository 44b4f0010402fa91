using System.IO;
using System.Linq;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.Reading;

/// <summary>Bad input gets an error naming the file and what to do; the rest of the source is still read.</summary>
public sealed class BadInputTests
{
    private static TempTree Retrieve() => new TempTree()
        .Write("package.xml", Read.Doc("Package", "<version>62.0</version>"))
        .Write("classes/Good.cls", "public class Good {}")
        .Write("classes/Good.cls-meta.xml", Read.Doc("ApexClass", "<apiVersion>62.0</apiVersion>"));

    [Fact]
    public void Malformed_xml_is_an_error_naming_file_and_line_and_reading_goes_on()
    {
        using var tree = Retrieve().Write("profiles/Broken.profile", Read.Doc("Profile", "<custom>false</custom>\n<userLicense>Salesforce</userLicense").Replace("</Profile>", string.Empty));
        var (components, observer) = Read.All(tree.Root);

        var problem = Assert.Single(observer.Errors);
        Assert.Equal(ProblemCode.MalformedXml, problem.Code);
        Assert.Contains(Path.Combine("profiles", "Broken.profile"), problem.Message);
        Assert.Contains("line", problem.Message);
        Assert.True(problem.Line > 0);
        Assert.Equal("Good", Assert.Single(components).FullName);
    }

    [Fact]
    public void A_dtd_is_refused_and_never_expanded()
    {
        const string billionLaughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>\n<Profile xmlns=\"http://soap.sforce.com/2006/04/metadata\"><custom>&lol2;</custom></Profile>";
        using var tree = Retrieve().Write("profiles/Evil.profile", billionLaughs);
        var (components, observer) = Read.All(tree.Root);

        var problem = Assert.Single(observer.Errors);
        Assert.Equal(ProblemCode.ForbiddenDtd, problem.Code);
        Assert.Contains("Evil.profile", problem.Message);
        Assert.Contains("DTD", problem.Message);
        Assert.DoesNotContain(components, c => c.FullName == "Evil");
    }

    [Fact]
    public void An_external_entity_reference_without_a_dtd_is_malformed_not_resolved()
    {
        using var tree = Retrieve().Write("profiles/Xxe.profile", Read.Doc("Profile", "<custom>&xxe;</custom>"));
        var (_, observer) = Read.All(tree.Root);
        Assert.Equal(ProblemCode.MalformedXml, Assert.Single(observer.Errors).Code);
    }

    [Fact]
    public void An_unknown_type_is_a_warning_and_a_component_of_type_unknown()
    {
        using var tree = Retrieve().Write("widgets/Thing.widget", "<Widget/>");
        var (components, observer) = Read.All(tree.Root);

        var warning = Assert.Single(observer.Warnings);
        Assert.Equal(ProblemCode.UnknownType, warning.Code);
        Assert.Contains("Thing.widget", warning.Message);
        var unknown = components.Single("Unknown", "widgets/Thing.widget");
        Assert.Equal(new[] { "widgets/Thing.widget" }, unknown.Files);
    }

    [Fact]
    public void A_component_defined_twice_is_an_error_naming_both_files()
    {
        using var tree = new TempTree()
            .Write("sfdx-project.json", """{ "packageDirectories": [ { "path": "force-app" }, { "path": "feature" } ] }""")
            .Write("force-app/main/default/classes/Twice.cls", "public class Twice {}")
            .Write("force-app/main/default/classes/Twice.cls-meta.xml", Read.Doc("ApexClass", "<apiVersion>62.0</apiVersion>"))
            .Write("feature/classes/Twice.cls", "public class Twice { }")
            .Write("feature/classes/Twice.cls-meta.xml", Read.Doc("ApexClass", "<apiVersion>62.0</apiVersion>"));
        var (components, observer) = Read.All(tree.Root);

        var problem = Assert.Single(observer.Errors);
        Assert.Equal(ProblemCode.DuplicateComponent, problem.Code);
        Assert.Contains(Path.Combine("force-app", "main", "default", "classes", "Twice.cls"), problem.Message);
        Assert.Contains(Path.Combine("feature", "classes", "Twice.cls"), problem.Message);
        Assert.Empty(components); // which copy is meant is unknown: neither is taken for the component
    }

    [Fact]
    public void A_duplicate_child_inside_one_object_file_is_an_error()
    {
        var field = "<fields><fullName>A__c</fullName><type>Text</type></fields>";
        using var tree = Retrieve().Write("objects/Thing__c.object", Read.Doc("CustomObject", field + field));
        var (components, observer) = Read.All(tree.Root);
        Assert.Equal(ProblemCode.DuplicateComponent, Assert.Single(observer.Errors).Code);
        Assert.Single(components, c => c.Type == "CustomField");
    }

    [Fact]
    public void An_unreadable_file_is_an_error_and_reading_goes_on()
    {
        using var tree = Retrieve();
        Directory.CreateDirectory(tree.PathOf("profiles"));
        File.CreateSymbolicLink(tree.PathOf("profiles/Gone.profile"), tree.PathOf("profiles/does-not-exist"));
        var (components, observer) = Read.All(tree.Root);

        var problem = Assert.Single(observer.Errors);
        Assert.Equal(ProblemCode.UnreadableFile, problem.Code);
        Assert.Contains("Gone.profile", problem.Message);
        Assert.Single(components);
    }

    [Fact]
    public void A_child_without_a_name_is_an_error_naming_the_file()
    {
        using var tree = Retrieve().Write("labels/CustomLabels.labels", Read.Doc("CustomLabels", "<labels><value>nameless</value></labels>"));
        var (_, observer) = Read.All(tree.Root);
        var problem = Assert.Single(observer.Errors);
        Assert.Contains("CustomLabels.labels", problem.Message);
        Assert.Contains("<fullName>", problem.Message);
    }

    [Fact]
    public void A_missing_path_is_a_source_error()
    {
        var failure = Assert.Throws<MetadataSourceException>(() => Read.All("/nonexistent/sandboxops/org"));
        Assert.Equal("PathNotFound", failure.Reason);
        Assert.Contains("/nonexistent/sandboxops/org", failure.Message);
    }

    [Fact]
    public void An_empty_folder_is_a_source_error()
    {
        using var tree = new TempTree();
        Assert.Equal("EmptySource", Assert.Throws<MetadataSourceException>(() => Read.All(tree.Root)).Reason);
    }

    [Fact]
    public void An_invalid_project_file_is_a_source_error_naming_it()
    {
        using var tree = new TempTree().Write("sfdx-project.json", "{ \"packageDirectories\": [ { \"path\": ");
        var failure = Assert.Throws<MetadataSourceException>(() => Read.All(tree.Root));
        Assert.Equal("InvalidProject", failure.Reason);
        Assert.Contains("sfdx-project.json", failure.Message);
    }

    [Fact]
    public void A_package_directory_outside_the_project_is_refused()
    {
        using var tree = new TempTree().Write("sfdx-project.json", """{ "packageDirectories": [ { "path": "../elsewhere" } ] }""");
        Assert.Contains("leaves the project", Assert.Throws<MetadataSourceException>(() => Read.All(tree.Root)).Message);
    }

    [Fact]
    public void A_package_directory_named_but_missing_is_a_warning_and_the_rest_is_read()
    {
        using var tree = new TempTree()
            .Write("sfdx-project.json", """{ "packageDirectories": [ { "path": "force-app" }, { "path": "feature-x" } ] }""")
            .Write("force-app/main/default/classes/Here.cls", "public class Here {}")
            .Write("force-app/main/default/classes/Here.cls-meta.xml", Read.Doc("ApexClass", "<apiVersion>62.0</apiVersion>"));

        var (components, observer) = Read.All(tree.Root);

        var warning = Assert.Single(observer.Problems);
        Assert.Equal((ProblemSeverity.Warning, ProblemCode.MissingPackageDirectory), (warning.Severity, warning.Code));
        Assert.Contains("feature-x", warning.Message, System.StringComparison.Ordinal);
        Assert.Equal("Here", Assert.Single(components).FullName);
    }
}
