using System.Linq;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.Reading;

/// <summary>A DX project's .forceignore, with the gitignore rules the Salesforce CLI applies.</summary>
public sealed class ForceIgnoreTests
{
    [Theory]
    [InlineData("**/profiles/**", "force-app/main/default/profiles/Admin.profile-meta.xml", true)]
    [InlineData("**/profiles/**", "force-app/main/default/classes/Profiles.cls", false)]
    [InlineData("*.cls", "force-app/main/default/classes/Scratch.cls", true)] // no slash: any depth
    [InlineData("*.cls", "force-app/main/default/classes/Scratch.cls-meta.xml", false)]
    [InlineData("Scratch*", "force-app/main/default/classes/ScratchPad.cls", true)]
    [InlineData("force-app/main/default/classes/Scratch.cls", "force-app/main/default/classes/Scratch.cls", true)]
    [InlineData("/classes/Scratch.cls", "force-app/main/default/classes/Scratch.cls", false)] // anchored at the project folder
    [InlineData("force-app/**/settings", "force-app/main/default/settings/Case.settings-meta.xml", true)] // a folder: all inside
    [InlineData("force-app/**/settings", "force-app/settings/Case.settings-meta.xml", true)] // "**/" may be no folder at all
    [InlineData("staticresources/", "force-app/main/default/staticresources/Brand/site.css", true)] // folders only
    [InlineData("Brand.resource-meta.xml/", "force-app/main/default/staticresources/Brand.resource-meta.xml", false)]
    [InlineData("Test?.cls", "force-app/main/default/classes/Test1.cls", true)]
    [InlineData("Test?.cls", "force-app/main/default/classes/Test12.cls", false)]
    [InlineData("Test[0-9].cls", "force-app/main/default/classes/Test7.cls", true)]
    [InlineData("Test[!0-9].cls", "force-app/main/default/classes/Test7.cls", false)]
    [InlineData("**\\jsconfig.json", "force-app/main/default/lwc/jsconfig.json", true)] // backslashes read as '/', as the CLI does
    [InlineData("# **/classes/**", "force-app/main/default/classes/A.cls", false)] // a comment
    [InlineData("", "force-app/main/default/classes/A.cls-meta.xml.dup", true)] // the CLI's own patterns
    [InlineData("", "force-app/main/default/.sfdx/state.json", true)]
    [InlineData("", "force-app/main/default/classes/A.cls", false)]
    public void A_pattern_ignores_what_the_cli_ignores(string patterns, string path, bool ignored) =>
        Assert.Equal(ignored, ForceIgnore.Parse(patterns).Denies(path));

    [Fact]
    public void The_last_matching_line_decides_but_a_file_in_an_ignored_folder_cannot_be_taken_back()
    {
        var ignore = ForceIgnore.Parse("**/classes/*.cls\n!**/classes/Keep.cls\n**/labels/\n!**/labels/CustomLabels.labels-meta.xml\n");
        Assert.True(ignore.Denies("force-app/main/default/classes/Drop.cls"));
        Assert.False(ignore.Denies("force-app/main/default/classes/Keep.cls"));
        Assert.True(ignore.Denies("force-app/main/default/labels/CustomLabels.labels-meta.xml"));
    }

    [Fact]
    public void Reading_a_project_skips_what_its_forceignore_names_and_nothing_else()
    {
        using var project = NewProject()
            .Write(".forceignore", "# local only\n**/profiles/**\nforce-app/main/default/classes/Scratch*\n")
            .Write("force-app/main/default/classes/Service.cls", "public class Service {}")
            .Write("force-app/main/default/classes/Service.cls-meta.xml", Read.Doc("ApexClass", "<apiVersion>62.0</apiVersion><status>Active</status>"))
            .Write("force-app/main/default/classes/ScratchPad.cls", "public class ScratchPad {}")
            .Write("force-app/main/default/classes/ScratchPad.cls-meta.xml", Read.Doc("ApexClass", "<apiVersion>62.0</apiVersion><status>Active</status>"))
            .Write("force-app/main/default/profiles/Admin.profile-meta.xml", Read.Doc("Profile", "<custom>false</custom>"));

        var (components, observer) = Read.All(project.Root);
        Assert.Empty(observer.Problems);
        Assert.Equal(new[] { "ApexClass:Service" }, components.Select(c => c.Type + ":" + c.FullName));

        // Without the file, everything is read: the patterns are the project's, not built in.
        System.IO.File.Delete(project.PathOf(".forceignore"));
        Assert.Equal(3, Read.All(project.Root).Components.Count);
    }

    [Fact]
    public void A_project_lists_its_forceignore_among_its_files_and_no_other_hidden_entry()
    {
        using var project = NewProject()
            .Write(".forceignore", "**/profiles/**\n")
            .Write(".sfdx/config.json", "{}")
            .Write("force-app/.eslintrc.json", "{}")
            .Write("force-app/lwc/.forceignore", "nested ones are not the project's");
        using var files = new DirectoryFileSystem(project.Root);
        Assert.Equal(new[] { ".forceignore", "sfdx-project.json" }, files.Files.Select(f => f.Path));
    }

    private static TempTree NewProject() => new TempTree().Write("sfdx-project.json", """{ "packageDirectories": [ { "path": "force-app" } ] }""");
}
