using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace SandboxOps.Engine.Salesforce;

/// <summary>
/// The REST and Tooling APIs of a connected org: GET, PATCH and POST of JSON with the bearer token, under the
/// session's rules (an expired session refreshed once; reads repeated after a transient failure, changes never),
/// and queries followed through <c>nextRecordsUrl</c> to their last page. Errors become
/// <see cref="SalesforceException"/>s with Salesforce's <c>errorCode</c>.
/// </summary>
internal sealed class RestApi
{
    private static readonly HttpMethod Patch = new("PATCH");
    private readonly OrgSession _session;
    private readonly string _version;

    public RestApi(OrgSession session, string apiVersion)
    {
        _session = session;
        _version = apiVersion;
    }

    /// <summary>The path of a REST resource under this API version: sobjects/User, tooling/query, limits/recordCount.</summary>
    public string Resource(string relative) => $"/services/data/v{_version}/{relative}";

    public Task<JsonDocument> GetAsync(string path, string what, CancellationToken cancellation) =>
        SendAsync(HttpMethod.Get, path, body: null, what, changesNothing: true, cancellation);

    public Task<JsonDocument> PatchAsync(string path, object body, string what, CancellationToken cancellation) =>
        SendAsync(Patch, path, body, what, changesNothing: false, cancellation);

    /// <summary>Every record a SOQL query returns, page after page; <paramref name="tooling"/> asks the Tooling API.</summary>
    public async Task<IReadOnlyList<JsonElement>> QueryAsync(string soql, bool tooling, CancellationToken cancellation)
    {
        var records = new List<JsonElement>();
        string? next = Resource((tooling ? "tooling/" : string.Empty) + "query?q=" + Uri.EscapeDataString(soql));
        while (next is not null)
        {
            using var page = await GetAsync(next, "query " + FromOf(soql), cancellation).ConfigureAwait(false);
            foreach (var record in page.RootElement.GetProperty("records").EnumerateArray())
            {
                records.Add(record.Clone());
            }

            next = page.RootElement.TryGetProperty("nextRecordsUrl", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null;
        }

        return records;
    }

    /// <summary>The object a query reads, for logs and errors.</summary>
    private static string FromOf(string soql)
    {
        var at = soql.IndexOf(" FROM ", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? "records" : soql.Substring(at + 6).Split(' ')[0];
    }

    private Task<JsonDocument> SendAsync(HttpMethod method, string path, object? body, string what, bool changesNothing, CancellationToken cancellation) =>
        _session.CallAsync(
            async grant =>
            {
                using var message = new HttpRequestMessage(method, grant.InstanceUrl + path);
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", grant.AccessToken.Reveal());
                if (body is not null)
                {
                    message.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
                }

                using var response = await HttpCall.SendAsync(_session.Http, message, _session.Retry.RequestTimeout, what, cancellation).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return JsonDocument.Parse(text.Length == 0 ? "{}" : text); // PATCH answers 204 with no body
                }

                throw Failure(response, text, what);
            },
            changesNothing,
            what,
            cancellation);

    /// <summary>Salesforce's REST error (an array of errorCode and message), or the HTTP status when the body is not one.</summary>
    private static SalesforceException Failure(HttpResponseMessage response, string body, string what)
    {
        var code = "HTTP" + (int)response.StatusCode;
        var text = body;
        try
        {
            using var error = JsonDocument.Parse(body);
            var first = error.RootElement.ValueKind == JsonValueKind.Array ? error.RootElement[0] : error.RootElement;
            code = first.TryGetProperty("errorCode", out var c) ? c.GetString() ?? code : code;
            text = first.TryGetProperty("message", out var m) ? m.GetString() ?? body : body;
        }
        catch (JsonException)
        {
            // not JSON: keep the status code
        }

        return new SalesforceException(code, $"{what} failed: {code}: {text}", isTransient: (int)response.StatusCode >= 500);
    }
}
