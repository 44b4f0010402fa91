using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace SandboxOps.Engine.Salesforce;

/// <summary>
/// The REST, Tooling and Bulk 2.0 APIs of a connected org: GET, PATCH and POST of JSON, and CSV downloaded to a file
/// or uploaded from one, with the bearer token, under the session's rules (an expired session refreshed once; reads
/// repeated after a transient failure, changes never), and queries followed through <c>nextRecordsUrl</c> to their
/// last page. Errors become <see cref="SalesforceException"/>s with Salesforce's <c>errorCode</c>.
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

    /// <summary>The session's waits and retries, which the jobs these APIs start are polled by too.</summary>
    public RetryPolicy Retry => _session.Retry;

    /// <summary>The path of a REST resource under this API version: sobjects/User, tooling/query, limits/recordCount.</summary>
    public string Resource(string relative) => $"/services/data/v{_version}/{relative}";

    public Task<JsonDocument> GetAsync(string path, string what, CancellationToken cancellation) =>
        SendJsonAsync(HttpMethod.Get, path, body: null, what, changesNothing: true, cancellation);

    public Task<JsonDocument> PatchAsync(string path, object body, string what, CancellationToken cancellation) =>
        SendJsonAsync(Patch, path, body, what, changesNothing: false, cancellation);

    public Task<JsonDocument> PostAsync(string path, object body, string what, CancellationToken cancellation) =>
        SendJsonAsync(HttpMethod.Post, path, body, what, changesNothing: false, cancellation);

    /// <summary>Writes a CSV resource into <paramref name="file"/> (replaced whole on a retry) and returns the answer's headers.</summary>
    public Task<IReadOnlyDictionary<string, string>> DownloadAsync(string path, string file, string what, CancellationToken cancellation) =>
        SendAsync<IReadOnlyDictionary<string, string>>(
            HttpMethod.Get,
            path,
            content: null,
            async response =>
            {
                using (var output = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    await response.Content.CopyToAsync(output).ConfigureAwait(false);
                }

                return response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            },
            what,
            changesNothing: true,
            cancellation);

    /// <summary>PUTs a file's bytes as <c>text/csv</c> (Bulk API 2.0's job data).</summary>
    public async Task UploadAsync(string path, string file, string what, CancellationToken cancellation) =>
        await SendAsync(
            HttpMethod.Put,
            path,
            () => new StreamContent(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16)) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } },
            _ => Task.FromResult(true),
            what,
            changesNothing: false,
            cancellation).ConfigureAwait(false);

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

    private Task<JsonDocument> SendJsonAsync(HttpMethod method, string path, object? body, string what, bool changesNothing, CancellationToken cancellation) =>
        SendAsync(
            method,
            path,
            body is null ? null : () => new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
            async response =>
            {
                var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                return JsonDocument.Parse(text.Length == 0 ? "{}" : text); // PATCH answers 204 with no body
            },
            what,
            changesNothing,
            cancellation);

    /// <summary>One call: the body made afresh for each attempt, a success read by <paramref name="read"/>, a failure raised as Salesforce's error.</summary>
    private Task<T> SendAsync<T>(HttpMethod method, string path, Func<HttpContent>? content, Func<HttpResponseMessage, Task<T>> read, string what, bool changesNothing, CancellationToken cancellation) =>
        _session.CallAsync(
            async grant =>
            {
                using var message = new HttpRequestMessage(method, grant.InstanceUrl + path);
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", grant.AccessToken.Reveal());
                message.Content = content?.Invoke();
                using var response = await HttpCall.SendAsync(_session.Http, message, _session.Retry.RequestTimeout, what, cancellation).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return await read(response).ConfigureAwait(false);
                }

                throw Failure(response, await response.Content.ReadAsStringAsync().ConfigureAwait(false), what);
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
