using System.Collections.Generic;
using System.Linq;

namespace SandboxOps.Engine.Salesforce;

/// <summary>How a package is deployed (the API's DeployOptions, with the choices a user makes).</summary>
public sealed class DeployOptions
{
    public DeployOptions(bool checkOnly = false, string testLevel = "NoTestRun", IEnumerable<string>? runTests = null, bool cancelOnStop = true)
    {
        CheckOnly = checkOnly;
        TestLevel = testLevel;
        RunTests = runTests?.ToList() ?? new List<string>();
        CancelOnStop = cancelOnStop;
    }

    /// <summary>Validate only: run everything, change nothing. A validation can later be deployed by id.</summary>
    public bool CheckOnly { get; }

    /// <summary>NoTestRun, RunSpecifiedTests, RunLocalTests or RunAllTestsInOrg.</summary>
    public string TestLevel { get; }

    public IReadOnlyList<string> RunTests { get; }

    /// <summary>Cancel the deploy on the server when the command is stopped (Ctrl+C) or times out.</summary>
    public bool CancelOnStop { get; }
}

/// <summary>One component's outcome in a deploy (the API's DeployMessage).</summary>
public sealed class DeployComponentResult
{
    public DeployComponentResult(string type, string fullName, string fileName, bool success, bool created, bool changed, bool deleted, string? problem, string? problemType, int? lineNumber = null, int? columnNumber = null)
    {
        LineNumber = lineNumber;
        ColumnNumber = columnNumber;
        Type = type;
        FullName = fullName;
        FileName = fileName;
        Success = success;
        Created = created;
        Changed = changed;
        Deleted = deleted;
        Problem = problem;
        ProblemType = problemType;
    }

    public string Type { get; }

    public string FullName { get; }

    public string FileName { get; }

    public bool Success { get; }

    public bool Created { get; }

    public bool Changed { get; }

    public bool Deleted { get; }

    public string? Problem { get; }

    /// <summary>Error or Warning.</summary>
    public string? ProblemType { get; }

    /// <summary>Where in the file a compile error is (Apex, Visualforce, Lightning).</summary>
    public int? LineNumber { get; }

    public int? ColumnNumber { get; }

    /// <summary>The problem as a developer reads it: <c>classes/Broken.cls(3,9): Variable does not exist: x</c>.</summary>
    public string Location => LineNumber is null
        ? FileName
        : ColumnNumber is null ? $"{FileName}({LineNumber})" : $"{FileName}({LineNumber},{ColumnNumber})";

    public override string ToString() => Success ? $"{Type} {FullName}: deployed" : $"{Location}: {Problem}";
}

/// <summary>A code coverage warning of a deploy's test run: a deploy can fail on coverage alone.</summary>
public sealed class DeployCoverageWarning
{
    public DeployCoverageWarning(string? name, string message)
    {
        Name = name;
        Message = message;
    }

    /// <summary>The class or trigger, or null for the org-wide figure.</summary>
    public string? Name { get; }

    public string Message { get; }

    public override string ToString() => Name is null ? Message : $"{Name}: {Message}";
}

/// <summary>A failed Apex test method in a deploy.</summary>
public sealed class DeployTestFailure
{
    public DeployTestFailure(string className, string methodName, string message, string? stackTrace)
    {
        ClassName = className;
        MethodName = methodName;
        Message = message;
        StackTrace = stackTrace;
    }

    public string ClassName { get; }

    public string MethodName { get; }

    public string Message { get; }

    public string? StackTrace { get; }

    public override string ToString() => $"{ClassName}.{MethodName}: {Message}";
}

/// <summary>What a deploy or validation did (the API's DeployResult, with details).</summary>
public sealed class DeployResult
{
    public DeployResult(string id, string org, string status, bool success, bool checkOnly, int componentsDeployed, int componentsTotal, int componentErrors, int testsCompleted, int testsTotal, int testErrors, string? errorMessage, IReadOnlyList<DeployComponentResult> components, IReadOnlyList<DeployTestFailure> testFailures, IReadOnlyList<DeployCoverageWarning>? coverageWarnings = null, string? errorStatusCode = null, double? coverage = null)
    {
        CoverageWarnings = coverageWarnings ?? new List<DeployCoverageWarning>();
        ErrorStatusCode = errorStatusCode;
        Coverage = coverage;
        Id = id;
        Org = org;
        Status = status;
        Success = success;
        CheckOnly = checkOnly;
        ComponentsDeployed = componentsDeployed;
        ComponentsTotal = componentsTotal;
        ComponentErrors = componentErrors;
        TestsCompleted = testsCompleted;
        TestsTotal = testsTotal;
        TestErrors = testErrors;
        ErrorMessage = errorMessage;
        Components = components;
        TestFailures = testFailures;
    }

    /// <summary>The deploy's id; for a successful validation, the id a quick deploy takes.</summary>
    public string Id { get; }

    public string Org { get; }

    /// <summary>Succeeded, SucceededPartial, Failed, Canceled (or Pending, InProgress, Canceling while running).</summary>
    public string Status { get; }

    public bool Success { get; }

    public bool CheckOnly { get; }

    public int ComponentsDeployed { get; }

    public int ComponentsTotal { get; }

    public int ComponentErrors { get; }

    public int TestsCompleted { get; }

    public int TestsTotal { get; }

    public int TestErrors { get; }

    public string? ErrorMessage { get; }

    public IReadOnlyList<DeployComponentResult> Components { get; }

    public IReadOnlyList<DeployTestFailure> TestFailures { get; }

    /// <summary>Code coverage warnings of the test run (too little coverage fails a deploy that runs tests).</summary>
    public IReadOnlyList<DeployCoverageWarning> CoverageWarnings { get; }

    /// <summary>Salesforce's code for a failed deploy (DEPLOYMENT_FAILED, APEX_TEST_FAILURE...).</summary>
    public string? ErrorStatusCode { get; }

    /// <summary>The Apex lines the run's tests covered, in percent of the lines they could cover (runTestResult's codeCoverage); null when no tests ran or no Apex was measured.</summary>
    public double? Coverage { get; }

    internal bool Done => Status is "Succeeded" or "SucceededPartial" or "Failed" or "Canceled";

    /// <summary>Why it failed, in one line: the first failing component, test or coverage warning, else Salesforce's message.</summary>
    public string? FirstFailure => Success
        ? null
        : Components.FirstOrDefault(c => !c.Success)?.ToString()
            ?? (TestFailures.Count > 0 ? TestFailures[0].ToString() : null)
            ?? (CoverageWarnings.Count > 0 ? "code coverage: " + CoverageWarnings[0] : null)
            ?? (string.IsNullOrWhiteSpace(ErrorMessage) ? Status : ErrorMessage);

    public override string ToString() => $"{Status} {(CheckOnly ? "validation" : "deploy")} {Id} to {Org}: {ComponentsDeployed}/{ComponentsTotal} components, {TestErrors} test failures";
}
