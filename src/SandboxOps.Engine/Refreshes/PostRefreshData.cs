using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SandboxOps.Engine.Pipelines;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps.Engine.Refreshes;

/// <summary>One field of one record a post-refresh task sets, and the checklist line it becomes once set.</summary>
public sealed class RecordChange
{
    internal RecordChange(string objectName, string id, string field, string value, PostRefreshTask task)
    {
        ObjectName = objectName;
        Id = id;
        Field = field;
        Value = value;
        Task = task;
    }

    public string ObjectName { get; }

    public string Id { get; }

    public string Field { get; }

    public string Value { get; }

    /// <summary>The checklist line, Done once the record is updated.</summary>
    public PostRefreshTask Task { get; }
}

/// <summary>
/// The records a refresh copies that a sandbox must change: the e-mail addresses of the people who work in it (the
/// copy suffixed them with .invalid), custom setting fields that hold production endpoints, and the scheduled jobs
/// that will run against whatever those point at.
/// </summary>
public static class PostRefreshData
{
    private const string InvalidSuffix = ".invalid";

    /// <summary>What must change (not changed yet) and the lines already settled (done before, or for a person to do).</summary>
    public static async Task<(IReadOnlyList<RecordChange> Changes, IReadOnlyList<PostRefreshTask> Settled)> PlanAsync(OrgData data, PostRefreshRules rules, CancellationToken cancellation)
    {
        var changes = new List<RecordChange>();
        var settled = new List<PostRefreshTask>();
        if (rules.Users.Count > 0)
        {
            var users = await data.QueryAsync("SELECT Id, Username, Email FROM User WHERE IsActive = true", cancellation).ConfigureAwait(false);
            foreach (var user in users.Where(u => rules.NamesUser(Text(u, "Username"))))
            {
                var target = "User " + Text(user, "Username");
                var email = Text(user, "Email");
                if (email.EndsWith(InvalidSuffix, StringComparison.OrdinalIgnoreCase))
                {
                    var restored = email.Substring(0, email.Length - InvalidSuffix.Length);
                    changes.Add(new RecordChange("User", Text(user, "Id"), "Email", restored, new PostRefreshTask("RestoreEmail", target, PostRefreshStatus.Done, $"{email} -> {restored} (Salesforce sends the user a confirmation to the address before it takes effect)")));
                }
                else
                {
                    settled.Add(new PostRefreshTask("RestoreEmail", target, PostRefreshStatus.AlreadyDone, email));
                }
            }

            foreach (var pattern in rules.Users.Where(p => !users.Any(u => PostRefreshRules.Matches(p, Text(u, "Username")))))
            {
                settled.Add(new PostRefreshTask("RestoreEmail", "User " + pattern, PostRefreshStatus.NeedsManualAction, "no active user matches it: sandbox usernames end with the sandbox's name (name@example.com.uat)."));
            }
        }

        foreach (var setting in rules.CustomSettings)
        {
            var records = await data.QueryAsync($"SELECT Id, Name, {setting.Field} FROM {setting.ObjectName}", cancellation).ConfigureAwait(false);
            foreach (var record in records)
            {
                var target = $"{setting.ObjectName} {Text(record, "Name")}.{setting.Field}";
                var value = Text(record, setting.Field);
                if (rules.Endpoints.Select(e => e.Rewrite(value)).FirstOrDefault(v => v is not null) is { } rewritten)
                {
                    changes.Add(new RecordChange(setting.ObjectName, Text(record, "Id"), setting.Field, rewritten, new PostRefreshTask("RewriteSetting", target, PostRefreshStatus.Done, value + " -> " + rewritten)));
                }
                else if (rules.Endpoints.Any(e => value.StartsWith(e.To, StringComparison.OrdinalIgnoreCase)))
                {
                    settled.Add(new PostRefreshTask("RewriteSetting", target, PostRefreshStatus.AlreadyDone, value));
                }
            }
        }

        var jobs = await data.QueryAsync("SELECT Id, CronJobDetail.Name, NextFireTime, State FROM CronTrigger WHERE State != 'DELETED'", cancellation).ConfigureAwait(false);
        foreach (var job in jobs)
        {
            var name = job.TryGetValue("CronJobDetail", out var detail) && detail is IReadOnlyDictionary<string, object?> d ? Text(d, "Name") : Text(job, "Id");
            settled.Add(new PostRefreshTask("ReviewScheduledJob", "CronTrigger " + name, PostRefreshStatus.NeedsManualAction, $"{Text(job, "State")}, next run {Text(job, "NextFireTime")}: it runs in the copy with the copied endpoints and data; check or abort it."));
        }

        return (changes, settled);
    }

    public static Task ApplyAsync(OrgData data, RecordChange change, CancellationToken cancellation) =>
        data.UpdateAsync(change.ObjectName, change.Id, new Dictionary<string, object?> { [change.Field] = change.Value }, cancellation);

    private static string Text(IReadOnlyDictionary<string, object?> record, string field) =>
        record.FirstOrDefault(p => string.Equals(p.Key, field, StringComparison.OrdinalIgnoreCase)).Value?.ToString() ?? string.Empty;
}
