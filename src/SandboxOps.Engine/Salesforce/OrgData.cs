using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SandboxOps.Engine.Salesforce;

/// <summary>An org's records through the REST API: queries, single-record updates and the approximate record counts of Setup's storage page.</summary>
public sealed class OrgData
{
    private readonly RestApi _rest;

    public OrgData(OrgConnection org)
    {
        Org = org;
        _rest = org.Rest;
    }

    public OrgConnection Org { get; }

    /// <summary>The records a SOQL query returns, each as its fields by name (relationship fields as nested dictionaries).</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> QueryAsync(string soql, CancellationToken cancellation) =>
        (await _rest.QueryAsync(soql, tooling: false, cancellation).ConfigureAwait(false)).Select(OrgRecord.Fields).ToList();

    /// <summary>How many records an object has (SELECT COUNT()), exactly, as the query counts them now.</summary>
    public async Task<long> CountAsync(string objectName, CancellationToken cancellation)
    {
        using var answer = await _rest.GetAsync(_rest.Resource("query?q=" + Uri.EscapeDataString($"SELECT COUNT() FROM {objectName}")), "count " + objectName, cancellation).ConfigureAwait(false);
        return answer.RootElement.GetProperty("totalSize").GetInt64();
    }

    /// <summary>The newest API version the org serves (GET /services/data lists them all).</summary>
    public async Task<Version> LatestApiVersionAsync(CancellationToken cancellation)
    {
        using var answer = await _rest.GetAsync("/services/data", "API versions", cancellation).ConfigureAwait(false);
        return answer.RootElement.EnumerateArray().Select(v => Version.Parse(v.GetProperty("version").GetString() ?? "0.0")).Max();
    }

    /// <summary>Sets fields of one record (PATCH sobjects/Type/Id).</summary>
    public async Task UpdateAsync(string objectName, string id, IReadOnlyDictionary<string, object?> fields, CancellationToken cancellation)
    {
        using (await _rest.PatchAsync(_rest.Resource($"sobjects/{Uri.EscapeDataString(objectName)}/{Uri.EscapeDataString(id)}"), fields, $"update {objectName} {id}", cancellation).ConfigureAwait(false))
        {
        }
    }

    /// <summary>Record counts by object (REST limits/recordCount; approximate, as Salesforce computes them asynchronously).</summary>
    public async Task<IReadOnlyDictionary<string, long>> RecordCountsAsync(IReadOnlyCollection<string> objects, CancellationToken cancellation)
    {
        var counts = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        if (objects.Count == 0)
        {
            return counts;
        }

        using var answer = await _rest.GetAsync(_rest.Resource("limits/recordCount?sObjects=" + Uri.EscapeDataString(string.Join(",", objects))), "record counts", cancellation).ConfigureAwait(false);
        foreach (var item in answer.RootElement.GetProperty("sObjects").EnumerateArray())
        {
            counts[item.GetProperty("name").GetString() ?? string.Empty] = item.GetProperty("count").GetInt64();
        }

        return counts;
    }
}
