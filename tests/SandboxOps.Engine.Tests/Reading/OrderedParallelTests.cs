using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using SandboxOps.Engine.Reading;

namespace SandboxOps.Engine.Tests.Reading;

/// <summary>The ordered parallel map: results in input order, and a failure of the source or of the map rethrown to the caller.</summary>
public sealed class OrderedParallelTests
{
    [Fact]
    public void Results_come_in_input_order_whatever_thread_mapped_them()
    {
        var results = OrderedParallel.Map(Enumerable.Range(0, 1000), i => { Thread.SpinWait((1000 - i) * 10); return i * 2; }, 2, CancellationToken.None).ToList();

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => i * 2), results);
    }

    [Fact]
    public void A_source_that_fails_while_it_is_read_fails_the_map_for_the_caller_not_the_process()
    {
        static IEnumerable<int> Failing()
        {
            for (var i = 0; i < 100; i++)
            {
                yield return i;
            }

            throw new FormatException("record 101 is malformed");
        }

        var failure = Assert.Throws<FormatException>(() => OrderedParallel.Map(Failing(), i => i, 2, CancellationToken.None).ToList());

        Assert.Equal("record 101 is malformed", failure.Message);
    }

    [Fact]
    public void A_map_that_fails_fails_the_map()
    {
        Assert.Throws<InvalidOperationException>(() => OrderedParallel.Map(Enumerable.Range(0, 100), i => i == 57 ? throw new InvalidOperationException() : i, 2, CancellationToken.None).ToList());
    }
}
