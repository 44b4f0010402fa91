using System;
using System.Collections.Generic;
using System.Linq;

namespace SandboxOps.Engine.Gates;

/// <summary>One Apex test method's outcome in a run.</summary>
public sealed class OrgTestResult
{
    public OrgTestResult(string org, string runId, string className, string method, string outcome, string? message, string? stackTrace, long runTimeMs)
    {
        Org = org;
        RunId = runId;
        Class = className;
        Method = method;
        Outcome = outcome;
        Message = message;
        StackTrace = stackTrace;
        RunTimeMs = runTimeMs;
    }

    public string Org { get; }

    public string RunId { get; }

    public string Class { get; }

    public string Method { get; }

    /// <summary>Pass, Fail, CompileFail or Skip, as Salesforce says.</summary>
    public string Outcome { get; }

    public bool Failed => Outcome is "Fail" or "CompileFail";

    public string? Message { get; }

    public string? StackTrace { get; }

    public long RunTimeMs { get; }

    public string FullName => Class + "." + Method;

    public override string ToString() => $"{FullName}: {Outcome}" + (Message is null ? string.Empty : " (" + Message + ")");
}

/// <summary>A whole test run of an org: every method's outcome and the coverage the org's tests give after it.</summary>
public sealed class OrgTestRun
{
    public OrgTestRun(string org, string orgId, string runId, string testLevel, string status, DateTimeOffset started, IReadOnlyList<OrgTestResult> tests, IReadOnlyDictionary<string, double> classCoverage, double? orgWideCoverage)
    {
        Org = org;
        OrgId = orgId;
        RunId = runId;
        TestLevel = testLevel;
        Status = status;
        Started = started;
        Tests = tests;
        ClassCoverage = classCoverage;
        OrgWideCoverage = orgWideCoverage;
    }

    public string Org { get; }

    /// <summary>The organization id the run is kept under (a refreshed sandbox is another org, with its own history).</summary>
    public string OrgId { get; }

    public string RunId { get; }

    public string TestLevel { get; }

    /// <summary>Completed, Failed or Aborted, as Salesforce says.</summary>
    public string Status { get; }

    public DateTimeOffset Started { get; }

    public IReadOnlyList<OrgTestResult> Tests { get; }

    public int Passed => Tests.Count(t => t.Outcome == "Pass");

    public int Failed => Tests.Count(t => t.Failed);

    /// <summary>Each class's or trigger's covered share of lines, in percent.</summary>
    public IReadOnlyDictionary<string, double> ClassCoverage { get; }

    public double? OrgWideCoverage { get; }

    public override string ToString() => $"{RunId} on {Org} at {Started:u}: {Passed} passed, {Failed} failed, coverage {OrgWideCoverage?.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) ?? "?"}%";
}
