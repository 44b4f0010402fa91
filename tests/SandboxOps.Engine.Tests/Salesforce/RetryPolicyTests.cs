using System;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps.Engine.Tests.Salesforce;

public sealed class RetryPolicyTests
{
    [Theory]
    [InlineData(1, 100)]
    [InlineData(10, 100)]
    [InlineData(11, 250)]
    [InlineData(50, 250)]
    [InlineData(100, 500)]
    [InlineData(101, 1000)]
    [InlineData(30000, 1000)]
    public void A_small_retrieve_is_checked_sooner(int components, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), RetryPolicy.Default.FirstPollFor(components));

    [Fact]
    public void The_first_check_never_waits_longer_than_the_policy_allows_and_later_ones_grow_to_the_longest()
    {
        var quick = new RetryPolicy(firstPoll: TimeSpan.FromMilliseconds(10), longestPoll: TimeSpan.FromMilliseconds(20));

        Assert.Equal(TimeSpan.FromMilliseconds(10), quick.FirstPollFor(5));
        Assert.Equal(TimeSpan.FromMilliseconds(15), quick.NextPoll(TimeSpan.FromMilliseconds(10)));
        Assert.Equal(TimeSpan.FromMilliseconds(20), quick.NextPoll(TimeSpan.FromMilliseconds(15)));
    }
}
