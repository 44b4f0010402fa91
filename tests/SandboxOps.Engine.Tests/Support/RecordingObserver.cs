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

    public void ReportProblem(MetadataProblem problem) => Problems.Add(problem);

    public void ReportProgress(OperationProgress progress) => Progress.Add(progress);

    public void Write(LogSeverity severity, string category, string message) => Log.Add((severity, message));
}
