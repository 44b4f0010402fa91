using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SandboxOps.Simulator;

/// <summary>
/// Bulk API 2.0 jobs over the simulated records, as Salesforce runs them: a query job reads its records when it is
/// made and is InProgress at its first state read, JobComplete at the next; its results come in pages of
/// maxRecords, every field quoted, with a locator to the next page. An update job is Open until its data is
/// uploaded and UploadComplete is set, InProgress at its first state read, then processed: each row updates the
/// record of its Id (an empty field leaves a value, #N/A clears it), a locked record fails with UNABLE_TO_LOCK_ROW,
/// an unknown Id with INVALID_CROSS_REFERENCE_KEY, a column the object lacks fails the whole job. A test can make
/// the next update job fail after some rows (the rest unprocessed), as a job Salesforce aborts does.
/// </summary>
public sealed class SimulatedBulkJobs
{
    private readonly ConcurrentDictionary<string, Job> _jobs = new();
    private readonly SimulatedRecords _records;
    private readonly HashSet<string> _locked = new(StringComparer.Ordinal);
    private int _made;
    private Failure? _nextFailure;

    public SimulatedBulkJobs(SimulatedRecords records)
    {
        _records = records;
    }

    /// <summary>Records whose updates fail as if another transaction held them.</summary>
    public void Lock(IEnumerable<string> ids, bool locked)
    {
        lock (_locked)
        {
            foreach (var id in ids)
            {
                _ = locked ? _locked.Add(id) : _locked.Remove(id);
            }
        }
    }

    /// <summary>The next update job fails after <paramref name="after"/> rows with <paramref name="message"/>.</summary>
    public void FailNext(int after, string message) => Volatile.Write(ref _nextFailure, new Failure(after, message));

    /// <summary>A query job made from a SOQL query; an error (code, message) when Salesforce would refuse it.</summary>
    public (JsonObject? Info, string? Code, string? Message) Query(string soql, string version)
    {
        var (objectName, fields) = SimulatedRecords.Shape(soql);
        if (objectName is null || _records.Query(soql, version) is not { } found)
        {
            return (null, "INVALIDJOB", "The simulator does not read this query: " + soql);
        }

        if (_records.FieldsOf(objectName) is { Count: > 0 } known && fields.FirstOrDefault(f => !known.Contains(f)) is { } unknown)
        {
            return (null, "INVALIDJOB", $"No such column '{unknown}' on entity '{objectName}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.");
        }

        var rows = found.Select(r => fields.Select(f => Text(r, f)).ToArray()).ToList();
        var job = new Job(NewId(), "query", objectName, version) { Header = fields.ToArray(), Rows = rows, State = "UploadComplete" };
        _jobs[job.Id] = job;
        return (job.Info(), null, null);
    }

    /// <summary>An ingest job; an error when the simulator does not do its operation.</summary>
    public (JsonObject? Info, string? Code, string? Message) Ingest(JsonObject request, string version)
    {
        var operation = (string?)request["operation"];
        var objectName = (string?)request["object"];
        if (operation != "update" || objectName is null)
        {
            return (null, "INVALIDJOB", $"The simulator runs update jobs only, of a named object (asked: {operation} of {objectName}).");
        }

        var job = new Job(NewId(), operation, objectName, version) { State = "Open" };
        _jobs[job.Id] = job;
        return (job.Info(), null, null);
    }

    public Job? Find(string id) => _jobs.TryGetValue(id, out var job) ? job : null;

    /// <summary>The state read of a job, which moves it on: made -> InProgress -> done (an update job processed then).</summary>
    public JsonObject Advance(Job job)
    {
        lock (job)
        {
            if (job.State is "UploadComplete")
            {
                job.State = "InProgress";
            }
            else if (job.State is "InProgress")
            {
                if (job.Operation == "query")
                {
                    job.Processed = job.Rows.Count;
                    job.State = "JobComplete";
                }
                else
                {
                    Process(job);
                }
            }

            return job.Info();
        }
    }

    private void Process(Job job)
    {
        var rows = SimpleCsv.Parse(job.Upload.ToString());
        job.Header = rows.Count > 0 ? rows[0] : Array.Empty<string>();
        var data = rows.Skip(1).ToList();
        var id = Array.FindIndex(job.Header, h => string.Equals(h, "Id", StringComparison.OrdinalIgnoreCase));
        var known = _records.FieldsOf(job.ObjectName);
        var unknown = job.Header.FirstOrDefault(h => known.Count > 0 && !known.Contains(h));
        if (id < 0 || unknown is not null)
        {
            job.State = "Failed";
            job.Error = id < 0 ? "InvalidBatch : Field name not found : Id" : "InvalidBatch : Field name not found : " + unknown;
            job.Unprocessed.AddRange(data);
            return;
        }

        var failure = Interlocked.Exchange(ref _nextFailure, null);
        for (var i = 0; i < data.Count; i++)
        {
            var row = data[i];
            if (failure is { } fails && i >= fails.After)
            {
                job.State = "Failed";
                job.Error = fails.Message;
                job.Unprocessed.AddRange(data.Skip(i));
                return;
            }

            job.Processed++;
            bool isLocked;
            lock (_locked)
            {
                isLocked = _locked.Contains(row[id]);
            }

            var fields = new JsonObject();
            for (var f = 0; f < job.Header.Length; f++)
            {
                if (f != id && row[f].Length > 0)
                {
                    fields[job.Header[f]] = row[f] == "#N/A" ? null : JsonValue.Create(row[f]);
                }
            }

            if (isLocked)
            {
                job.Failures.Add(new[] { row[id], $"UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record or 1 records: {row[id]}:--" }.Concat(row).ToArray());
            }
            else if (!_records.Update(job.ObjectName, row[id], fields))
            {
                job.Failures.Add(new[] { row[id], "INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--" }.Concat(row).ToArray());
            }
            else
            {
                job.Successful.Add(new[] { row[id], "false" }.Concat(row).ToArray());
            }
        }

        job.State = "JobComplete";
    }

    private string NewId() => "750" + Interlocked.Increment(ref _made).ToString("D12", CultureInfo.InvariantCulture) + "AAA";

    private static string Text(JsonObject record, string field) =>
        SimulatedRecords.Get(record, field) switch
        {
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            JsonValue value => value.ToJsonString(),
            _ => string.Empty,
        };

    /// <summary>CSV as Bulk API 2.0 writes it: every field quoted, LF line endings.</summary>
    private static string Csv(string[] header, IEnumerable<string[]> rows)
    {
        var text = new StringBuilder();
        foreach (var row in new[] { header }.Concat(rows))
        {
            text.Append(string.Join(",", row.Select(v => "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""))).Append('\n');
        }

        return text.ToString();
    }

    private sealed record Failure(int After, string Message);

    /// <summary>One Bulk API 2.0 job.</summary>
    public sealed class Job
    {
        public Job(string id, string operation, string objectName, string version)
        {
            Id = id;
            Operation = operation;
            ObjectName = objectName;
            Version = version;
        }

        public string Id { get; }

        public string Operation { get; }

        public string ObjectName { get; }

        public string Version { get; }

        public string State { get; set; } = "Open";

        public string? Error { get; set; }

        public long Processed { get; set; }

        public string[] Header { get; set; } = Array.Empty<string>();

        public List<string[]> Rows { get; init; } = new();

        public StringBuilder Upload { get; } = new();

        public List<string[]> Successful { get; } = new();

        public List<string[]> Failures { get; } = new();

        public List<string[]> Unprocessed { get; } = new();

        /// <summary>A page of a finished query job's results as Bulk API 2.0 writes it, and the locator of the next page.</summary>
        public (string Csv, int Records, string Locator) Page(string? locator, int maxRecords)
        {
            var start = locator is null ? 0 : int.Parse(Encoding.ASCII.GetString(Convert.FromBase64String(locator)), CultureInfo.InvariantCulture);
            var page = Rows.Skip(start).Take(maxRecords).ToList();
            var next = start + page.Count < Rows.Count ? Convert.ToBase64String(Encoding.ASCII.GetBytes((start + page.Count).ToString(CultureInfo.InvariantCulture))) : "null";
            return (Csv(Header, page), page.Count, next);
        }

        /// <summary>An update job's successful, failed or unprocessed records as CSV.</summary>
        public string Results(string kind) => kind switch
        {
            "successfulResults" => Csv(new[] { "sf__Id", "sf__Created" }.Concat(Header).ToArray(), Successful),
            "failedResults" => Csv(new[] { "sf__Id", "sf__Error" }.Concat(Header).ToArray(), Failures),
            _ => Csv(Header, Unprocessed),
        };

        public JsonObject Info() => new()
        {
            ["id"] = Id,
            ["operation"] = Operation,
            ["object"] = ObjectName,
            ["createdById"] = "005000000000001AAA",
            ["state"] = State,
            ["concurrencyMode"] = "Parallel",
            ["contentType"] = "CSV",
            ["apiVersion"] = double.Parse(Version, CultureInfo.InvariantCulture),
            ["jobType"] = "V2Ingest",
            ["lineEnding"] = "LF",
            ["columnDelimiter"] = "COMMA",
            ["numberRecordsProcessed"] = Processed,
            ["numberRecordsFailed"] = Failures.Count,
            ["errorMessage"] = Error,
        };
    }

    /// <summary>Just enough of RFC 4180 to read what a client uploads: quoted fields with commas, quotes and newlines.</summary>
    private static class SimpleCsv
    {
        public static List<string[]> Parse(string text)
        {
            var rows = new List<string[]>();
            var row = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        field.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    row.Add(field.ToString());
                    field.Clear();
                }
                else if (c == '\n')
                {
                    row.Add(field.ToString().TrimEnd('\r'));
                    field.Clear();
                    rows.Add(row.ToArray());
                    row.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }

            if (field.Length > 0 || row.Count > 0)
            {
                row.Add(field.ToString());
                rows.Add(row.ToArray());
            }

            return rows;
        }
    }
}
