using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps.Engine.Gates;

/// <summary>Runs an org's Apex tests through the Tooling API and follows the run to its end, with progress by classes.</summary>
public sealed class OrgTestRunner
{
    private readonly OrgConnection _org;
    private readonly EngineContext _context;
    private readonly ApexTestApi _api;

    public OrgTestRunner(OrgConnection org, EngineContext context)
    {
        _org = org;
        _context = context;
        _api = new ApexTestApi(org.Rest);
    }

    /// <summary>Queues the run and follows it, reading its progress soon at first and then every <paramref name="pollInterval"/>.</summary>
    public async Task<OrgTestRun> RunAsync(string testLevel, IReadOnlyList<string> classes, IReadOnlyList<string> suites, TimeSpan timeout, TimeSpan pollInterval)
    {
        var cancellation = _context.Cancellation;
        var runId = await _api.StartAsync(testLevel, classes, suites, cancellation).ConfigureAwait(false);
        var activity = $"Apex tests on {_org.Name} ({runId})";
        var deadline = DateTimeOffset.UtcNow + timeout;
        var wait = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            var (status, completed, enqueued, started) = await _api.StatusAsync(runId, cancellation).ConfigureAwait(false);
            _context.Observer.ReportProgress(new OperationProgress(activity, $"{status}: {completed} of {enqueued} classes", completed, enqueued));
            if (status is "Completed" or "Failed" or "Aborted")
            {
                return await ResultAsync(runId, testLevel, status, started ?? DateTimeOffset.UtcNow).ConfigureAwait(false);
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new SalesforceException("TestRunTimedOut", $"The test run {runId} on {_org.Name} was still {status} ({completed} of {enqueued} classes) after {timeout}. It goes on in the org (Setup > Apex Test Execution); run again with a longer -Timeout.", isTransient: false);
            }

            // Soon at first (a small run is done in seconds), then at the interval asked.
            await Task.Delay(wait, cancellation).ConfigureAwait(false);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, pollInterval.Ticks));
        }
    }

    private async Task<OrgTestRun> ResultAsync(string runId, string testLevel, string status, DateTimeOffset started)
    {
        var cancellation = _context.Cancellation;
        static string? Text(JsonElement record, string name) => record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var tests = (await _api.ResultsAsync(runId, cancellation).ConfigureAwait(false))
            .Select(r => new OrgTestResult(
                _org.Name,
                runId,
                r.TryGetProperty("ApexClass", out var apexClass) && apexClass.ValueKind == JsonValueKind.Object ? Text(apexClass, "Name") ?? string.Empty : string.Empty,
                Text(r, "MethodName") ?? string.Empty,
                Text(r, "Outcome") ?? string.Empty,
                Text(r, "Message"),
                Text(r, "StackTrace"),
                r.TryGetProperty("RunTime", out var time) && time.ValueKind == JsonValueKind.Number ? time.GetInt64() : 0))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();
        var (classes, orgWide) = await _api.CoverageAsync(cancellation).ConfigureAwait(false);
        return new OrgTestRun(_org.Name, _org.OrgId, runId, testLevel, status, started, tests, classes, orgWide);
    }
}
