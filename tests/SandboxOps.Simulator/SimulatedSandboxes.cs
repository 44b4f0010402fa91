using System.Globalization;
using System.Text.Json.Nodes;

namespace SandboxOps.Simulator;

/// <summary>How one sandbox of the simulated production org behaves when refreshed.</summary>
public sealed class SimulatedSandbox
{
    /// <summary>Salesforce's sandbox name (SandboxName).</summary>
    public required string Name { get; init; }

    /// <summary>DEVELOPER, DEVELOPER PRO, PARTIAL or FULL.</summary>
    public string LicenseType { get; init; } = "DEVELOPER";

    /// <summary>When its last copy completed; null for a sandbox never copied since the simulator's records began.</summary>
    public DateTimeOffset? LastRefresh { get; init; }

    /// <summary>The simulator serving the sandbox itself: it receives production's metadata and data when a copy completes.</summary>
    public string? CopyTo { get; init; }

    /// <summary>Status reads a copy takes from Pending to done (copy progress grows evenly).</summary>
    public int PollsToComplete { get; init; } = 3;

    /// <summary>The copy stops half way (Status Stopped), as a refresh that fails does.</summary>
    public bool Fails { get; init; }
}

/// <summary>
/// The Tooling API's SandboxInfo and SandboxProcess of a production org. Updating a SandboxInfo queues a copy (a new
/// SandboxProcess, Pending); each read of SandboxProcess moves copies under way on by one step (Processing with
/// CopyProgress, then Completed, or Pending Activation when AutoActivate is off, or Stopped for a failing one);
/// RefreshAction ACTIVATE on a process waiting for it activates it. A refresh is refused while a copy is under way
/// and before the licence's interval has passed since the last completed copy (Developer and Developer Pro 1 day,
/// Partial 5, Full 29). When a copy completes, the sandbox's own simulator is given production's metadata and records.
/// </summary>
public sealed class SimulatedSandboxes : IDisposable
{
    private readonly Dictionary<string, SimulatedSandbox> _sandboxes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _steps = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _advancing = new(1, 1);
    private int _nextId;

    public SimulatedSandboxes(IEnumerable<SimulatedSandbox> sandboxes)
    {
        foreach (var sandbox in sandboxes)
        {
            _sandboxes[sandbox.Name] = sandbox;
            var infoId = NewId("0GQ");
            Records.Add("SandboxInfo", new JsonObject
            {
                ["Id"] = infoId,
                ["SandboxName"] = sandbox.Name,
                ["LicenseType"] = sandbox.LicenseType,
                ["AutoActivate"] = true,
                ["CopyChatter"] = false,
                ["HistoryDays"] = 0,
                ["Description"] = "Simulated " + sandbox.Name,
            });
            if (sandbox.LastRefresh is { } last)
            {
                var process = NewProcess(infoId, sandbox, autoActivate: true, last.AddHours(-2));
                process["Status"] = "Completed";
                process["CopyProgress"] = 100;
                process["StartDate"] = Stamp(last.AddHours(-2));
                process["EndDate"] = Stamp(last);
                process["ActivatedDate"] = Stamp(last);
            }
        }
    }

    public void Dispose() => _advancing.Dispose();

    /// <summary>The Tooling API's records: SandboxInfo and SandboxProcess.</summary>
    public SimulatedRecords Records { get; } = new();

    /// <summary>Called with the sandbox when a copy completes, before the status says so.</summary>
    public Func<SimulatedSandbox, Task>? OnCopied { get; set; }

    public static int IntervalDays(string licenseType) => licenseType.ToUpperInvariant() switch
    {
        "FULL" => 29,
        "PARTIAL" => 5,
        _ => 1,
    };

    /// <summary>Queues a refresh; the error code and message when Salesforce would refuse it.</summary>
    public (string Code, string Message)? Refresh(string infoId, JsonObject update)
    {
        var info = Records.All("SandboxInfo").FirstOrDefault(r => (string?)r["Id"] == infoId);
        if (info is null)
        {
            return ("NOT_FOUND", "The requested resource does not exist");
        }

        var sandbox = _sandboxes[(string)info["SandboxName"]!];
        var processes = Records.All("SandboxProcess").Where(p => (string?)p["SandboxInfoId"] == infoId).ToList();
        if (processes.Any(p => (string?)p["Status"] is "Pending" or "Processing" or "Activating" or "Pending Activation"))
        {
            return ("INVALID_STATUS", $"Sandbox {sandbox.Name} is being copied; it can be refreshed when the copy ends.");
        }

        var lastCopy = processes.Where(p => (string?)p["Status"] == "Completed").Select(p => Parse((string)p["EndDate"]!)).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
        var allowed = lastCopy == DateTimeOffset.MinValue ? lastCopy : lastCopy.AddDays(IntervalDays((string?)update["LicenseType"] ?? sandbox.LicenseType));
        if (allowed > DateTimeOffset.UtcNow)
        {
            return ("FIELD_INTEGRITY_EXCEPTION", $"You can't refresh sandbox {sandbox.Name} until {allowed:yyyy-MM-dd HH:mm} GMT.");
        }

        Records.Change(() =>
        {
            foreach (var (name, value) in update)
            {
                info[name] = value?.DeepClone();
            }
        });
        NewProcess(infoId, sandbox, (bool?)update["AutoActivate"] ?? true, DateTimeOffset.UtcNow);
        return null;
    }

    /// <summary>ACTIVATE or DISCARD a copy that waits for it; the refusal when it does not.</summary>
    public (string Code, string Message)? Act(string processId, string action)
    {
        var process = Records.All("SandboxProcess").FirstOrDefault(p => (string?)p["Id"] == processId);
        if (process is null)
        {
            return ("NOT_FOUND", "The requested resource does not exist");
        }

        if ((string?)process["Status"] != "Pending Activation")
        {
            return ("INVALID_STATUS", $"The sandbox copy is {(string?)process["Status"]}; only a copy that is Pending Activation can be activated or discarded.");
        }

        Records.Change(() => process["Status"] = string.Equals(action, "ACTIVATE", StringComparison.OrdinalIgnoreCase) ? "Activating" : "Discarding");
        return null;
    }

    /// <summary>Moves every copy under way on by one step, as time passing on Salesforce's side would.</summary>
    public async Task AdvanceAsync()
    {
        await _advancing.WaitAsync().ConfigureAwait(false);
        try
        {
            await AdvanceEachAsync().ConfigureAwait(false);
        }
        finally
        {
            _advancing.Release();
        }
    }

    private async Task AdvanceEachAsync()
    {
        foreach (var process in Records.All("SandboxProcess"))
        {
            var id = (string)process["Id"]!;
            var sandbox = _sandboxes[(string)process["SandboxName"]!];
            var status = (string?)process["Status"];
            if (status == "Activating")
            {
                await CompleteAsync(process, sandbox).ConfigureAwait(false);
                continue;
            }

            if (status is not ("Pending" or "Processing"))
            {
                continue;
            }

            var step = _steps[id] = _steps.GetValueOrDefault(id) + 1;
            var progress = Math.Min(100, step * 100 / Math.Max(1, sandbox.PollsToComplete));
            if (sandbox.Fails && progress >= 50)
            {
                Records.Change(() => process["Status"] = "Stopped");
                continue;
            }

            if (progress < 100)
            {
                Records.Change(() =>
                {
                    process["Status"] = "Processing";
                    process["CopyProgress"] = progress;
                    process["StartDate"] ??= Stamp(DateTimeOffset.UtcNow);
                });
            }
            else if ((bool?)process["AutoActivate"] == false)
            {
                Records.Change(() =>
                {
                    process["Status"] = "Pending Activation";
                    process["CopyProgress"] = 100;
                    process["EndDate"] = Stamp(DateTimeOffset.UtcNow);
                });
            }
            else
            {
                await CompleteAsync(process, sandbox).ConfigureAwait(false);
            }
        }
    }

    private async Task CompleteAsync(JsonObject process, SimulatedSandbox sandbox)
    {
        if (OnCopied is { } copied)
        {
            await copied(sandbox).ConfigureAwait(false);
        }

        var now = Stamp(DateTimeOffset.UtcNow);
        Records.Change(() =>
        {
            process["Status"] = "Completed";
            process["CopyProgress"] = 100;
            process["EndDate"] ??= now;
            process["ActivatedDate"] = now;
            process["SandboxOrganization"] = "00D" + ((string)process["Id"]!)[3..];
        });
    }

    private JsonObject NewProcess(string infoId, SimulatedSandbox sandbox, bool autoActivate, DateTimeOffset created)
    {
        var process = new JsonObject
        {
            ["Id"] = NewId("0GR"),
            ["Status"] = "Pending",
            ["SandboxName"] = sandbox.Name,
            ["SandboxInfoId"] = infoId,
            ["LicenseType"] = sandbox.LicenseType,
            ["CreatedDate"] = Stamp(created),
            ["CopyProgress"] = 0,
            ["AutoActivate"] = autoActivate,
            ["Description"] = "Simulated " + sandbox.Name,
            ["SandboxOrganization"] = null,
            ["SourceId"] = null,
            ["StartDate"] = null,
            ["EndDate"] = null,
            ["ActivatedDate"] = null,
        };
        Records.Add("SandboxProcess", process);
        return process;
    }

    private string NewId(string prefix) => prefix + Interlocked.Increment(ref _nextId).ToString("D12", CultureInfo.InvariantCulture) + "AAA";

    public static DateTimeOffset Parse(string stamp) =>
        DateTimeOffset.ParseExact(stamp, "yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>Salesforce's dateTime: milliseconds and an offset without a colon.</summary>
    public static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);
}
