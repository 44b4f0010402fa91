using System;
using System.Management.Automation;
using System.Threading;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Model;

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

    internal PipelineReporter Reporter => _reporter ??= new PipelineReporter();

    internal EngineLogging Logging => _logging ??= new EngineLogging(Reporter, LogFilePath());

    protected CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>The same token, for helpers that work on behalf of a cmdlet (opening an org source).</summary>
    internal CancellationToken Cancellation => _cancellation.Token;

    public void Dispose()
    {
        _logging?.Dispose();
        _cancellation.Dispose();
        GC.SuppressFinalize(this);
    }

    protected sealed override void ProcessRecord()
    {
        try
        {
            ProcessItem();
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception failure) when (EngineErrors.Record(failure, ErrorTarget) is { } record)
        {
            // What a cmdlet did not turn into an error record of its own: one of ours all the same, never a .NET type's id.
            Flush();
            Logging.RecordFailure(record.FullyQualifiedErrorId, failure.Message);
            ThrowTerminatingError(record);
        }
        finally
        {
            Flush();
            Reporter.CompleteProgress(this);
        }
    }

    /// <summary>What an error of this command is about (its source, path or store), for TargetObject.</summary>
    protected virtual object? ErrorTarget => null;

    /// <summary>The work for one pipeline input.</summary>
    protected abstract void ProcessItem();

    protected override void EndProcessing() => Flush();

    protected override void StopProcessing() => _cancellation.Cancel();

    /// <summary>Writes pending log lines, problems and progress, then the object.</summary>
    protected void Emit(object item)
    {
        Flush();
        WriteObject(item);
    }

    protected void Flush() => Reporter.Drain(this);

    /// <summary>A whole source failed: reported as a non-terminating error naming it; -ErrorAction Stop makes it terminating.</summary>
    protected void WriteSourceError(MetadataSourceException failure, object target)
    {
        Flush();
        var record = EngineErrors.Record(failure, target)!;
        Logging.RecordFailure(record.FullyQualifiedErrorId, failure.Message);
        WriteError(record);
    }

    private string? LogFilePath()
    {
        var value = SessionState?.PSVariable.GetValue(LogPathVariable);
        var fromSession = (value is PSObject wrapped ? wrapped.BaseObject : value)?.ToString();
        var path = !string.IsNullOrWhiteSpace(fromSession) ? fromSession : Environment.GetEnvironmentVariable(LogPathEnvironmentVariable);
        return string.IsNullOrWhiteSpace(path) ? null : SessionState!.Path.GetUnresolvedProviderPathFromPSPath(path);
    }
}
