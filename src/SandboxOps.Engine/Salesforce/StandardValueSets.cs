using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace SandboxOps.Engine.Salesforce;

/// <summary>
/// The names of Salesforce's standard value sets (the picklists of standard fields: AccountType,
/// LeadSource...), which listMetadata never lists. Embedded as <c>Registry/standard-value-sets.json</c>,
/// the list source-deploy-retrieve keeps (its <c>stdValueSetRegistry.json</c>, of the names Salesforce documents).
/// </summary>
internal static class StandardValueSets
{
    private const string ResourceName = "SandboxOps.Engine.Registry.standard-value-sets.json";

    private static readonly Lazy<IReadOnlyList<string>> All = new(Load);

    public static IReadOnlyList<string> Names => All.Value;

    private static List<string> Load()
    {
        using var stream = typeof(StandardValueSets).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the engine assembly.");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("fullnames").EnumerateArray().Select(n => n.GetString()!).ToList();
    }
}
