using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SandboxOps.Simulator;

/// <summary>
/// Bulk API 2.0 of the simulated org under /services/data/vXX.X/jobs: query jobs (made, followed, results paged with
/// Sforce-Locator and Sforce-NumberOfRecords, 412 JOB_NOT_COMPLETE before they finish) and update ingest jobs
/// (made, data PUT as text/csv, closed with UploadComplete, followed, successfulResults / failedResults /
/// unprocessedrecords). Two routes of the simulator's own let a test lock records and make the next job fail part way.
/// </summary>
public sealed partial class MetadataApiSimulator
{
    public SimulatedBulkJobs Bulk { get; private set; } = null!;

    private void MapBulk(WebApplication app)
    {
        Bulk = new SimulatedBulkJobs(Data);
        app.MapPost("/services/data/{version}/jobs/query", CreateQueryJobAsync);
        app.MapGet("/services/data/{version}/jobs/query/{id}", JobStateAsync);
        app.MapGet("/services/data/{version}/jobs/query/{id}/results", QueryResultsAsync);
        app.MapPost("/services/data/{version}/jobs/ingest", CreateIngestJobAsync);
        app.MapPut("/services/data/{version}/jobs/ingest/{id}/batches", UploadJobDataAsync);
        app.MapMethods("/services/data/{version}/jobs/ingest/{id}", new[] { "PATCH" }, CloseJobAsync);
        app.MapGet("/services/data/{version}/jobs/ingest/{id}", JobStateAsync);
        app.MapGet("/services/data/{version}/jobs/ingest/{id}/{kind}", IngestResultsAsync);
        app.MapPost("/simulator/lock", LockAsync);
        app.MapPost("/simulator/fail-next-job", FailNextJobAsync);
    }

    private static string VersionOf(HttpContext context) => context.Request.RouteValues["version"]?.ToString()?.TrimStart('v') ?? "62.0";

    private async Task CreateQueryJobAsync(HttpContext context)
    {
        if (!await AuthorizedAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var request = (await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false))!.AsObject();
        var (info, code, message) = (string?)request["operation"] is "query" or "queryAll"
            ? Bulk.Query((string?)request["query"] ?? string.Empty, VersionOf(context))
            : (null, "INVALIDJOB", "operation must be query or queryAll");
        await AnswerJobAsync(context, info, code, message).ConfigureAwait(false);
    }

    private async Task CreateIngestJobAsync(HttpContext context)
    {
        if (!await AuthorizedAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var request = (await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false))!.AsObject();
        var (info, code, message) = Bulk.Ingest(request, VersionOf(context));
        await AnswerJobAsync(context, info, code, message).ConfigureAwait(false);
    }

    private static async Task AnswerJobAsync(HttpContext context, JsonObject? info, string? code, string? message)
    {
        if (info is null)
        {
            await RestErrorAsync(context, 400, code!, message!).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(info.ToJsonString()).ConfigureAwait(false);
    }

    /// <summary>The job the route names, or a 404 answered.</summary>
    private async Task<SimulatedBulkJobs.Job?> JobAsync(HttpContext context)
    {
        if (!await AuthorizedAsync(context).ConfigureAwait(false))
        {
            return null;
        }

        var job = Bulk.Find(context.Request.RouteValues["id"]?.ToString() ?? string.Empty);
        if (job is null)
        {
            await RestErrorAsync(context, 404, "NOT_FOUND", "The requested resource does not exist").ConfigureAwait(false);
        }

        return job;
    }

    private async Task JobStateAsync(HttpContext context)
    {
        if (await JobAsync(context).ConfigureAwait(false) is { } job)
        {
            await AnswerJobAsync(context, Bulk.Advance(job), null, null).ConfigureAwait(false);
        }
    }

    private async Task QueryResultsAsync(HttpContext context)
    {
        if (await JobAsync(context).ConfigureAwait(false) is not { } job)
        {
            return;
        }

        if (job.State != "JobComplete")
        {
            await RestErrorAsync(context, 412, "JOB_NOT_COMPLETE", "can only download query results of successfully completed bulk job with status: JOB_COMPLETE. Current status: " + job.State).ConfigureAwait(false);
            return;
        }

        var locator = context.Request.Query["locator"].ToString();
        var max = int.TryParse(context.Request.Query["maxRecords"], out var n) && n > 0 ? n : int.MaxValue;
        var (csv, records, next) = job.Page(locator.Length == 0 ? null : locator, max);
        context.Response.Headers["Sforce-Locator"] = next;
        context.Response.Headers["Sforce-NumberOfRecords"] = records.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.ContentType = "text/csv";
        await context.Response.WriteAsync(csv).ConfigureAwait(false);
    }

    private async Task UploadJobDataAsync(HttpContext context)
    {
        if (await JobAsync(context).ConfigureAwait(false) is not { } job)
        {
            return;
        }

        if (job.State != "Open" || !context.Request.ContentType!.StartsWith("text/csv", StringComparison.Ordinal))
        {
            await RestErrorAsync(context, 400, "INVALIDJOBSTATE", $"Job data can be uploaded to an Open job as text/csv only (job is {job.State}).").ConfigureAwait(false);
            return;
        }

        using var reader = new StreamReader(context.Request.Body);
        job.Upload.Append(await reader.ReadToEndAsync().ConfigureAwait(false));
        context.Response.StatusCode = 201;
    }

    private async Task CloseJobAsync(HttpContext context)
    {
        if (await JobAsync(context).ConfigureAwait(false) is not { } job)
        {
            return;
        }

        var request = (await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false))!.AsObject();
        job.State = (string?)request["state"] == "Aborted" ? "Aborted" : "UploadComplete";
        await AnswerJobAsync(context, job.Info(), null, null).ConfigureAwait(false);
    }

    private async Task IngestResultsAsync(HttpContext context)
    {
        if (await JobAsync(context).ConfigureAwait(false) is not { } job)
        {
            return;
        }

        var kind = context.Request.RouteValues["kind"]?.ToString();
        if (kind is not ("successfulResults" or "failedResults" or "unprocessedrecords"))
        {
            await RestErrorAsync(context, 404, "NOT_FOUND", "The requested resource does not exist").ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "text/csv";
        await context.Response.WriteAsync(job.Results(kind)).ConfigureAwait(false);
    }

    private async Task LockAsync(HttpContext context)
    {
        var request = (await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false))!.AsObject();
        Bulk.Lock(request["ids"]!.AsArray().Select(i => (string)i!), (bool?)request["locked"] ?? true);
        context.Response.StatusCode = 204;
    }

    private async Task FailNextJobAsync(HttpContext context)
    {
        var request = (await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false))!.AsObject();
        Bulk.FailNext((int?)request["after"] ?? 0, (string?)request["message"] ?? "InternalServerError : the job was aborted");
        context.Response.StatusCode = 204;
    }
}
