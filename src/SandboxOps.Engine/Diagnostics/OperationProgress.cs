namespace SandboxOps.Engine.Diagnostics;

/// <summary>Where a long operation stands; the cmdlet turns it into a progress bar.</summary>
public sealed class OperationProgress
{
    public OperationProgress(string activity, string status, long completed, long total)
    {
        Activity = activity;
        Status = status;
        Completed = completed;
        Total = total;
    }

    public string Activity { get; }

    public string Status { get; }

    public long Completed { get; }

    /// <summary>Zero when the total is not known yet.</summary>
    public long Total { get; }

    public int PercentComplete => Total <= 0 ? -1 : (int)(100 * Completed / Total);
}
