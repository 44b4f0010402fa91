using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using SandboxOps.Engine.Pipelines;

namespace SandboxOps.Engine.Access;

/// <summary>
/// Who holds each capability in each environment, as the report's and the strategy document's access section: a row
/// per capability, a column per environment, the holders in each cell (the first few, and how many more).
/// </summary>
public static class AccessMatrix
{
    private const int HoldersShown = 6;

    public static string Html(IReadOnlyList<AccessGrant> grants)
    {
        var (environments, capabilities) = Axes(grants);
        var html = new StringBuilder("<section id=\"access\"><h2>Access</h2><p class=\"muted\">Who can change each environment or read everything in it (Get-OrgAccessAudit): users of an org, or the profiles, permission sets and groups of a folder.</p><table><thead><tr><th>Capability</th>");
        foreach (var environment in environments)
        {
            html.Append("<th>").Append(WebUtility.HtmlEncode(environment)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var capability in capabilities)
        {
            html.Append("<tr><th>").Append(WebUtility.HtmlEncode(capability)).Append("</th>");
            foreach (var environment in environments)
            {
                html.Append("<td>").Append(WebUtility.HtmlEncode(Holders(grants, environment, capability))).Append("</td>");
            }

            html.Append("</tr>");
        }

        return html.Append("</tbody></table></section>").ToString();
    }

    public static string Markdown(IReadOnlyList<AccessGrant> grants)
    {
        var (environments, capabilities) = Axes(grants);
        var md = new StringBuilder("\n## Access\n\nWho can change each environment or read everything in it (Get-OrgAccessAudit):\n\n| Capability | ")
            .Append(string.Join(" | ", environments.Select(StrategyDocument.Cell))).Append(" |\n|---|").Append(string.Concat(environments.Select(_ => "---|"))).Append('\n');
        foreach (var capability in capabilities)
        {
            md.Append("| ").Append(capability).Append(" | ").Append(string.Join(" | ", environments.Select(e => StrategyDocument.Cell(Holders(grants, e, capability))))).Append(" |\n");
        }

        return md.ToString();
    }

    private static (List<string> Environments, List<string> Capabilities) Axes(IReadOnlyList<AccessGrant> grants) =>
        (grants.Select(g => g.Environment).Distinct(StringComparer.Ordinal).ToList(),
         AccessAuditor.Capabilities.Where(c => grants.Any(g => g.Capability == c)).Concat(grants.Select(g => g.Capability).Where(c => !AccessAuditor.Capabilities.Contains(c)).Distinct(StringComparer.Ordinal)).ToList());

    private static string Holders(IReadOnlyList<AccessGrant> grants, string environment, string capability)
    {
        var holders = grants.Where(g => g.Environment == environment && g.Capability == capability).Select(g => g.HolderType == "User" ? g.Holder : g.GrantorType + " " + g.Holder).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(h => h, StringComparer.OrdinalIgnoreCase).ToList();
        return holders.Count == 0 ? "-" : string.Join(", ", holders.Take(HoldersShown)) + (holders.Count > HoldersShown ? $" and {holders.Count - HoldersShown} more" : string.Empty);
    }
}
