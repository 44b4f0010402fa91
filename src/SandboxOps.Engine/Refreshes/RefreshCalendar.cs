using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using SandboxOps.Engine.Pipelines;

namespace SandboxOps.Engine.Refreshes;

/// <summary>
/// The refresh part of the report and of the strategy document: each sandbox's last refresh, the days ahead on
/// which its licence lets it be refreshed, and whether it is ready; the strategy adds the intervals, the
/// post-refresh rules and the order of a safe refresh.
/// </summary>
public static class RefreshCalendar
{
    /// <summary>Days the calendar shows from today.</summary>
    public const int Days = 35;

    private static readonly char[] ClauseEnds = { ':', ';', ',' };

    public static string Html(IReadOnlyList<SandboxRefreshPlan> plans, DateTime generated)
    {
        var today = generated.Date;
        var html = new StringBuilder();
        html.Append("<section id=\"refresh-calendar\"><h2>Refresh calendar</h2><p class=\"muted\">The next ").Append(Days)
            .Append(" days from ").Append(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Append(": a sandbox may be refreshed on the green days (its licence's interval has passed); ready means a verified snapshot guards it and no work is only in it.</p>")
            .Append("<div class=\"wide\"><table class=\"cal\"><thead><tr><th>Environment</th><th>Type</th><th>Last refresh</th><th>Next allowed</th><th>Ready</th>");
        for (var day = 0; day < Days; day++)
        {
            html.Append("<th class=\"day\">").Append(today.AddDays(day).Day.ToString(CultureInfo.InvariantCulture)).Append("</th>");
        }

        html.Append("<th>Why not ready</th></tr></thead><tbody>");
        foreach (var plan in plans)
        {
            html.Append("<tr data-environment=\"").Append(Encode(plan.Environment)).Append("\" data-ready=\"").Append(plan.Ready ? "true" : "false").Append("\"><td>")
                .Append(Encode(plan.Environment)).Append("</td><td>").Append(plan.Type).Append("</td><td>").Append(Date(plan.LastRefresh)).Append("</td><td>")
                .Append(Date(plan.NextAllowed)).Append("</td><td>").Append(plan.Ready ? "yes" : "no").Append("</td>");
            var from = plan.NextAllowed?.UtcDateTime.Date ?? today;
            for (var day = 0; day < Days; day++)
            {
                var date = today.AddDays(day);
                html.Append("<td class=\"day ").Append(date >= from ? "open" : "closed").Append(day == 0 ? " today" : string.Empty)
                    .Append("\" title=\"").Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("\"></td>");
            }

            html.Append("<td class=\"why\" title=\"").Append(Encode(string.Join(" ", plan.Reasons))).Append("\">").Append(Encode(string.Join("; ", plan.Reasons.Select(Headline)))).Append("</td></tr>");
        }

        html.Append("</tbody></table></div></section>");
        return html.ToString();
    }

    public static string Markdown(SandboxPipeline pipeline, IReadOnlyList<SandboxRefreshPlan> plans)
    {
        var md = new StringBuilder("\n## Refreshes\n\nA sandbox is refreshed only when its licence allows it (Developer and Developer Pro daily, Partial Copy every 5 days, Full every 29 days), ")
            .Append("after a verified snapshot of it (Export-OrgSnapshot, Test-OrgSnapshot) and with no work only in it. Then: Start-SandboxRefresh (the baseline is recorded when the copy completes), ")
            .Append("Invoke-PostRefreshTask, and Invoke-BackPromotion from production for what changed since the baseline.\n\n")
            .Append("| Environment | Sandbox | Type | Interval | Last refresh | Next allowed | Ready | After a refresh |\n|---|---|---|---|---|---|---|---|\n");
        foreach (var environment in pipeline.Environments.Where(e => RefreshInterval.Of(e.Type) is not null && e.Role != EnvironmentRole.Production))
        {
            var plan = plans.FirstOrDefault(p => SandboxPipeline.Names.Equals(p.Environment, environment.Name));
            var last = plan?.LastRefresh ?? environment.Refresh.LastRefresh;
            var next = plan?.NextAllowed ?? RefreshPlanner.NextAllowed(environment.Type, last);
            md.Append("| ").Append(StrategyDocument.Cell(environment.Name)).Append(" | ").Append(StrategyDocument.Cell(environment.SandboxName)).Append(" | ").Append(environment.Type)
                .Append(" | ").Append(RefreshInterval.Of(environment.Type)!.Value.TotalDays.ToString("0", CultureInfo.InvariantCulture)).Append(" d | ").Append(Date(last))
                .Append(" | ").Append(Date(next)).Append(" | ").Append(plan is null ? "not planned" : plan.Ready ? "yes" : StrategyDocument.Cell("no: " + string.Join(" ", plan.Reasons)))
                .Append(" | ").Append(StrategyDocument.Cell(AfterRefresh(environment.Refresh.PostRefresh))).Append(" |\n");
        }

        return md.ToString();
    }

    /// <summary>A reason's first clause (the whole one is the cell's tooltip), so a row stays one line high.</summary>
    private static string Headline(string reason)
    {
        var end = reason.IndexOfAny(ClauseEnds);
        return end < 0 ? reason : reason.Substring(0, end);
    }

    private static string AfterRefresh(PostRefreshRules rules)
    {
        var parts = rules.Endpoints.Select(e => $"{e.From} → {e.To}")
            .Concat(rules.CustomSettings.Select(s => s + " rewritten"))
            .Concat(rules.Users.Count == 0 ? Array.Empty<string>() : new[] { "e-mail restored for " + string.Join(", ", rules.Users) })
            .ToList();
        return parts.Count == 0 ? "no postRefresh rules" : string.Join("; ", parts);
    }

    private static string Date(DateTimeOffset? date) => date?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "unknown";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
