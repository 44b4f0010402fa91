using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Pipelines;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Engine.Gates;

/// <summary>Test runs kept in a snapshot store, under test-runs/&lt;org id&gt;/: one JSON file per run, written once, for regression comparisons.</summary>
public sealed class TestRunStore
{
    private const string Folder = "test-runs";
    private readonly string _root;

    private TestRunStore(string root)
    {
        _root = root;
    }

    public static TestRunStore Open(string store) => new(Path.Combine(SnapshotStore.Open(store, create: true).Root, Folder));

    /// <summary>Records a run; the record's path.</summary>
    public string Save(OrgTestRun run)
    {
        var path = Path.Combine(_root, run.OrgId, $"{run.Started.UtcDateTime.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}-{run.RunId}.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = IndentedJson.Bytes(json =>
        {
            json.WriteStartObject();
            json.WriteString("org", run.Org);
            json.WriteString("orgId", run.OrgId);
            json.WriteString("runId", run.RunId);
            json.WriteString("testLevel", run.TestLevel);
            json.WriteString("status", run.Status);
            json.WriteString("started", run.Started.ToString("o", CultureInfo.InvariantCulture));
            if (run.OrgWideCoverage is { } orgWide)
            {
                json.WriteNumber("orgWideCoverage", orgWide);
            }

            json.WriteStartObject("classCoverage");
            foreach (var covered in run.ClassCoverage.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                json.WriteNumber(covered.Key, covered.Value);
            }

            json.WriteEndObject();
            json.WriteStartArray("tests");
            foreach (var test in run.Tests)
            {
                json.WriteStartObject();
                json.WriteString("class", test.Class);
                json.WriteString("method", test.Method);
                json.WriteString("outcome", test.Outcome);
                json.WriteString("message", test.Message);
                json.WriteNumber("runTimeMs", test.RunTimeMs);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
        StagedOutput.WriteFile(path, bytes, overwrite: false);
        return path;
    }

    /// <summary>The runs kept of an org, newest first.</summary>
    public IReadOnlyList<OrgTestRun> Runs(string orgId)
    {
        var folder = Path.Combine(_root, orgId);
        return !Directory.Exists(folder)
            ? Array.Empty<OrgTestRun>()
            : Directory.EnumerateFiles(folder, "*.json").OrderByDescending(f => Path.GetFileName(f), StringComparer.Ordinal).Select(Load).ToList();
    }

    private static OrgTestRun Load(string file)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            var root = document.RootElement;
            string Text(JsonElement e, string name) => e.GetProperty(name).GetString() ?? string.Empty;
            var runId = Text(root, "runId");
            var org = Text(root, "org");
            var tests = root.GetProperty("tests").EnumerateArray().Select(t => new OrgTestResult(org, runId, Text(t, "class"), Text(t, "method"), Text(t, "outcome"), t.GetProperty("message").GetString(), null, t.GetProperty("runTimeMs").GetInt64())).ToList();
            var coverage = root.GetProperty("classCoverage").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.OrdinalIgnoreCase);
            return new OrgTestRun(org, Text(root, "orgId"), runId, Text(root, "testLevel"), Text(root, "status"), DateTimeOffset.Parse(Text(root, "started"), CultureInfo.InvariantCulture), tests, coverage, root.TryGetProperty("orgWideCoverage", out var orgWide) ? orgWide.GetDouble() : null);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidArgumentException("TestRunUnreadable", $"The test run record '{file}' cannot be read: {ex.Message} Remove it, or restore it from the store's history.", ex);
        }
    }
}
