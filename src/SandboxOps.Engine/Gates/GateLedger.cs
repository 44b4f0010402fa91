using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Pipelines;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Engine.Gates;

/// <summary>
/// The gate records of a snapshot store, under gates/&lt;package hash&gt;/: each Invoke-QualityGate run, each approval,
/// each deploy forced past its gate with the reason given. Plain JSON files, each written aside and moved into place,
/// never changed after: the history an auditor reads.
/// </summary>
public sealed class GateLedger
{
    private const string Folder = "gates";
    private const string Stamp = "yyyyMMdd'T'HHmmssfff";
    private readonly string _root;

    private GateLedger(string root)
    {
        _root = root;
    }

    /// <summary>The ledger of a store (made, with the store, when missing).</summary>
    public static GateLedger Open(string store) => new(Path.Combine(SnapshotStore.Open(store, create: true).Root, Folder));

    /// <summary>Records a run of a link's gates on a package; the validation it ran, for a quick deploy later.</summary>
    public void RecordRun(string hash, IReadOnlyList<GateResult> results, string? validationId, DateTimeOffset when, string by)
    {
        var overall = results.Single(r => r.Gate == GateResult.Overall);
        Write(hash, $"run-{Safe(overall.From)}-{Safe(overall.To)}-{when.UtcDateTime.ToString(Stamp, CultureInfo.InvariantCulture)}.json", json =>
        {
            json.WriteString("from", overall.From);
            json.WriteString("to", overall.To);
            json.WriteBoolean("passed", overall.Passed);
            json.WriteString("when", when.ToString("o", CultureInfo.InvariantCulture));
            json.WriteString("by", by);
            if (validationId is not null)
            {
                json.WriteString("validationId", validationId);
            }

            json.WriteStartArray("gates");
            foreach (var result in results.Where(r => r.Gate != GateResult.Overall))
            {
                json.WriteStartObject();
                json.WriteString("gate", result.Gate);
                json.WriteBoolean("passed", result.Passed);
                json.WriteString("detail", result.Detail);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
    }

    /// <summary>The runs of a package's gates, newest first.</summary>
    public IReadOnlyList<GateRun> Runs(string hash) =>
        Records(hash, "run-").Select(r => new GateRun(
            hash,
            r.GetProperty("from").GetString()!,
            r.GetProperty("to").GetString()!,
            r.GetProperty("passed").GetBoolean(),
            DateTimeOffset.Parse(r.GetProperty("when").GetString()!, CultureInfo.InvariantCulture),
            r.TryGetProperty("validationId", out var id) ? id.GetString() : null,
            r.GetProperty("gates").EnumerateArray().Where(g => !g.GetProperty("passed").GetBoolean()).Select(g => g.GetProperty("gate").GetString()!).ToList()))
        .OrderByDescending(r => r.When).ToList();

    public PackageApproval Approve(string hash, string name, string by, string? comment, DateTimeOffset when)
    {
        Write(hash, $"approval-{Safe(name)}-{when.UtcDateTime.ToString(Stamp, CultureInfo.InvariantCulture)}.json", json =>
        {
            json.WriteString("name", name);
            json.WriteString("by", by);
            json.WriteString("when", when.ToString("o", CultureInfo.InvariantCulture));
            if (comment is not null)
            {
                json.WriteString("comment", comment);
            }
        });
        return new PackageApproval(hash, name, by, when, comment);
    }

    public IReadOnlyList<PackageApproval> Approvals(string hash) =>
        Records(hash, "approval-").Select(r => new PackageApproval(
            hash,
            r.GetProperty("name").GetString()!,
            r.GetProperty("by").GetString()!,
            DateTimeOffset.Parse(r.GetProperty("when").GetString()!, CultureInfo.InvariantCulture),
            r.TryGetProperty("comment", out var comment) ? comment.GetString() : null)).ToList();

    /// <summary>Records a deploy made past its gate, who made it and why; returns the record's path.</summary>
    public string RecordOverride(string hash, string to, string reason, string by, DateTimeOffset when) =>
        Write(hash, $"override-{Safe(to)}-{when.UtcDateTime.ToString(Stamp, CultureInfo.InvariantCulture)}.json", json =>
        {
            json.WriteString("to", to);
            json.WriteString("reason", reason);
            json.WriteString("by", by);
            json.WriteString("when", when.ToString("o", CultureInfo.InvariantCulture));
        });

    private string Write(string hash, string name, Action<Utf8JsonWriter> body)
    {
        var path = Path.Combine(_root, hash, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = IndentedJson.Bytes(json =>
        {
            json.WriteStartObject();
            json.WriteString("package", hash);
            body(json);
            json.WriteEndObject();
        });
        StagedOutput.WriteFile(path, bytes, overwrite: false);
        return path;
    }

    private IEnumerable<JsonElement> Records(string hash, string prefix)
    {
        var folder = Path.Combine(_root, hash);
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(folder, prefix + "*.json"))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            yield return document.RootElement.Clone();
        }
    }

    /// <summary>A name as part of a file name: letters, digits, '.', '-' and '_' kept, the rest '_'.</summary>
    private static string Safe(string name) =>
        new(name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray());
}

/// <summary>One run of a link's gates on a package, as its record says.</summary>
public sealed class GateRun
{
    public GateRun(string packageHash, string from, string to, bool passed, DateTimeOffset when, string? validationId, IReadOnlyList<string> failedGates)
    {
        PackageHash = packageHash;
        From = from;
        To = to;
        Passed = passed;
        When = when;
        ValidationId = validationId;
        FailedGates = failedGates;
    }

    public string PackageHash { get; }

    public string From { get; }

    public string To { get; }

    public bool Passed { get; }

    public DateTimeOffset When { get; }

    /// <summary>The validation deploy the run made, which a deploy can quick-deploy while Salesforce keeps it (10 days).</summary>
    public string? ValidationId { get; }

    public IReadOnlyList<string> FailedGates { get; }

    public override string ToString() => $"{From} -> {To} {(Passed ? "passed" : "failed: " + string.Join(", ", FailedGates))} at {When:u}";
}

/// <summary>An approval of a package: who it is from (the name a gate requires), who recorded it, when, and why.</summary>
public sealed class PackageApproval
{
    public PackageApproval(string packageHash, string name, string by, DateTimeOffset when, string? comment)
    {
        PackageHash = packageHash;
        Name = name;
        By = by;
        When = when;
        Comment = comment;
    }

    public string PackageHash { get; }

    /// <summary>The approver's name, as a gate's approvals list it.</summary>
    public string Name { get; }

    /// <summary>The account that recorded it.</summary>
    public string By { get; }

    public DateTimeOffset When { get; }

    public string? Comment { get; }

    public override string ToString() => $"{Name} approved {PackageHash.Substring(0, 12)} at {When:u}";
}
