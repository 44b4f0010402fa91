using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;

namespace SandboxOps.Engine.Tests.Support;

/// <summary>Reads a source the way the cmdlet does, collecting components and problems.</summary>
internal static class Read
{
    public static (List<MetadataComponent> Components, RecordingObserver Observer) All(string path, string? revision = null, ReadOptions? options = null)
    {
        var observer = new RecordingObserver();
        using var source = MetadataSource.Open(path, revision);
        var components = new MetadataReader(new EngineContext(observer)).Read(source, options ?? ReadOptions.All).ToList();
        return (components, observer);
    }

    public static Dictionary<string, MetadataComponent> ByKey(this IEnumerable<MetadataComponent> components) =>
        components.ToDictionary(c => c.Type + " " + c.FullName);

    public static MetadataComponent Single(this IEnumerable<MetadataComponent> components, string type, string fullName) =>
        components.Single(c => c.Type == type && c.FullName == fullName);

    public const string Xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    public static string Doc(string root, string body) =>
        Xml + $"<{root} xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n{body}\n</{root}>\n";
}
