using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SandboxOps.Simulator;

/// <summary>
/// Apex test runs of the simulated org, as the Tooling API serves them: runTestsAsynchronous queues the org's test
/// classes (all of them, or those named) and returns the run's AsyncApexJob id; the run's ApexTestRunResult is
/// Processing at its first read and Completed at the next; then its ApexTestQueueItems, ApexTestResults (each test
/// method of each class: Pass, or Fail with a message and stack trace when the test is set to fail),
/// ApexCodeCoverageAggregate per non-test class and ApexOrgWideCoverage are there to query. What fails, how long
/// each test takes and what each class's coverage is can be changed between runs on a route of the simulator's own.
/// </summary>
public sealed partial class SimulatedTestRuns
{
    private readonly SimulatedOrg _org;
    private readonly object _gate = new();
    private int _runs;

    public SimulatedTestRuns(SimulatedOrg org, IReadOnlyDictionary<string, string> failing, IReadOnlyDictionary<string, int> coverage, int defaultCoverage)
    {
        _org = org;
        Failing = new Dictionary<string, string>(failing, StringComparer.OrdinalIgnoreCase);
        Coverage = new Dictionary<string, int>(coverage, StringComparer.OrdinalIgnoreCase);
        DefaultCoverage = defaultCoverage;
    }

    public SimulatedRecords Records { get; } = new();

    /// <summary>Tests that fail ("Class.method" -> message).</summary>
    public Dictionary<string, string> Failing { get; }

    /// <summary>How long tests take, in ms ("Class.method" -> ms); 40 otherwise.</summary>
    public Dictionary<string, int> RunTimes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Each non-test class's coverage in percent.</summary>
    public Dictionary<string, int> Coverage { get; }

    public int DefaultCoverage { get; set; }

    /// <summary>Queues a run (testLevel, classNames, suiteNames as the CLI sends them); the run id, or an error message.</summary>
    public (string? RunId, string? Error) Start(JsonObject request)
    {
        var level = (string?)request["testLevel"] ?? "RunSpecifiedTests";
        var named = ((string?)request["classNames"] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var classes = TestClasses();
        var chosen = level is "RunLocalTests" or "RunAllTestsInOrg" ? classes.Keys.ToList() : named.ToList();
        if (chosen.FirstOrDefault(c => !classes.ContainsKey(c)) is { } unknown)
        {
            return (null, $"No test class named '{unknown}' was found in the org.");
        }

        if (chosen.Count == 0)
        {
            return (null, "testLevel RunSpecifiedTests needs classNames, suiteNames or tests.");
        }

        lock (_gate)
        {
            var run = ++_runs;
            var runId = "707" + run.ToString("D12", CultureInfo.InvariantCulture) + "AAA";
            var when = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fff+0000", CultureInfo.InvariantCulture);
            Records.Add("ApexTestRunResult", new JsonObject { ["Id"] = "05m" + run.ToString("D12", CultureInfo.InvariantCulture) + "AAA", ["AsyncApexJobId"] = runId, ["Status"] = "Queued", ["ClassesCompleted"] = 0, ["ClassesEnqueued"] = chosen.Count, ["MethodsEnqueued"] = chosen.Sum(c => classes[c].Count), ["StartTime"] = when, ["EndTime"] = null, ["TestTime"] = null, ["UserId"] = "005000000000001AAA" });
            var item = 0;
            foreach (var className in chosen)
            {
                var queueItem = "709" + run.ToString("D6", CultureInfo.InvariantCulture) + (++item).ToString("D6", CultureInfo.InvariantCulture) + "AAA";
                var classId = ClassId(className);
                Records.Add("ApexTestQueueItem", new JsonObject { ["Id"] = queueItem, ["ParentJobId"] = runId, ["ApexClassId"] = classId, ["Status"] = "Completed" });
                foreach (var method in classes[className])
                {
                    var key = className + "." + method;
                    var fails = Failing.TryGetValue(key, out var message);
                    Records.Add("ApexTestResult", new JsonObject
                    {
                        ["Id"] = string.Concat("07M", Guid.NewGuid().ToString("N").AsSpan(0, 12), "AAA"),
                        ["QueueItemId"] = queueItem,
                        ["AsyncApexJobId"] = runId,
                        ["MethodName"] = method,
                        ["Outcome"] = fails ? "Fail" : "Pass",
                        ["Message"] = fails ? message : null,
                        ["StackTrace"] = fails ? $"Class.{key}: line 9, column 1" : null,
                        ["RunTime"] = RunTimes.TryGetValue(key, out var ms) ? ms : 40,
                        ["TestTimestamp"] = when,
                        ["ApexLogId"] = null,
                        ["ApexClass"] = new JsonObject { ["Id"] = classId, ["Name"] = className, ["NamespacePrefix"] = null },
                    });
                }
            }

            Aggregate();
            return (runId, null);
        }
    }

    /// <summary>A status read of a run moves it on: Queued -> Processing -> Completed.</summary>
    public void Advance()
    {
        Records.Change(() =>
        {
            foreach (var run in Records.All("ApexTestRunResult"))
            {
                var status = (string?)run["Status"];
                if (status == "Queued")
                {
                    run["Status"] = "Processing";
                    run["ClassesCompleted"] = Math.Max(0, (int)run["ClassesEnqueued"]! - 1);
                }
                else if (status == "Processing")
                {
                    run["Status"] = "Completed";
                    run["ClassesCompleted"] = (int)run["ClassesEnqueued"]!;
                    run["EndTime"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fff+0000", CultureInfo.InvariantCulture);
                    run["TestTime"] = Records.All("ApexTestResult").Where(r => (string?)r["AsyncApexJobId"] == (string?)run["AsyncApexJobId"]).Sum(r => (int)r["RunTime"]!);
                }
            }
        });
    }

    /// <summary>The org's coverage as the aggregate objects give it, after each run.</summary>
    private void Aggregate()
    {
        var classes = _org.List("ApexClass", null).Where(c => !TestClasses().ContainsKey(c)).ToList();
        int Percent(string c) => Coverage.TryGetValue(c, out var p) ? p : DefaultCoverage;
        Records.Set("ApexCodeCoverageAggregate", classes.Select(c =>
        {
            var covered = (int)Math.Round(20 * Percent(c) / 100.0);
            return new JsonObject { ["Id"] = string.Concat("715", ClassId(c).AsSpan(3)), ["ApexClassOrTriggerId"] = ClassId(c), ["ApexClassOrTrigger"] = new JsonObject { ["Id"] = ClassId(c), ["Name"] = c }, ["NumLinesCovered"] = covered, ["NumLinesUncovered"] = 20 - covered };
        }));
        Records.Set("ApexOrgWideCoverage", new[] { new JsonObject { ["Id"] = "716000000000001AAA", ["PercentCovered"] = classes.Count == 0 ? 0 : (int)classes.Average(Percent) } });
    }

    /// <summary>The org's test classes and their test methods.</summary>
    private Dictionary<string, List<string>> TestClasses()
    {
        var classes = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in _org.List("ApexClass", null))
        {
            var file = _org.FilesOf("ApexClass", name)?.FirstOrDefault(f => f.EndsWith(".cls", StringComparison.Ordinal));
            var code = file is null ? string.Empty : File.ReadAllText(Path.Combine(_org.Folder, file), Encoding.UTF8);
            if (code.Contains("@istest", StringComparison.OrdinalIgnoreCase))
            {
                classes[name] = TestMethod().Matches(code).Select(m => m.Groups["name"].Value).Distinct().ToList();
            }
        }

        return classes;
    }

    private static string ClassId(string className) => "01p" + ((uint)StringComparer.OrdinalIgnoreCase.GetHashCode(className)).ToString("D12", CultureInfo.InvariantCulture) + "AAA";

    [GeneratedRegex(@"(?:@istest\b[^;{]*?|\btestmethod\s+)\bvoid\s+(?<name>\w+)\s*\(", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex TestMethod();
}
