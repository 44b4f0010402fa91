using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace SandboxOps.Engine.Salesforce;

/// <summary>
/// Bulk API 2.0 as Salesforce serves it under <c>/services/data/vXX.X/jobs</c>: a query job made, followed to
/// JobComplete and read page by page with the <c>Sforce-Locator</c>; an update ingest job made, given its CSV,
/// closed (UploadComplete), followed to its end, and its successful, failed and unprocessed records read. CSV
/// travels through files, so a page or a job of any size never sits in memory.
/// </summary>
internal sealed class BulkApi
{
    private readonly RestApi _rest;

    public BulkApi(RestApi rest)
    {
        _rest = rest;
    }

    /// <summary>Makes a query job (LF line endings, so masked pages go back as they came) and waits for it to finish.</summary>
    public async Task<BulkJob> QueryAsync(string soql, CancellationToken cancellation)
    {
        var body = new Dictionary<string, string> { ["operation"] = "query", ["query"] = soql, ["lineEnding"] = "LF", ["columnDelimiter"] = "COMMA" };
        using var created = await _rest.PostAsync(_rest.Resource("jobs/query"), body, "Bulk query job", cancellation).ConfigureAwait(false);
        var job = BulkJob.From(created.RootElement, BulkJobKind.Query);
        return await WaitAsync(job, cancellation).ConfigureAwait(false);
    }

    /// <summary>One page of a finished query job's results written to <paramref name="file"/>; the next page's locator, null after the last.</summary>
    public async Task<(long Records, string? Next)> ResultsAsync(BulkJob job, string? locator, int maxRecords, string file, CancellationToken cancellation)
    {
        var query = "?maxRecords=" + maxRecords + (locator is null ? string.Empty : "&locator=" + Uri.EscapeDataString(locator));
        var headers = await _rest.DownloadAsync(_rest.Resource($"jobs/query/{job.Id}/results{query}"), file, $"results of Bulk query job {job.Id}", cancellation).ConfigureAwait(false);
        var next = headers.TryGetValue("Sforce-Locator", out var value) && value.Length > 0 && value != "null" ? value : null;
        var records = headers.TryGetValue("Sforce-NumberOfRecords", out var count) && long.TryParse(count, out var n) ? n : 0;
        return (records, next);
    }

    /// <summary>Makes an update job for <paramref name="objectName"/>, uploads <paramref name="csv"/> and closes it; the job as made (its id is what a resumed run needs).</summary>
    public async Task<BulkJob> StartUpdateAsync(string objectName, string csv, Action<BulkJob> made, CancellationToken cancellation)
    {
        var body = new Dictionary<string, string> { ["object"] = objectName, ["operation"] = "update", ["contentType"] = "CSV", ["lineEnding"] = "LF", ["columnDelimiter"] = "COMMA" };
        BulkJob job;
        using (var created = await _rest.PostAsync(_rest.Resource("jobs/ingest"), body, $"Bulk update job of {objectName}", cancellation).ConfigureAwait(false))
        {
            job = BulkJob.From(created.RootElement, BulkJobKind.Ingest);
        }

        made(job);
        await _rest.UploadAsync(_rest.Resource($"jobs/ingest/{job.Id}/batches"), csv, $"upload to Bulk job {job.Id}", cancellation).ConfigureAwait(false);
        using (await _rest.PatchAsync(_rest.Resource($"jobs/ingest/{job.Id}"), new Dictionary<string, string> { ["state"] = "UploadComplete" }, $"close Bulk job {job.Id}", cancellation).ConfigureAwait(false))
        {
        }

        return job;
    }

    /// <summary>Reads a job's state until it has finished (JobComplete, Failed or Aborted), waiting longer between reads as it runs, as a retrieve or deploy is polled.</summary>
    public async Task<BulkJob> WaitAsync(BulkJob job, CancellationToken cancellation)
    {
        var wait = _rest.Retry.FirstPoll;
        while (true)
        {
            using (var state = await _rest.GetAsync(_rest.Resource($"jobs/{job.Path}/{job.Id}"), $"state of Bulk job {job.Id}", cancellation).ConfigureAwait(false))
            {
                job = BulkJob.From(state.RootElement, job.Kind);
            }

            if (job.IsFinished)
            {
                return job;
            }

            await Task.Delay(wait, cancellation).ConfigureAwait(false);
            wait = _rest.Retry.NextPoll(wait);
        }
    }

    /// <summary>An update job's <c>successfulResults</c>, <c>failedResults</c> or <c>unprocessedrecords</c> written to <paramref name="file"/>.</summary>
    public Task RecordsAsync(BulkJob job, BulkRecords records, string file, CancellationToken cancellation) =>
        _rest.DownloadAsync(_rest.Resource($"jobs/ingest/{job.Id}/{Segment(records)}/"), file, $"{Segment(records)} of Bulk job {job.Id}", cancellation);

    private static string Segment(BulkRecords records) => records switch
    {
        BulkRecords.Successful => "successfulResults",
        BulkRecords.Failed => "failedResults",
        _ => "unprocessedrecords",
    };
}

internal enum BulkJobKind
{
    Query,
    Ingest,
}

internal enum BulkRecords
{
    Successful,
    Failed,
    Unprocessed,
}

/// <summary>A Bulk API 2.0 job's info: its id, state, and the counts Salesforce keeps of it.</summary>
internal sealed class BulkJob
{
    private BulkJob(string id, BulkJobKind kind, string state, long processed, long failed, string? error)
    {
        Id = id;
        Kind = kind;
        State = state;
        Processed = processed;
        Failed = failed;
        Error = error;
    }

    public string Id { get; }

    public BulkJobKind Kind { get; }

    /// <summary>Open, UploadComplete, InProgress, JobComplete, Failed or Aborted.</summary>
    public string State { get; }

    public long Processed { get; }

    public long Failed { get; }

    /// <summary>Why the job failed (errorMessage), when it did.</summary>
    public string? Error { get; }

    public bool IsFinished => State is "JobComplete" or "Failed" or "Aborted";

    public bool Completed => State == "JobComplete";

    public string Path => Kind == BulkJobKind.Query ? "query" : "ingest";

    /// <summary>A job made earlier, known by its id only (a resumed run's unfinished job).</summary>
    public static BulkJob Known(string id, BulkJobKind kind) => new(id, kind, "Unknown", 0, 0, null);

    public static BulkJob From(JsonElement info, BulkJobKind kind)
    {
        long Count(string name) => info.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;
        var error = info.TryGetProperty("errorMessage", out var message) && message.ValueKind == JsonValueKind.String ? message.GetString() : null;
        return new BulkJob(info.GetProperty("id").GetString() ?? string.Empty, kind, info.GetProperty("state").GetString() ?? string.Empty, Count("numberRecordsProcessed"), Count("numberRecordsFailed"), string.IsNullOrEmpty(error) ? null : error);
    }

    public override string ToString() => $"{Id} ({State})";
}
