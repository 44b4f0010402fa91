using System.Linq;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.Reading;

public sealed class StreamingAndFilterTests
{
    [Fact]
    public void Components_are_emitted_as_they_are_read_not_after_the_whole_source()
    {
        // A zip is read in order on one thread (a folder is read ahead on all cores, in batches).
        using var tree = new TempTree().Write("package.xml", Read.Doc("Package", string.Empty))
            .Write("classes/A.cls", "class A {}").Write("classes/A.cls-meta.xml", Read.Doc("ApexClass", "<apiVersion>62.0</apiVersion>"))
            .Write("profiles/Z.profile", "<Profile><broken></Profile>");
        var zip = tree.Zip("streaming.zip");
        var observer = new RecordingObserver();
        using var source = MetadataSource.Open(zip);
        using var components = new MetadataReader(new EngineContext(observer)).Read(source, ReadOptions.All).GetEnumerator();

        Assert.True(components.MoveNext());
        Assert.Equal("A", components.Current.FullName);
        Assert.Empty(observer.Problems); // the broken profile, later in the source, has not been opened yet
        Assert.False(components.MoveNext());
        Assert.Single(observer.Errors);
    }

    [Fact]
    public void Type_and_name_filters_select_components_and_skip_other_files()
    {
        var production = System.IO.Path.Combine(TempTree.RepositoryRoot, "docs/samples/production");
        var options = new ReadOptions(new[] { "customfield", "ValidationRule" }, name => name.StartsWith("Invoice__c.", System.StringComparison.Ordinal));
        var (components, _) = Read.All(production, options: options);
        Assert.Equal(
            new[] { "CustomField Invoice__c.Account__c", "CustomField Invoice__c.Amount__c", "CustomField Invoice__c.Due_Date__c", "CustomField Invoice__c.Status__c", "ValidationRule Invoice__c.Amount_Must_Be_Positive" },
            components.ByKey().Keys.OrderBy(k => k));
    }

    [Fact]
    public void A_type_filter_never_opens_files_of_other_types()
    {
        using var tree = new TempTree().Write("package.xml", Read.Doc("Package", string.Empty))
            .Write("tabs/A__c.tab", Read.Doc("CustomTab", "<customObject>true</customObject>"))
            .Write("profiles/Broken.profile", "<Profile><broken></Profile>");
        var (components, observer) = Read.All(tree.Root, options: new ReadOptions(new[] { "CustomTab" }));
        Assert.Empty(observer.Problems);
        Assert.Single(components);
    }

    [Fact]
    public void Progress_counts_up_to_the_number_of_components_and_logs_say_what_was_read()
    {
        var observer = new RecordingObserver();
        using var logging = new EngineLogging(observer, logFilePath: null);
        using var source = MetadataSource.Open(System.IO.Path.Combine(TempTree.RepositoryRoot, "docs/samples/production"));
        var count = new MetadataReader(new EngineContext(observer, logging)).Read(source, ReadOptions.All).Count();

        Assert.Equal(33, count);
        Assert.Equal(observer.Progress[^1].Total, observer.Progress[^1].Completed);
        Assert.Contains(observer.Log, l => l.Severity == LogSeverity.Verbose && l.Message.Contains("Read 33 components"));
    }

    [Fact]
    public void A_log_file_gets_one_timestamped_line_per_entry()
    {
        using var tree = new TempTree();
        var logPath = tree.PathOf("logs/run.log");
        var observer = new RecordingObserver();
        using (var logging = new EngineLogging(observer, logPath))
        using (var source = MetadataSource.Open(System.IO.Path.Combine(TempTree.RepositoryRoot, "docs/samples/production")))
        {
            _ = new MetadataReader(new EngineContext(observer, logging)).Read(source, ReadOptions.All).ToList();
        }

        var lines = System.IO.File.ReadAllLines(logPath);
        Assert.Contains(lines, l => l.Contains("Read 33 components"));
        Assert.All(lines, l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z ", l));
    }

    [Fact]
    public void Component_to_string_and_files_to_string_are_readable()
    {
        var component = new MetadataComponent(new ComponentKey("ApexClass", "A"), null, "/org", MetadataFormat.MetadataApi, new[] { "classes/A.cls", "classes/A.cls-meta.xml" }, 10, "00", null);
        Assert.Equal("ApexClass A", component.ToString());
        Assert.Equal("classes/A.cls; classes/A.cls-meta.xml", component.Files.ToString());
    }
}
