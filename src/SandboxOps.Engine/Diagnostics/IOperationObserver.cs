using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.Diagnostics;

/// <summary>
/// How the engine talks back to its host while it works: per-item problems and progress. The module
/// implements it on the pipeline thread; tests implement it with a list.
/// </summary>
public interface IOperationObserver
{
    void ReportProblem(MetadataProblem problem);

    void ReportProgress(OperationProgress progress);
}
