using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace SandboxOps.Engine.Salesforce;

/// <summary>
/// Apex test runs through the Tooling API, as the Salesforce CLI runs them: runTestsAsynchronous queues the run,
/// ApexTestRunResult says how far it is, ApexTestResult gives each method's outcome, ApexCodeCoverageAggregate and
/// ApexOrgWideCoverage the coverage the org's tests give.
/// </summary>
internal sealed class ApexTestApi
{
    private readonly RestApi _rest;

    public ApexTestApi(RestApi rest)
    {
        _rest = rest;
    }

    /// <summary>Queues a run; its id (the AsyncApexJob's).</summary>
    public async Task<string> StartAsync(string testLevel, IReadOnlyList<string> classes, IReadOnlyList<string> suites, CancellationToken cancellation)
    {
        var body = new Dictionary<string, string> { ["testLevel"] = testLevel };
        if (classes.Count > 0)
        {
            body["classNames"] = string.Join(",", classes);
        }

        if (suites.Count > 0)
        {
            body["suiteNames"] = string.Join(",", suites);
        }

        using var answer = await _rest.PostAsync(_rest.Resource("tooling/runTestsAsynchronous"), body, "run Apex tests", cancellation).ConfigureAwait(false);
        return answer.RootElement.GetString() ?? throw new SalesforceException("NoTestRunId", "Salesforce queued the test run but gave no id.");
    }

    /// <summary>The run's status (Queued, Processing, Completed, Failed, Aborted) and how many classes are done of how many.</summary>
    public async Task<(string Status, int Completed, int Enqueued, DateTimeOffset? Started)> StatusAsync(string runId, CancellationToken cancellation)
    {
        var records = await _rest.QueryAsync($"SELECT AsyncApexJobId, Status, ClassesCompleted, ClassesEnqueued, MethodsEnqueued, StartTime, EndTime, TestTime, UserId FROM ApexTestRunResult WHERE AsyncApexJobId = '{runId}'", tooling: true, cancellation).ConfigureAwait(false);
        if (records.Count == 0)
        {
            return ("Queued", 0, 0, null); // the run's record is made a moment after it is queued
        }

        var run = records[0];
        int Count(string name) => run.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;
        var started = run.TryGetProperty("StartTime", out var start) && start.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(start.GetString()!.Replace("+0000", "Z"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : (DateTimeOffset?)null;
        return (run.GetProperty("Status").GetString() ?? "Queued", Count("ClassesCompleted"), Count("ClassesEnqueued"), started);
    }

    public async Task<IReadOnlyList<JsonElement>> ResultsAsync(string runId, CancellationToken cancellation) =>
        await _rest.QueryAsync($"SELECT Id, QueueItemId, StackTrace, Message, RunTime, TestTimestamp, AsyncApexJobId, MethodName, Outcome, ApexLogId, ApexClass.Id, ApexClass.Name, ApexClass.NamespacePrefix FROM ApexTestResult WHERE AsyncApexJobId = '{runId}'", tooling: true, cancellation).ConfigureAwait(false);

    /// <summary>Each class's and trigger's covered share of lines, and the org's.</summary>
    public async Task<(Dictionary<string, double> Classes, double? OrgWide)> CoverageAsync(CancellationToken cancellation)
    {
        var classes = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in await _rest.QueryAsync("SELECT ApexClassOrTriggerId, ApexClassOrTrigger.Name, NumLinesCovered, NumLinesUncovered FROM ApexCodeCoverageAggregate", tooling: true, cancellation).ConfigureAwait(false))
        {
            var covered = record.GetProperty("NumLinesCovered").GetInt32();
            var lines = covered + record.GetProperty("NumLinesUncovered").GetInt32();
            if (lines > 0 && record.GetProperty("ApexClassOrTrigger").GetProperty("Name").GetString() is { } name)
            {
                classes[name] = 100.0 * covered / lines;
            }
        }

        var orgWide = (await _rest.QueryAsync("SELECT PercentCovered FROM ApexOrgWideCoverage", tooling: true, cancellation).ConfigureAwait(false)).Select(r => (double?)r.GetProperty("PercentCovered").GetDouble()).FirstOrDefault();
        return (classes, orgWide);
    }
}
