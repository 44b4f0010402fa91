namespace SandboxOps;

/// <summary>Fixed progress activity ids, so that bars of one kind replace each other instead of stacking.</summary>
internal static class ActivityIds
{
    public const int Reading = 1;
    public const int Refresh = 2;
    public const int Other = 9;

    public static int For(string activity) =>
        activity.StartsWith("Reading", System.StringComparison.Ordinal) ? Reading : Other;
}
