using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Management.Automation;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Model;

namespace SandboxOps;

/// <summary>
/// Collects what the engine reports, from any thread, and writes it to the PowerShell streams only
/// when the cmdlet drains it on the pipeline thread. Progress is throttled to a few updates a second.
/// </summary>
internal sealed class PipelineReporter : ILogSink, IOperationObserver
{
    private const int ProgressIntervalMilliseconds = 250;

    private readonly ConcurrentQueue<Action<Cmdlet>> _pending = new();
    private readonly Stopwatch _sinceProgress = Stopwatch.StartNew();
    private readonly object _progressGate = new();
    private OperationProgress? _latestProgress;
    private OperationProgress? _shownProgress;

    public void Write(LogSeverity severity, string category, string message)
    {
        switch (severity)
        {
            case LogSeverity.Debug:
                _pending.Enqueue(c => c.WriteDebug(message));
                break;
            case LogSeverity.Verbose:
                _pending.Enqueue(c => c.WriteVerbose(message));
                break;
            default:
                _pending.Enqueue(c => c.WriteWarning(message));
                break;
        }
    }

    public void ReportProblem(MetadataProblem problem)
    {
        if (problem.Severity == ProblemSeverity.Warning)
        {
            _pending.Enqueue(c => c.WriteWarning(problem.Message));
            return;
        }

        var record = new ErrorRecord(new MetadataReadException(problem), "SandboxOps.Read." + problem.Code, CategoryOf(problem.Code), problem.Path);
        _pending.Enqueue(c => c.WriteError(record));
    }

    /// <summary>A failure of one input of several, found on a worker thread: written as a non-terminating error.</summary>
    public void ReportError(ErrorRecord record) => _pending.Enqueue(c => c.WriteError(record));

    public void ReportProgress(OperationProgress progress)
    {
        lock (_progressGate)
        {
            _latestProgress = progress;
        }
    }

    /// <summary>Writes everything pending. Call on the pipeline thread only.</summary>
    public void Drain(Cmdlet cmdlet)
    {
        while (_pending.TryDequeue(out var write))
        {
            write(cmdlet);
        }

        OperationProgress? progress;
        lock (_progressGate)
        {
            progress = _latestProgress;
        }

        if (progress is not null && !ReferenceEquals(progress, _shownProgress) && _sinceProgress.ElapsedMilliseconds >= ProgressIntervalMilliseconds)
        {
            _shownProgress = progress;
            _sinceProgress.Restart();
            cmdlet.WriteProgress(ProgressRecordFor(progress, completed: false));
        }
    }

    /// <summary>Closes the progress bar, if one was shown.</summary>
    public void CompleteProgress(Cmdlet cmdlet)
    {
        if (_shownProgress is not null)
        {
            cmdlet.WriteProgress(ProgressRecordFor(_shownProgress, completed: true));
            _shownProgress = null;
        }
    }

    private static ProgressRecord ProgressRecordFor(OperationProgress progress, bool completed)
    {
        var record = new ProgressRecord(ActivityIds.For(progress.Activity), progress.Activity, string.IsNullOrEmpty(progress.Status) ? "Working" : progress.Status)
        {
            PercentComplete = Math.Min(100, progress.PercentComplete),
            RecordType = completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        };
        return record;
    }

    private static ErrorCategory CategoryOf(ProblemCode code) => code switch
    {
        ProblemCode.ForbiddenDtd => ErrorCategory.SecurityError,
        ProblemCode.UnreadableFile => ErrorCategory.ReadError,
        ProblemCode.MissingFile => ErrorCategory.ObjectNotFound,
        _ => ErrorCategory.InvalidData,
    };
}
