using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SandboxOps.Simulator;

/// <summary>
/// The REST side of the simulated org: SOQL queries of its records, single-record updates (PATCH sobjects),
/// record counts (limits/recordCount), and the Tooling API's SandboxInfo and SandboxProcess of a production org.
/// A sandbox's simulator also takes the copy a refresh hands it (its metadata and records replaced by production's,
/// usernames suffixed with the sandbox's name and e-mail addresses with .invalid, every session ended) on a route of its own that is not Salesforce's.
/// </summary>
public sealed partial class MetadataApiSimulator
{
    private static readonly HttpClient CopyClient = new();

    public SimulatedRecords Data { get; private set; } = null!;

    public SimulatedSandboxes Sandboxes { get; private set; } = null!;

    public SimulatedTestRuns TestRuns { get; private set; } = null!;

    /// <summary>The organization id, which a refresh changes, as Salesforce gives a refreshed sandbox a new one.</summary>
    public string OrgId => _orgId ??= Options.OrgId;

    private string? _orgId;

    private void MapRest(WebApplication app)
    {
        Data = SimulatedRecords.Load(Options.DataFile);
        MapBulk(app);
        Sandboxes = new SimulatedSandboxes(Options.Sandboxes) { OnCopied = CopyToAsync };
        app.MapGet("/services/data/{version}/tooling/query", ToolingQueryAsync);
        app.MapMethods("/services/data/{version}/tooling/sobjects/{type}/{id}", new[] { "PATCH" }, ToolingPatchAsync);
        app.MapMethods("/services/data/{version}/sobjects/{type}/{id}", new[] { "PATCH" }, PatchRecordAsync);
        app.MapGet("/services/data/{version}/limits/recordCount", RecordCountAsync);
        app.MapGet("/services/data", VersionsAsync);
        TestRuns = new SimulatedTestRuns(Org, Options.FailingTests, Options.ClassCoverage, Options.DefaultCoverage);
        app.MapPost("/services/data/{version}/tooling/runTestsAsynchronous", RunTestsAsync);
        app.MapPost("/simulator/tests", SetTestsAsync);
        app.MapPost("/simulator/copy", TakeCopyAsync);
    }

    private async Task<bool> AuthorizedAsync(HttpContext context)
    {
        if (!await EnterAsync(context).ConfigureAwait(false))
        {
            return false;
        }

        if (HasBearer(context))
        {
            return true;
        }

        await RestErrorAsync(context, 401, "INVALID_SESSION_ID", "Session expired or invalid").ConfigureAwait(false);
        return false;
    }

    /// <summary>A query of the org's records; false when the simulator cannot read the query.</summary>
    private static async Task AnswerQueryAsync(HttpContext context, SimulatedRecords records, string query)
    {
        var found = records.Query(query, context.Request.RouteValues["version"]?.ToString()?.TrimStart('v') ?? "62.0");
        if (found is null)
        {
            await RestErrorAsync(context, 400, "MALFORMED_QUERY", "The simulator does not read this query: " + query).ConfigureAwait(false);
            return;
        }

        var counting = query.TrimStart().StartsWith("SELECT COUNT()", StringComparison.OrdinalIgnoreCase);
        var body = new JsonObject { ["totalSize"] = found.Count, ["done"] = true, ["records"] = new JsonArray(counting ? Array.Empty<JsonNode>() : found.Cast<JsonNode>().ToArray()) };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString()).ConfigureAwait(false);
    }

    private async Task ToolingQueryAsync(HttpContext context)
    {
        if (!await AuthorizedAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var query = context.Request.Query["q"].ToString();
        if (query.Contains("FROM SandboxProcess", StringComparison.OrdinalIgnoreCase))
        {
            await Sandboxes.AdvanceAsync().ConfigureAwait(false);
        }

        if (query.Contains("FROM ApexTestRunResult", StringComparison.OrdinalIgnoreCase))
        {
            TestRuns.Advance();
        }

        var testing = SimulatedRecords.Shape(query).Object is { } objectName && objectName.StartsWith("Apex", StringComparison.Ordinal);
        await AnswerQueryAsync(context, testing ? TestRuns.Records : Sandboxes.Records, query).ConfigureAwait(false);
    }

    /// <summary>Queues a test run as the Tooling API does; its id as a JSON string.</summary>
    private async Task RunTestsAsync(HttpContext context)
    {
        if (!await AuthorizedAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var (runId, error) = TestRuns.Start((await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false))!.AsObject());
        if (runId is null)
        {
            await RestErrorAsync(context, 400, "INVALID_INPUT", error!).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonValue.Create(runId).ToJsonString()).ConfigureAwait(false);
    }

    /// <summary>Changes what the next test runs find: { failing: { "Class.method": message }, runTimes: { "Class.method": ms }, coverage: { Class: percent } }.</summary>
    private async Task SetTestsAsync(HttpContext context)
    {
        var request = (await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false))!.AsObject();
        if (request["failing"] is JsonObject failing)
        {
            TestRuns.Failing.Clear();
            foreach (var (key, value) in failing)
            {
                TestRuns.Failing[key] = (string)value!;
            }
        }

        foreach (var (key, value) in request["runTimes"]?.AsObject() ?? new JsonObject())
        {
            TestRuns.RunTimes[key] = (int)value!;
        }

        foreach (var (key, value) in request["coverage"]?.AsObject() ?? new JsonObject())
        {
            TestRuns.Coverage[key] = (int)value!;
        }

        context.Response.StatusCode = 204;
    }

    private async Task ToolingPatchAsync(HttpContext context)
    {
        if (!await AuthorizedAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var type = context.Request.RouteValues["type"]?.ToString();
        var id = context.Request.RouteValues["id"]?.ToString() ?? string.Empty;
        var update = (await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false))!.AsObject();
        var refusal = type switch
        {
            "SandboxInfo" => Sandboxes.Refresh(id, update),
            "SandboxProcess" when update["RefreshAction"] is { } action => Sandboxes.Act(id, action.ToString()),
            _ => ("NOT_FOUND", $"The requested resource does not exist: {type}"),
        };
        if (refusal is { } error)
        {
            await RestErrorAsync(context, error.Code == "NOT_FOUND" ? 404 : 400, error.Code, error.Message).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = 204;
    }

    private async Task PatchRecordAsync(HttpContext context)
    {
        if (!await AuthorizedAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var type = context.Request.RouteValues["type"]!.ToString()!;
        var id = context.Request.RouteValues["id"]!.ToString()!;
        var fields = (await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false))!.AsObject();
        if (!Data.Update(type, id, fields))
        {
            await RestErrorAsync(context, 404, "NOT_FOUND", "The requested resource does not exist").ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = 204;
    }

    /// <summary>The API versions the org serves, oldest first, as Salesforce lists them (no session needed).</summary>
    private async Task VersionsAsync(HttpContext context)
    {
        var latest = (int)double.Parse(Options.LatestApiVersion, System.Globalization.CultureInfo.InvariantCulture);
        var versions = Enumerable.Range(31, latest - 30).Select(v => new JsonObject { ["label"] = "v" + v, ["url"] = $"/services/data/v{v}.0", ["version"] = v + ".0" }).Cast<JsonNode>().ToArray();
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonArray(versions).ToJsonString()).ConfigureAwait(false);
    }

    private async Task RecordCountAsync(HttpContext context)
    {
        if (!await AuthorizedAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var names = context.Request.Query["sObjects"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var counts = names.Select(n => new JsonObject { ["count"] = Data.Count(n), ["name"] = n }).Cast<JsonNode>().ToArray();
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["sObjects"] = new JsonArray(counts) }.ToJsonString()).ConfigureAwait(false);
    }

    /// <summary>Hands production's metadata and records to the sandbox's simulator, as a completed copy does.</summary>
    private async Task CopyToAsync(SimulatedSandbox sandbox)
    {
        if (sandbox.CopyTo is null)
        {
            return;
        }

        var copy = new JsonObject { ["sandbox"] = sandbox.Name, ["folder"] = Org.Folder, ["records"] = Data.ToJson() };
        using var response = await CopyClient.PostAsJsonAsync(sandbox.CopyTo.TrimEnd('/') + "/simulator/copy", copy).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    private async Task TakeCopyAsync(HttpContext context)
    {
        var copy = (await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false))!.AsObject();
        Org.ReplaceWith((string)copy["folder"]!);
        var suffix = "." + ((string)copy["sandbox"]!).ToLowerInvariant();
        Data.Replace((string)copy["records"]!, (type, record) =>
        {
            // Salesforce's copy: usernames get the sandbox's name appended, e-mail addresses .invalid.
            if (type == "User")
            {
                record["Username"] = (string?)record["Username"] + suffix;
                record["Email"] = (string?)record["Email"] + ".invalid";
            }

            return record;
        });
        _orgId = "00D" + (long.Parse(OrgId.AsSpan(3, 12), System.Globalization.CultureInfo.InvariantCulture) + 1).ToString("D12", System.Globalization.CultureInfo.InvariantCulture) + "EAA";
        ExpireSessions();
        context.Response.StatusCode = 204;
    }
}
