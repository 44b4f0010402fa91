using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace SandboxOps.Engine.Pipelines;

/// <summary>
/// The pipeline as an SVG: one column per stage (development, integration and testing, UAT and staging,
/// production; the hotfix environment below the stage before production), each environment coloured by its
/// drift, promotions as arrows and back-promotions as dashed arrows, each labelled with its link's count.
/// </summary>
internal static class PipelineDiagram
{
    private const int ColumnWidth = 230;
    private const int RowHeight = 110;
    private const int BoxWidth = 172;
    private const int BoxHeight = 54;
    private const int Margin = 24;

    public static string Svg(SandboxPipeline pipeline, IReadOnlyList<PipelineDrift> drift)
    {
        var positions = Layout(pipeline);
        var width = (positions.Values.Select(p => p.Column).DefaultIfEmpty(0).Max() + 1) * ColumnWidth + Margin;
        var height = (positions.Values.Select(p => p.Row).DefaultIfEmpty(0).Max() + 1) * RowHeight + Margin * 2 + 40;
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Pipeline {Encode(pipeline.Name)}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">"));
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path class=\"head\" d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>");
        foreach (var link in pipeline.Links)
        {
            if (positions.TryGetValue(link.From, out var from) && positions.TryGetValue(link.To, out var to))
            {
                var total = drift.FirstOrDefault(d => d.Kind == link.Kind && SandboxPipeline.Names.Equals(d.From, link.From) && SandboxPipeline.Names.Equals(d.To, link.To))?.Total;
                Edge(svg, link, Center(from), Center(to), total);
            }
        }

        foreach (var environment in pipeline.Environments)
        {
            Node(svg, environment, positions[environment.Name], DriftOf(environment, drift));
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The colour band of an environment's drift: none, some (up to 5 components), much.</summary>
    public static string Band(int? count) => count switch
    {
        null => "unknown",
        0 => "clean",
        <= 5 => "some",
        _ => "much",
    };

    /// <summary>An environment's drift: its differences from the repository, or without that link the most of any of its links.</summary>
    public static int? DriftOf(PipelineEnvironment environment, IReadOnlyList<PipelineDrift> drift)
    {
        var repository = drift.FirstOrDefault(d => d.Kind == LinkKind.Repository && SandboxPipeline.Names.Equals(d.From, environment.Name));
        if (repository is not null)
        {
            return repository.Total;
        }

        var touching = drift.Where(d => SandboxPipeline.Names.Equals(d.From, environment.Name) || SandboxPipeline.Names.Equals(d.To, environment.Name)).ToList();
        return touching.Count == 0 ? null : touching.Max(d => d.Total);
    }

    private static Dictionary<string, (int Column, int Row)> Layout(SandboxPipeline pipeline)
    {
        static int Stage(EnvironmentRole role) => role switch
        {
            EnvironmentRole.Development => 0,
            EnvironmentRole.Integration or EnvironmentRole.Testing => 1,
            EnvironmentRole.UAT or EnvironmentRole.Staging => 2,
            EnvironmentRole.Hotfix => 2,
            _ => 3,
        };
        var stages = pipeline.Environments.Select(e => Stage(e.Role)).Distinct().OrderBy(s => s).ToList();
        var positions = new Dictionary<string, (int, int)>(SandboxPipeline.Names);
        foreach (var group in pipeline.Environments.GroupBy(e => Stage(e.Role)))
        {
            var row = 0;
            foreach (var environment in group.OrderBy(e => e.Role == EnvironmentRole.Hotfix ? 1 : 0))
            {
                positions[environment.Name] = (stages.IndexOf(group.Key), row++);
            }
        }

        return positions;
    }

    private static (int X, int Y) Center((int Column, int Row) position) =>
        (Margin + position.Column * ColumnWidth + BoxWidth / 2, Margin + position.Row * RowHeight + BoxHeight / 2);

    private static void Node(StringBuilder svg, PipelineEnvironment environment, (int Column, int Row) position, int? drift)
    {
        var x = Margin + position.Column * ColumnWidth;
        var y = Margin + position.Row * RowHeight;
        var band = Band(drift);
        var count = drift?.ToString(CultureInfo.InvariantCulture) ?? "not read";
        svg.Append(Invariant($"<g class=\"environment drift-{band}\" data-environment=\"{Encode(environment.Name)}\" data-drift=\"{count}\">"));
        svg.Append(Invariant($"<title>{Encode(environment.Name)}: {Encode(environment.Role.ToString())}, {Encode(environment.Type.ToString())}; drift {count}</title>"));
        svg.Append(Invariant($"<rect x=\"{x}\" y=\"{y}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"8\"/>"));
        svg.Append(Invariant($"<text x=\"{x + BoxWidth / 2}\" y=\"{y + 22}\" class=\"name\">{Encode(environment.Name)}</text>"));
        svg.Append(Invariant($"<text x=\"{x + BoxWidth / 2}\" y=\"{y + 41}\" class=\"role\">{Encode(environment.Role.ToString())} · {Encode(environment.Type.ToString())} · {count}</text>"));
        svg.Append("</g>");
    }

    /// <summary>
    /// A promotion as a straight arrow between the facing sides of the boxes; a back-promotion as a dashed curve
    /// under the boxes (bottom edge to bottom edge), so the two directions never overlap.
    /// </summary>
    private static void Edge(StringBuilder svg, PipelineLink link, (int X, int Y) from, (int X, int Y) to, int? total)
    {
        var label = total?.ToString(CultureInfo.InvariantCulture) ?? "?";
        svg.Append(Invariant($"<g class=\"link {link.Kind.ToString().ToLowerInvariant()}\" data-from=\"{Encode(link.From)}\" data-to=\"{Encode(link.To)}\" data-total=\"{label}\">"));
        svg.Append(Invariant($"<title>{Encode(link.From)} to {Encode(link.To)} ({link.Kind}): {label} differences</title>"));
        if (link.Kind == LinkKind.BackPromotion)
        {
            var (x1, y1) = (from.X, from.Y + BoxHeight / 2);
            var (x2, y2) = (to.X, to.Y + BoxHeight / 2);
            var dip = Math.Max(y1, y2) + 18 + Math.Abs(x2 - x1) / 12;
            svg.Append(Invariant($"<path d=\"M{x1},{y1} Q{(x1 + x2) / 2},{dip} {x2},{y2}\" marker-end=\"url(#arrow)\"/>"));
            svg.Append(Invariant($"<text x=\"{(x1 + x2) / 2}\" y=\"{(Math.Max(y1, y2) + dip) / 2 + 14}\">{label}</text>"));
        }
        else
        {
            var (x1, y1) = Side(from, to);
            var (x2, y2) = Side(to, from);
            svg.Append(Invariant($"<line x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\" marker-end=\"url(#arrow)\"/>"));
            svg.Append(Invariant($"<text x=\"{(x1 + x2) / 2}\" y=\"{(y1 + y2) / 2 - 6}\">{label}</text>"));
        }

        svg.Append("</g>");
    }

    /// <summary>Where the segment from one box's centre towards another leaves the box.</summary>
    private static (int X, int Y) Side((int X, int Y) from, (int X, int Y) to)
    {
        double dx = to.X - from.X;
        double dy = to.Y - from.Y;
        var scale = Math.Min(Math.Abs(dx) < 1 ? double.MaxValue : (BoxWidth / 2.0) / Math.Abs(dx), Math.Abs(dy) < 1 ? double.MaxValue : (BoxHeight / 2.0) / Math.Abs(dy));
        return ((int)Math.Round(from.X + dx * scale), (int)Math.Round(from.Y + dy * scale));
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
