using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SandboxOps.Engine.Diagnostics;

namespace SandboxOps;

/// <summary>
/// What every SandboxOps cmdlet shares: the bridge from engine logs, problems and progress to the
/// PowerShell streams (on the pipeline thread), cancellation on Ctrl+C, the runbook log file, and the
/// mapping of engine failures to error records.
/// </summary>
public abstract class SandboxOpsCmdlet : PSCmdlet, IDisposable
{
    /// <summary>Session variable that, when set to a path, makes every command append its log there.</summary>
    public const string LogPathVariable = "SandboxOpsLogPath";

    /// <summary>Environment variable with the same role, for runbooks that cannot set a session variable.</summary>
    public const string LogPathEnvironmentVariable = "SANDBOXOPS_LOG_PATH";

    private readonly CancellationTokenSource _cancellation = new();
    private PipelineReporter? _reporter;
    private EngineLogging? _logging;
    private EngineContext? _context;

    internal PipelineReporter Reporter => _reporter ??= new PipelineReporter();

    internal EngineLogging Logging => _logging ??= new EngineLogging(Reporter, LogFilePath());

    /// <summary>What the engine works within for this command: its problems and progress, its log, its Ctrl+C.</summary>
    internal EngineContext Context => _context ??= new EngineContext(Reporter, Logging, _cancellation.Token);

    protected CancellationToken CancellationToken => _cancellation.Token;

    public void Dispose()
    {
        _logging?.Dispose();
        _cancellation.Dispose();
        GC.SuppressFinalize(this);
    }

    protected sealed override void ProcessRecord() => Run(ProcessItem);

    protected sealed override void EndProcessing() => Run(Complete);

    protected override void StopProcessing() => _cancellation.Cancel();

    /// <summary>What an error of this command is about (its source, path or store), for TargetObject.</summary>
    protected virtual object? ErrorTarget => null;

    /// <summary>The work for one pipeline input.</summary>
    protected abstract void ProcessItem();

    /// <summary>The work after the last input (a command that collects its input first).</summary>
    protected virtual void Complete()
    {
    }

    /// <summary>
    /// One input of several (a source, a target, a package): an engine failure is written as a non-terminating
    /// error about that input and the next one goes on; -ErrorAction Stop makes it stop.
    /// </summary>
    protected void ForInput(object target, Action work)
    {
        try
        {
            work();
        }
        catch (Exception failure) when (failure is not OperationCanceledException && EngineErrors.Record(failure, target) is { } record)
        {
            WriteError(Logged(record, failure));
        }
    }

    /// <summary>A failure's record, after what was queued before it, and written to the runbook's log file too.</summary>
    private ErrorRecord Logged(ErrorRecord record, Exception failure)
    {
        Flush();
        Logging.RecordFailure(record.FullyQualifiedErrorId, failure.Message);
        return record;
    }

    /// <summary>Writes pending log lines, problems and progress, then the object.</summary>
    internal void Emit(object item)
    {
        Flush();
        WriteObject(item);
    }

    internal void Flush() => Reporter.Drain(this);

    /// <summary>
    /// Enumerates engine work on a worker thread and hands its items over here, writing the work's progress and
    /// log lines while it runs (they can only be written on the pipeline thread): for work that is long before it
    /// yields anything, such as reading every environment of a pipeline.
    /// </summary>
    internal IEnumerable<T> WhileReporting<T>(IEnumerable<T> work)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_cancellation.Token);
        using var items = new BlockingCollection<T>(boundedCapacity: 16);
        var producer = Task.Run(() =>
        {
            try
            {
                foreach (var item in work)
                {
                    items.Add(item, stop.Token);
                }
            }
            finally
            {
                items.CompleteAdding();
            }
        });
        try
        {
            while (!items.IsCompleted)
            {
                Flush();
                if (items.TryTake(out var item, ProgressPollMilliseconds))
                {
                    yield return item;
                }
            }
        }
        finally
        {
            stop.Cancel();
            WaitQuietly(producer);
        }

        producer.GetAwaiter().GetResult(); // the work's failure, if it failed
    }

    private const int ProgressPollMilliseconds = 200;

    private static void WaitQuietly(Task task)
    {
        try
        {
            task.Wait();
        }
        catch (AggregateException)
        {
            // observed again, and rethrown, by the caller when the enumeration ran to its end
        }
    }

    /// <summary>
    /// Runs a step of the command. An engine failure that reaches here is one the run cannot go on after (its
    /// arguments, its store, its only source): a terminating error of ours, never a .NET type's id.
    /// </summary>
    private void Run(Action step)
    {
        try
        {
            step();
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception failure) when (EngineErrors.Record(failure, ErrorTarget) is { } record)
        {
            ThrowTerminatingError(Logged(record, failure));
        }
        finally
        {
            Flush();
            Reporter.CompleteProgress(this);
        }
    }

    private string? LogFilePath()
    {
        var value = SessionState?.PSVariable.GetValue(LogPathVariable);
        var fromSession = (value is PSObject wrapped ? wrapped.BaseObject : value)?.ToString();
        var path = !string.IsNullOrWhiteSpace(fromSession) ? fromSession : Environment.GetEnvironmentVariable(LogPathEnvironmentVariable);
        return string.IsNullOrWhiteSpace(path) ? null : SessionState!.Path.GetUnresolvedProviderPathFromPSPath(path);
    }
}
