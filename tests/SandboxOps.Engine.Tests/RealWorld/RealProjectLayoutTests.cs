using System.Linq;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.RealWorld;

/// <summary>Layouts and values real projects have (NPSP, full-sandbox retrieves), read as Salesforce's CLI reads them.</summary>
public sealed class RealProjectLayoutTests
{
    private const string Project = "{\"packageDirectories\":[{\"path\":\"force-app\",\"default\":true}]}";

    [Fact]
    public void Files_resolve_by_suffix_in_nested_folders_of_any_name()
    {
        using var tree = new TempTree()
            .Write("sfdx-project.json", Project)
            .Write("force-app/infrastructure/apex-extensions/main/default/classes/criteria/fflib_Comparator.cls", "public class fflib_Comparator {}")
            .Write("force-app/infrastructure/apex-extensions/main/default/classes/criteria/fflib_Comparator.cls-meta.xml", Read.Doc("ApexClass", "<apiVersion>53.0</apiVersion>"))
            .Write("force-app/tdtm/triggerHandlers/account/TDTM_Account.md-meta.xml", Read.Doc("CustomMetadata", "<label>A</label>"))
            .Write("force-app/tdtm/featureParameters/Flag.featureParameterBoolean-meta.xml", Read.Doc("FeatureParameterBoolean", "<value>true</value>"))
            .Write("force-app/main/default/wave/Sales.wlens-meta.xml", Read.Doc("WaveLens", "<label>S</label>"))
            .Write("force-app/main/default/wave/Sales.wlens", "{}")
            .Write("force-app/README.md", "# not metadata");

        var (components, observer) = Read.All(tree.Root);

        Assert.Equal(
            new[] { "ApexClass fflib_Comparator", "CustomMetadata TDTM_Account", "FeatureParameterBoolean Flag", "Unknown README.md", "WaveLens Sales" },
            components.Select(c => c.Type + " " + c.FullName).OrderBy(k => k, System.StringComparer.Ordinal));
        Assert.Single(observer.Problems); // README.md: listed as Unknown, with a warning, never dropped
    }

    [Fact]
    public void A_translation_split_over_two_folders_is_one_component_merged_from_its_pieces()
    {
        using var tree = new TempTree()
            .Write("sfdx-project.json", Project)
            .Write("force-app/main/default/objectTranslations/T__c-de/T__c-de.objectTranslation-meta.xml", Read.Doc("CustomObjectTranslation", "<layouts><layout>L</layout></layouts>"))
            .Write("force-app/tdtm/objectTranslations/T__c-de/T__c-de.objectTranslation-meta.xml", Read.Doc("CustomObjectTranslation", "<gender>Feminine</gender>"))
            .Write("force-app/tdtm/objectTranslations/T__c-de/A__c.fieldTranslation-meta.xml", Read.Doc("CustomFieldTranslation", "<label>A</label><name>A__c</name>"));
        using var mdapi = new TempTree()
            .Write("package.xml", Read.Doc("Package", "<version>53.0</version>"))
            .Write("objectTranslations/T__c-de.objectTranslation", Read.Doc("CustomObjectTranslation", "<fields><label>A</label><name>A__c</name></fields><gender>Feminine</gender><layouts><layout>L</layout></layouts>"));

        var (components, observer) = Read.All(tree.Root);
        var (differences, _) = Compare.Run(tree.Root, mdapi.Root, includeIdentical: true);

        Assert.Empty(observer.Problems);
        Assert.Equal(2, components.Single("CustomObjectTranslation", "T__c-de").Files.Count);
        Assert.All(differences, d => Assert.Equal(DifferenceStatus.Identical, d.Status));
        Assert.Equal(2, differences.Count);
    }

    [Fact]
    public void The_same_child_in_two_pieces_stays_a_duplicate()
    {
        using var tree = new TempTree()
            .Write("sfdx-project.json", Project)
            .Write("force-app/a/labels/CustomLabels.labels-meta.xml", Read.Doc("CustomLabels", "<labels><fullName>Hello</fullName><value>a</value></labels>"))
            .Write("force-app/b/labels/CustomLabels.labels-meta.xml", Read.Doc("CustomLabels", "<labels><fullName>Hello</fullName><value>b</value><labels><fullName>Bye</fullName><value>c</value></labels></labels>"));

        var (components, observer) = Read.All(tree.Root);

        Assert.Contains(observer.Problems, p => p.Code == Model.ProblemCode.DuplicateComponent && p.Message.Contains("CustomLabel Hello", System.StringComparison.Ordinal));
        Assert.Single(components, c => c.FullName == "Hello");
    }

    [Theory]
    [InlineData("doesn't", "doesn&#39;t", false)]
    [InlineData("doesn't", "doesn&apos;t", false)]
    [InlineData("a &amp; b", "a &#38; b", false)]
    [InlineData("\u00A0leading no-break space", "&#160;leading no-break space", false)]
    [InlineData("doesn't", "doesn&#39;t", true)]
    [InlineData("a &amp; b", "a &#38; b", true)]
    [InlineData("\u00A0leading no-break space", "&#160;leading no-break space", true)]
    public void Character_and_entity_references_are_the_characters_they_stand_for(string written, string referenced, bool sameFormat)
    {
        var (differences, _) = LabelPair(written, referenced, ignoreWhitespace: false, sameFormat);
        Assert.Equal(DifferenceStatus.Identical, Assert.Single(differences).Status);
    }

    [Fact]
    public void A_no_break_space_is_content_never_whitespace()
    {
        var (differences, _) = LabelPair("\u00A0Paid", "Paid", ignoreWhitespace: true);
        var change = Assert.Single(Assert.Single(differences).Changes);
        Assert.Equal("value", change.Path);
    }

    [Fact]
    public void Whitespace_at_the_edges_of_values_is_noise_only_when_asked()
    {
        Assert.Equal(DifferenceStatus.Changed, Assert.Single(LabelPair("Paid Installments: ", "Paid Installments:", ignoreWhitespace: false).Differences).Status);

        var ignored = Assert.Single(LabelPair("\n    Paid Installments: ", "Paid Installments:", ignoreWhitespace: true).Differences);
        Assert.Equal(DifferenceStatus.Identical, ignored.Status);
        Assert.Equal(NoiseKinds.Whitespace, ignored.Noise);
    }

    [Fact]
    public void Code_whose_lines_differ_only_in_whitespace_is_noise_only_when_asked()
    {
        using var left = new TempTree().Write("package.xml", Read.Doc("Package", string.Empty))
            .Write("classes/A.cls", "public class A {\n    void b() {}\n}\n").Write("classes/A.cls-meta.xml", Read.Doc("ApexClass", "<apiVersion>53.0</apiVersion>"));
        using var right = new TempTree().Write("package.xml", Read.Doc("Package", string.Empty))
            .Write("classes/A.cls", "public class A {\n\tvoid b()  {}\n}\n").Write("classes/A.cls-meta.xml", Read.Doc("ApexClass", "<apiVersion>53.0</apiVersion>"));

        Assert.Equal(DifferenceStatus.Changed, Assert.Single(Compare.Run(left.Root, right.Root).Differences).Status);
        Assert.Empty(Compare.Run(left.Root, right.Root, ignoreWhitespace: true).Differences);
    }

    private static (System.Collections.Generic.List<MetadataDifference> Differences, RecordingObserver Observer) LabelPair(string sourceValue, string targetValue, bool ignoreWhitespace, bool sameFormat = false)
    {
        // One side in each format (every file parsed) or both in one (bytes compared, then fragments).
        var labels = Read.Doc("CustomLabels", $"<labels><fullName>L</fullName><value>{sourceValue}</value></labels>");
        using var source = sameFormat
            ? new TempTree().Write("package.xml", Read.Doc("Package", "<version>53.0</version>")).Write("labels/CustomLabels.labels", labels)
            : new TempTree().Write("sfdx-project.json", Project).Write("force-app/main/default/labels/CustomLabels.labels-meta.xml", labels);
        using var target = new TempTree()
            .Write("package.xml", Read.Doc("Package", "<version>53.0</version>"))
            .Write("labels/CustomLabels.labels", Read.Doc("CustomLabels", $"<labels><fullName>L</fullName><value>{targetValue}</value></labels>"));
        return Compare.Run(source.Root, target.Root, includeIdentical: true, ignoreWhitespace: ignoreWhitespace);
    }
}
