using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using SandboxOps.Engine.Comparison;

namespace SandboxOps.Engine.Pipelines;

/// <summary>
/// The drift report as one self-contained HTML page: no scripts, no external assets, so it reads the same in a
/// mail attachment, a browser with scripting off, or a CI artifact. Every environment, link and count carries
/// a data- attribute, which is what the report's test reads back from the rendered page.
/// </summary>
public static class PipelineReport
{
    private const int ChangesShown = 20;

    private const string Style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1c2b33;margin:0;background:#f5f7f8}
        header{background:#16325c;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;opacity:.85}
        main{padding:8px 28px 28px}section{background:#fff;border:1px solid #dde3e7;border-radius:8px;margin:16px 0;padding:12px 18px}
        h2{font-size:17px;margin:4px 0 10px}h3{font-size:15px;margin:14px 0 6px}
        .cards{display:flex;flex-wrap:wrap;gap:12px}.card{border:1px solid #dde3e7;border-radius:8px;padding:10px 16px;min-width:140px}
        .card .value{display:block;font-size:26px;font-weight:600}.card.alert .value{color:#b3261e}
        table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border-bottom:1px solid #e6ebee;padding:4px 8px;text-align:left;vertical-align:top}
        th{background:#f0f3f5;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}td.zero{color:#9aa7b0}
        ul.changes{margin:2px 0;padding-left:18px;font-family:ui-monospace,Consolas,monospace;font-size:12px}
        .muted{color:#5f6f7a}svg text{font:12px system-ui,sans-serif;text-anchor:middle;fill:#1c2b33}
        svg .name{font-weight:600;font-size:13px}svg .role{fill:#40515c;font-size:11px}
        svg rect{stroke:#455a64;stroke-width:1.2}.drift-clean rect{fill:#d8f0dc}.drift-some rect{fill:#fff1c2}.drift-much rect{fill:#f9d0cc}.drift-unknown rect{fill:#e6e9eb}
        svg line,svg path{stroke:#455a64;stroke-width:1.6;fill:none}svg path.head{fill:#455a64;stroke:none}svg .backpromotion path{stroke-dasharray:6 4;stroke:#7b8a94}.wide{overflow-x:auto}
        .cal td.day{width:14px;padding:0;border:1px solid #fff}.cal td.open{background:#b9e4c0}.cal td.closed{background:#eceff1}.cal td.today{outline:2px solid #16325c}.cal th.day{font-size:10px;padding:0 1px;text-align:center}.cal td{white-space:nowrap}.cal td.why{white-space:normal;font-size:12px;min-width:260px}
        .legend span{display:inline-block;margin-right:14px}.swatch{display:inline-block;width:12px;height:12px;border:1px solid #455a64;margin-right:4px;vertical-align:-1px}
        """;

    /// <summary>
    /// The page for a pipeline, its drift (one record per link), when a store gave one its trend, and a section
    /// rendered elsewhere (the refresh calendar) after the summary.
    /// </summary>
    public static string Html(SandboxPipeline pipeline, IReadOnlyList<PipelineDrift> drift, IReadOnlyList<DriftPoint>? trend, DateTime generated, string? sections = null)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">");
        html.Append("<title>Drift: ").Append(Encode(pipeline.Name)).Append("</title><style>").Append(Style).Append("</style></head><body>");
        html.Append("<header><h1>Drift along ").Append(Encode(pipeline.Name)).Append("</h1><p>")
            .Append(Encode(generated.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)))
            .Append(pipeline.File is null ? string.Empty : " · " + Encode(pipeline.File)).Append("</p></header><main>");
        Summary(html, drift);
        html.Append(sections);
        Diagram(html, pipeline, drift);
        Matrix(html, drift);
        // Against the repository each hand change and each piece of work in flight shows once, with the element
        // changes that make it; the links between environments repeat them.
        var againstRepository = drift.Where(d => d.Kind == LinkKind.Repository).ToList();
        var owners = againstRepository.Count > 0 ? againstRepository : drift;
        Lists(html, "hand-changes", "Hand changes", "Changed in UAT, staging or production, and neither in the repository nor in any environment below.", owners, d => d.HandChanges);
        Lists(html, "not-back-promoted", "Not back-promoted", "What production changed that the lower environment still lacks.", drift, d => d.NotBackPromoted);
        Lists(html, "in-flight", "In flight", "Work in a lower environment that is in no environment above it nor in the repository.", owners, d => d.InFlight);
        Expected(html, pipeline, drift);
        if (trend is { Count: > 0 })
        {
            Trend(html, trend);
        }

        html.Append("</main></body></html>\n");
        return html.ToString();
    }

    private static void Summary(StringBuilder html, IReadOnlyList<PipelineDrift> drift)
    {
        html.Append("<section id=\"summary\"><h2>Summary</h2><div class=\"cards\">");
        Card(html, "differences", "unexpected differences", drift.Sum(d => d.Total));
        Card(html, "hand-changes", "hand changes", Distinct(drift, d => d.HandChanges));
        Card(html, "not-back-promoted", "not back-promoted (over all lower environments)", drift.Sum(d => d.NotBackPromoted.Count));
        Card(html, "in-flight", "in flight", Distinct(drift, d => d.InFlight));
        Card(html, "suppressed", "expected (suppressed)", drift.Sum(d => d.Suppressed), alert: false);
        html.Append("</div></section>");
    }

    private static void Card(StringBuilder html, string metric, string label, int value, bool alert = true)
    {
        html.Append("<div class=\"card").Append(alert && value > 0 ? " alert" : string.Empty).Append("\" data-metric=\"").Append(metric).Append("\" data-value=\"").Append(Number(value)).Append("\">")
            .Append("<span class=\"value\">").Append(Number(value)).Append("</span>").Append(Encode(label)).Append("</div>");
    }

    private static void Diagram(StringBuilder html, SandboxPipeline pipeline, IReadOnlyList<PipelineDrift> drift)
    {
        html.Append("<section id=\"diagram\"><h2>Pipeline</h2>").Append(PipelineDiagram.Svg(pipeline, drift));
        html.Append("<p class=\"legend muted\"><span><i class=\"swatch\" style=\"background:#d8f0dc\"></i>no drift from the repository</span>")
            .Append("<span><i class=\"swatch\" style=\"background:#fff1c2\"></i>1 to 5 components</span>")
            .Append("<span><i class=\"swatch\" style=\"background:#f9d0cc\"></i>more than 5</span>")
            .Append("<span>solid arrow: promotion · dashed: back-promotion · label: differences on the link</span></p></section>");
    }

    private static void Matrix(StringBuilder html, IReadOnlyList<PipelineDrift> drift)
    {
        var types = drift.SelectMany(d => d.ByType.Keys).Distinct(StringComparer.Ordinal).OrderBy(t => t, StringComparer.Ordinal).ToList();
        html.Append("<section id=\"matrix\"><h2>Drift by link and type</h2><div class=\"wide\"><table><thead><tr><th>From</th><th>To</th><th>Kind</th><th class=\"n\">Total</th>");
        foreach (var type in types)
        {
            html.Append("<th class=\"n\">").Append(Encode(type)).Append("</th>");
        }

        html.Append("<th class=\"n\">Expected</th></tr></thead><tbody>");
        foreach (var link in drift)
        {
            html.Append("<tr data-link=\"").Append(Encode(link.From + "->" + link.To)).Append("\" data-kind=\"").Append(link.Kind).Append("\" data-total=\"").Append(Number(link.Total)).Append("\" data-suppressed=\"").Append(Number(link.Suppressed)).Append("\">")
                .Append("<td>").Append(Encode(link.From)).Append("</td><td>").Append(Encode(link.To)).Append("</td><td>").Append(link.Kind).Append("</td>");
            Count(html, link.Total);
            foreach (var type in types)
            {
                Count(html, link.ByType.TryGetValue(type, out var count) ? count : 0, type);
            }

            Count(html, link.Suppressed);
            html.Append("</tr>");
        }

        html.Append("</tbody></table></div></section>");
    }

    private static void Count(StringBuilder html, int value, string? type = null)
    {
        html.Append("<td class=\"n").Append(value == 0 ? " zero" : string.Empty).Append('"');
        if (type is not null)
        {
            html.Append(" data-type=\"").Append(Encode(type)).Append('"');
        }

        html.Append('>').Append(Number(value)).Append("</td>");
    }

    private static void Lists(StringBuilder html, string id, string title, string meaning, IReadOnlyList<PipelineDrift> drift, Func<PipelineDrift, DifferenceList> list)
    {
        html.Append("<section id=\"").Append(id).Append("\"><h2>").Append(Encode(title)).Append("</h2><p class=\"muted\">").Append(Encode(meaning)).Append("</p>");
        var any = false;
        foreach (var link in drift.Where(d => list(d).Count > 0))
        {
            any = true;
            html.Append("<h3>").Append(Encode(link.From)).Append(" → ").Append(Encode(link.To)).Append(" <span class=\"muted\">(").Append(link.Kind).Append(")</span></h3>");
            html.Append("<table><thead><tr><th>Status</th><th>Type</th><th>Component</th><th>What changed</th></tr></thead><tbody>");
            foreach (var difference in list(link))
            {
                Difference(html, link, difference);
            }

            html.Append("</tbody></table>");
        }

        if (!any)
        {
            html.Append("<p data-empty=\"").Append(id).Append("\">None.</p>");
        }

        html.Append("</section>");
    }

    private static void Difference(StringBuilder html, PipelineDrift link, MetadataDifference difference)
    {
        html.Append("<tr data-link=\"").Append(Encode(link.From + "->" + link.To)).Append("\" data-component=\"").Append(Encode(difference.Type + ":" + difference.FullName)).Append("\">")
            .Append("<td>").Append(difference.Status).Append("</td><td>").Append(Encode(difference.Type)).Append("</td><td>").Append(Encode(difference.FullName)).Append("</td><td>");
        if (difference.Changes.Count == 0)
        {
            html.Append(Encode(difference.Summary));
        }
        else
        {
            html.Append("<ul class=\"changes\">");
            foreach (var change in difference.Changes.Take(ChangesShown))
            {
                html.Append("<li>").Append(Encode(change.ToString())).Append("</li>");
            }

            if (difference.Changes.Count > ChangesShown)
            {
                html.Append("<li>and ").Append(Number(difference.Changes.Count - ChangesShown)).Append(" more</li>");
            }

            html.Append("</ul>");
            if (difference.LinesAdded + difference.LinesRemoved > 0)
            {
                html.Append(Encode($"+{difference.LinesAdded} -{difference.LinesRemoved} lines"));
            }
        }

        html.Append("</td></tr>");
    }

    private static void Expected(StringBuilder html, SandboxPipeline pipeline, IReadOnlyList<PipelineDrift> drift)
    {
        html.Append("<section id=\"expected-drift\"><h2>Expected drift</h2><p class=\"muted\">Differences the pipeline file says each environment is meant to have; they are left out above.</p>");
        var rules = pipeline.Environments.SelectMany(e => e.ExpectedDrift.Select(d => (Environment: e.Name, Drift: d))).ToList();
        if (rules.Count == 0)
        {
            html.Append("<p data-empty=\"expected-drift\">None declared.</p>");
        }
        else
        {
            html.Append("<table><thead><tr><th>Environment</th><th>Rule</th><th>Why</th></tr></thead><tbody>");
            foreach (var (environment, rule) in rules)
            {
                html.Append("<tr data-rule=\"").Append(Encode(rule.Rule.Text)).Append("\"><td>").Append(Encode(environment)).Append("</td><td><code>").Append(Encode(rule.Rule.Text)).Append("</code></td><td>").Append(Encode(rule.Reason)).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        var suppressed = drift.Where(d => d.Suppressed > 0).ToList();
        if (suppressed.Count > 0)
        {
            html.Append("<p>Suppressed: ").Append(Encode(string.Join(", ", suppressed.Select(d => $"{d.From} → {d.To} {d.Suppressed}")))).Append(".</p>");
        }

        html.Append("</section>");
    }

    private static void Trend(StringBuilder html, IReadOnlyList<DriftPoint> trend)
    {
        var runs = trend.Select(p => p.Run).Distinct().OrderBy(r => r, StringComparer.Ordinal).ToList();
        html.Append("<section id=\"trend\"><h2>Trend</h2><p class=\"muted\">Components whose content differed at each run recorded in the store (whole-component expected drift left out).</p><table><thead><tr><th>From</th><th>To</th>");
        foreach (var run in runs)
        {
            html.Append("<th class=\"n\">").Append(Encode(run)).Append("</th>");
        }

        html.Append("<th>Over time</th></tr></thead><tbody>");
        foreach (var link in trend.GroupBy(p => (p.From, p.To)))
        {
            var byRun = link.ToDictionary(p => p.Run, p => p.Differing);
            html.Append("<tr data-trend=\"").Append(Encode(link.Key.From + "->" + link.Key.To)).Append("\"><td>").Append(Encode(link.Key.From)).Append("</td><td>").Append(Encode(link.Key.To)).Append("</td>");
            foreach (var run in runs)
            {
                html.Append("<td class=\"n\">").Append(byRun.TryGetValue(run, out var count) ? Number(count) : string.Empty).Append("</td>");
            }

            html.Append("<td>").Append(Sparkline(runs.Select(r => byRun.TryGetValue(r, out var c) ? c : (int?)null).ToList())).Append("</td></tr>");
        }

        html.Append("</tbody></table></section>");
    }

    private static string Sparkline(List<int?> values)
    {
        const int Width = 120;
        const int Height = 24;
        var max = Math.Max(1, values.Max(v => v ?? 0));
        var step = values.Count > 1 ? (double)Width / (values.Count - 1) : 0;
        var points = values.Select((v, i) => (v, i)).Where(p => p.v is not null)
            .Select(p => string.Format(CultureInfo.InvariantCulture, "{0:0.#},{1:0.#}", p.i * step, Height - 2 - ((double)p.v!.Value / max * (Height - 4))));
        return string.Format(CultureInfo.InvariantCulture, "<svg width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\"><polyline fill=\"none\" stroke=\"#16325c\" stroke-width=\"1.5\" points=\"{2}\"/></svg>", Width, Height, string.Join(" ", points));
    }

    private static int Distinct(IReadOnlyList<PipelineDrift> drift, Func<PipelineDrift, DifferenceList> list) =>
        drift.SelectMany(list).Select(d => d.Type + ":" + d.FullName).Distinct(StringComparer.OrdinalIgnoreCase).Count();

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
