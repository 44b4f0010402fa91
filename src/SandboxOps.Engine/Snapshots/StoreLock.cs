using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.Snapshots;

/// <summary>
/// A lock file in the store: exports hold it shared, so several run at once; removal and clean-up hold
/// it exclusive, so that no blob an export has written but not yet listed in a manifest can be
/// collected. Works across processes (flock on Unix, share modes on Windows).
/// </summary>
internal sealed class StoreLock : IDisposable
{
    private readonly FileStream _handle;

    private StoreLock(FileStream handle)
    {
        _handle = handle;
    }

    public static StoreLock Shared(string path, TimeSpan wait, CancellationToken cancellation) => Acquire(path, FileShare.Read, wait, cancellation);

    public static StoreLock Exclusive(string path, TimeSpan wait, CancellationToken cancellation) => Acquire(path, FileShare.None, wait, cancellation);

    public void Dispose() => _handle.Dispose();

    private static StoreLock Acquire(string path, FileShare share, TimeSpan wait, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new StoreLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, share));
            }
            catch (IOException) when (clock.Elapsed < wait)
            {
                cancellation.ThrowIfCancellationRequested();
                Thread.Sleep(100);
            }
            catch (IOException ex)
            {
                var what = share == FileShare.None ? "remove snapshots" : "export a snapshot";
                throw new SnapshotStoreException(FailureKind.Busy, "StoreBusy", $"Could not {what}: the store '{Path.GetDirectoryName(path)}' stayed busy for {wait.TotalSeconds:0} s (another SandboxOps command holds it). Try again when it has finished.", ex);
            }
        }
    }
}
