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
    public DeployComponentResult(string type, string fullName, string fileName, bool success, bool created, bool changed, bool deleted, string? problem, string? problemType)
    {
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

    public override string ToString() => $"{Type} {FullName}: {(Success ? "deployed" : Problem)}";
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
    public DeployResult(string id, string org, string status, bool success, bool checkOnly, int componentsDeployed, int componentsTotal, int componentErrors, int testsCompleted, int testsTotal, int testErrors, string? errorMessage, IReadOnlyList<DeployComponentResult> components, IReadOnlyList<DeployTestFailure> testFailures)
    {
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

    internal bool Done => Status is "Succeeded" or "SucceededPartial" or "Failed" or "Canceled";

    public override string ToString() => $"{Status} {(CheckOnly ? "validation" : "deploy")} {Id} to {Org}: {ComponentsDeployed}/{ComponentsTotal} components, {TestErrors} test failures";
}
