using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Reading;

namespace SandboxOps.Engine.Tests.Support;

internal static class Compare
{
    public static (List<MetadataDifference> Differences, RecordingObserver Observer) Run(
        string source,
        string target,
        bool includeIdentical = false,
        ReadOptions? read = null,
        IEnumerable<string>? ignore = null,
        bool textDiff = false,
        string? sourceRevision = null,
        string? targetRevision = null,
        bool ignoreWhitespace = false)
    {
        var observer = new RecordingObserver();
        using var left = MetadataSource.Open(source, sourceRevision);
        using var right = MetadataSource.Open(target, targetRevision);
        var options = new CompareOptions(read ?? ReadOptions.All, ignore?.Select(IgnoreRule.Parse), includeIdentical, textDiff, ignoreWhitespace);
        var differences = new MetadataComparer(new EngineContext(observer)).Compare(left, right, options).ToList();
        return (differences, observer);
    }

    public static MetadataDifference Get(this IEnumerable<MetadataDifference> differences, string type, string fullName) =>
        differences.Single(d => d.Type == type && d.FullName == fullName);

    public static string[] Keys(this IEnumerable<MetadataDifference> differences, DifferenceStatus status) =>
        differences.Where(d => d.Status == status).Select(d => d.Type + " " + d.FullName).OrderBy(k => k).ToArray();
}
