using System.Threading;
using Microsoft.Extensions.Logging;

namespace SandboxOps.Engine.Diagnostics;

/// <summary>
/// What every engine operation works within: where problems and progress go, where logs go, and when to
/// stop. One object, made once by the host (a cmdlet) and handed to each operation it starts.
/// </summary>
public sealed class EngineContext
{
    public EngineContext(IOperationObserver observer, EngineLogging? logging = null, CancellationToken cancellation = default)
    {
        Observer = observer;
        Logging = logging;
        Cancellation = cancellation;
    }

    public IOperationObserver Observer { get; }

    public EngineLogging? Logging { get; }

    /// <summary>Stops the operation between units of work (Ctrl+C in the host).</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>A logger of the given category, or one that discards everything when there is no logging.</summary>
    internal ILogger Logger(string category) => EngineLogging.For(Logging, category);
}
