using Microsoft.Extensions.Logging;

namespace SandboxOps.Engine.Salesforce;

/// <summary>Log messages of the org client. None takes a token: they name calls, codes and counts.</summary>
internal static class SalesforceLog
{
    private static readonly System.Action<ILogger, string, System.Exception?> RefreshingMessage =
        LoggerMessage.Define<string>(LogLevel.Information, new EventId(600, "Refreshing"), "The session expired during {Call}; getting a new access token and trying once more");

    private static readonly System.Action<ILogger, string, string, int, long, System.Exception?> RetryingMessage =
        LoggerMessage.Define<string, string, int, long>(LogLevel.Warning, new EventId(601, "Retrying"), "{Call} failed with {Code} (attempt {Attempt}); trying again in {Delay} ms");

    private static readonly System.Action<ILogger, string, long, System.Exception?> CalledMessage =
        LoggerMessage.Define<string, long>(LogLevel.Debug, new EventId(602, "Called"), "{Call} answered in {Elapsed} ms");

    private static readonly System.Action<ILogger, int, int, int, System.Exception?> PlannedMessage =
        LoggerMessage.Define<int, int, int>(LogLevel.Information, new EventId(603, "Planned"), "Retrieving {Components} components in {Chunks} chunks, {Parallel} at a time");

    private static readonly System.Action<ILogger, int, int, System.Exception?> SplitMessage =
        LoggerMessage.Define<int, int>(LogLevel.Warning, new EventId(604, "Split"), "A chunk of {Components} components exceeded a retrieve limit; retrieving it as two chunks of about {Half}");

    private static readonly System.Action<ILogger, int, int, System.Exception?> ResultLostMessage =
        LoggerMessage.Define<int, int>(LogLevel.Warning, new EventId(605, "ResultLost"), "The answer carrying a retrieve of {Components} components was lost, and Salesforce hands a zip out only once; retrieving them again (attempt {Attempt})");

    public static void ResultLost(ILogger logger, int components, int attempt) => ResultLostMessage(logger, components, attempt, null);

    public static void Refreshing(ILogger logger, string call) => RefreshingMessage(logger, call, null);

    public static void Retrying(ILogger logger, string call, string code, int attempt, long delay) => RetryingMessage(logger, call, code, attempt, delay, null);

    public static void Called(ILogger logger, string call, long elapsed) => CalledMessage(logger, call, elapsed, null);

    public static void Planned(ILogger logger, int components, int chunks, int parallel) => PlannedMessage(logger, components, chunks, parallel, null);

    public static void Split(ILogger logger, int components, int half) => SplitMessage(logger, components, half, null);
}
