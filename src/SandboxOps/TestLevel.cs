namespace SandboxOps;

/// <summary>
/// Which Apex tests a deploy or validation runs, as the Metadata API names them. Declared in the cmdlet
/// assembly because PowerShell reads parameter types while importing, before the engine's load context exists.
/// </summary>
public enum TestLevel
{
    NoTestRun,
    RunSpecifiedTests,
    RunLocalTests,
    RunAllTestsInOrg,
}
