using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SandboxOps.Engine.Reading;

/// <summary>
/// Maps items on several threads and yields the results in input order, holding at most a small window
/// of items in flight, so that parallel reading stays streaming and memory stays bounded.
/// </summary>
internal static class OrderedParallel
{
    public static IEnumerable<TOut> Map<TIn, TOut>(IEnumerable<TIn> items, Func<TIn, TOut> map, int degree, CancellationToken cancellationToken)
    {
        if (degree <= 1)
        {
            foreach (var item in items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return map(item);
            }

            yield break;
        }

        var window = new Queue<Task<TOut>>();
        var limit = degree * 4;
        using var source = items.GetEnumerator();
        try
        {
            while (true)
            {
                while (window.Count < limit && source.MoveNext())
                {
                    var item = source.Current;
                    window.Enqueue(Task.Run(() => map(item), cancellationToken));
                }

                if (window.Count == 0)
                {
                    yield break;
                }

                yield return window.Dequeue().GetAwaiter().GetResult();
            }
        }
        finally
        {
            // A consumer that stops early must not leave work running against a source it is about to close.
            foreach (var pending in window)
            {
                try
                {
                    pending.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                    // Its result is no longer wanted; the consumer's own exception, if any, is the one that matters.
                }
            }
        }
    }
}
