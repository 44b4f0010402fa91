using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace SandboxOps.Engine.Pipelines;

/// <summary>
/// What a refreshed copy of an environment needs that production's copy does not carry over: its own
/// integration endpoints, the e-mail addresses of the people who work in it, its custom settings' URLs.
/// </summary>
public sealed class PostRefreshRules
{
    public PostRefreshRules(IReadOnlyList<EndpointRewrite> endpoints, IReadOnlyList<SettingField> customSettings, IReadOnlyList<string> users)
    {
        Endpoints = endpoints;
        CustomSettings = customSettings;
        Users = users;
    }

    public static PostRefreshRules None { get; } = new(Array.Empty<EndpointRewrite>(), Array.Empty<SettingField>(), Array.Empty<string>());

    /// <summary>URL prefixes production uses and the ones this environment uses instead.</summary>
    public IReadOnlyList<EndpointRewrite> Endpoints { get; }

    /// <summary>Fields of custom setting (or other) records holding endpoints, rewritten by <see cref="Endpoints"/>.</summary>
    public IReadOnlyList<SettingField> CustomSettings { get; }

    /// <summary>Usernames (with * wildcards) whose e-mail the refresh suffixed with .invalid and that get it back.</summary>
    public IReadOnlyList<string> Users { get; }

    public bool IsEmpty => Endpoints.Count == 0 && CustomSettings.Count == 0 && Users.Count == 0;

    /// <summary>True when a username is one of <see cref="Users"/> (case-insensitive, * matches anything).</summary>
    public bool NamesUser(string username) => Users.Any(pattern => Matches(pattern, username));

    /// <summary>True when a username matches one pattern of <see cref="Users"/>.</summary>
    public static bool Matches(string pattern, string username) =>
        Regex.IsMatch(username, "^" + Regex.Escape(pattern).Replace("\\*", ".*") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}

/// <summary>A URL prefix production uses (<see cref="From"/>) and the one the environment uses (<see cref="To"/>).</summary>
public sealed class EndpointRewrite
{
    public EndpointRewrite(string from, string to)
    {
        From = from;
        To = to;
    }

    public string From { get; }

    public string To { get; }

    /// <summary>
    /// The value with production's prefix replaced, or null when it does not start with it. A value already
    /// rewritten is left alone even when <see cref="To"/> starts with <see cref="From"/>, so a second run changes nothing.
    /// </summary>
    public string? Rewrite(string value) =>
        value.StartsWith(To, StringComparison.OrdinalIgnoreCase) || !value.StartsWith(From, StringComparison.OrdinalIgnoreCase) ? null : To + value.Substring(From.Length);

    public override string ToString() => $"{From} -> {To}";
}

/// <summary>A field of an object's records (a custom setting's endpoint URL).</summary>
public sealed class SettingField
{
    public SettingField(string objectName, string field)
    {
        ObjectName = objectName;
        Field = field;
    }

    public string ObjectName { get; }

    public string Field { get; }

    public override string ToString() => $"{ObjectName}.{Field}";
}

/// <summary>The pipeline's refresh planning settings: which objects' record counts matter and how fast data loads.</summary>
public sealed class RefreshSettings
{
    /// <summary>A cautious rate for loading records into a sandbox (Bulk API with triggers and flows running).</summary>
    public const double DefaultRecordsPerMinute = 5000;

    public RefreshSettings(IReadOnlyList<string> objects, double recordsPerMinute)
    {
        Objects = objects;
        RecordsPerMinute = recordsPerMinute;
    }

    public static RefreshSettings Default { get; } = new(Array.Empty<string>(), DefaultRecordsPerMinute);

    public IReadOnlyList<string> Objects { get; }

    public double RecordsPerMinute { get; }
}
