using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.Tests.Support;

/// <summary>Keeps what the engine reported, for assertions.</summary>
internal sealed class RecordingObserver : IOperationObserver, ILogSink
{
    public List<MetadataProblem> Problems { get; } = new();

    public List<OperationProgress> Progress { get; } = new();

    public List<(LogSeverity Severity, string Message)> Log { get; } = new();

    public IEnumerable<MetadataProblem> Errors => Problems.Where(p => p.Severity == ProblemSeverity.Error);

    public IEnumerable<MetadataProblem> Warnings => Problems.Where(p => p.Severity == ProblemSeverity.Warning);

    // The engine reports from worker threads.
    public void ReportProblem(MetadataProblem problem)
    {
        lock (Problems)
        {
            Problems.Add(problem);
        }
    }

    public void ReportProgress(OperationProgress progress)
    {
        lock (Progress)
        {
            Progress.Add(progress);
        }
    }

    public void Write(LogSeverity severity, string category, string message)
    {
        lock (Log)
        {
            Log.Add((severity, message));
        }
    }
}
