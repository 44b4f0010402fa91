using System;

namespace SandboxOps.Engine.Salesforce;

/// <summary>How calls to an org are repeated and awaited: attempts and backoff for transient failures, polling of async jobs.</summary>
public sealed class RetryPolicy
{
    public RetryPolicy(int maxAttempts = 4, TimeSpan? firstBackoff = null, TimeSpan? firstPoll = null, TimeSpan? longestPoll = null, TimeSpan? jobTimeout = null, TimeSpan? requestTimeout = null)
    {
        MaxAttempts = Math.Max(1, maxAttempts);
        FirstBackoff = firstBackoff ?? TimeSpan.FromSeconds(1);
        FirstPoll = firstPoll ?? TimeSpan.FromSeconds(1);
        LongestPoll = longestPoll ?? TimeSpan.FromSeconds(10);
        JobTimeout = jobTimeout ?? TimeSpan.FromHours(1);
        RequestTimeout = requestTimeout ?? TimeSpan.FromMinutes(5);
    }

    public static RetryPolicy Default { get; } = new();

    public int MaxAttempts { get; }

    /// <summary>The wait before the second attempt; it doubles for each further one.</summary>
    public TimeSpan FirstBackoff { get; }

    /// <summary>The first wait between two status checks of a retrieve or deploy; it grows by half each time up to <see cref="LongestPoll"/>.</summary>
    public TimeSpan FirstPoll { get; }

    public TimeSpan LongestPoll { get; }

    /// <summary>How long a retrieve or deploy may take in all before it is given up (and, for a deploy, cancelled).</summary>
    public TimeSpan JobTimeout { get; }

    public TimeSpan RequestTimeout { get; }

    internal TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(FirstBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1));

    /// <summary>
    /// The first wait for a retrieve of this many components: small ones are ready sooner, so they are
    /// checked sooner, as the Salesforce CLI does (100 ms up to 10 components, 250 ms up to 50, 500 ms up to
    /// 100); never longer than <see cref="FirstPoll"/>.
    /// </summary>
    internal TimeSpan FirstPollFor(int components)
    {
        var bySize = components switch
        {
            <= 10 => TimeSpan.FromMilliseconds(100),
            <= 50 => TimeSpan.FromMilliseconds(250),
            <= 100 => TimeSpan.FromMilliseconds(500),
            _ => FirstPoll,
        };
        return bySize < FirstPoll ? bySize : FirstPoll;
    }

    internal TimeSpan NextPoll(TimeSpan previous) => TimeSpan.FromMilliseconds(Math.Min(LongestPoll.TotalMilliseconds, previous.TotalMilliseconds * 1.5));
}
