using System.Collections.Generic;
using System.Text;

namespace SandboxOps.Bench.Generator;

/// <summary>XML as indented lines, rendered at any depth with any indentation: one model, both formats, noisy or not.</summary>
internal sealed class Lines
{
    private readonly List<(int Depth, string Text)> _lines = new();

    public Lines Open(int depth, string name) => Add(depth, "<" + name + ">");

    public Lines Close(int depth, string name) => Add(depth, "</" + name + ">");

    public Lines Leaf(int depth, string name, string value) =>
        Add(depth, value.Length == 0 ? "<" + name + "></" + name + ">" : "<" + name + ">" + Escape(value) + "</" + name + ">");

    public Lines Add(int depth, string text)
    {
        _lines.Add((depth, text));
        return this;
    }

    public Lines Append(Lines other, int shift = 0)
    {
        foreach (var (depth, text) in other._lines)
        {
            _lines.Add((depth + shift, text));
        }

        return this;
    }

    public void Render(StringBuilder output, int baseDepth, string indent)
    {
        foreach (var (depth, text) in _lines)
        {
            for (var i = 0; i < baseDepth + depth; i++)
            {
                output.Append(indent);
            }

            output.Append(text).Append('\n');
        }
    }

    public static string Document(string root, Lines body, string indent = "    ")
    {
        var output = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        output.Append('<').Append(root).Append(" xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n");
        body.Render(output, 1, indent);
        output.Append("</").Append(root).Append(">\n");
        return output.ToString();
    }

    private static string Escape(string value) => value.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
