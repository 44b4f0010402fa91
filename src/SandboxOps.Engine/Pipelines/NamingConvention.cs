using System;
using System.Text.RegularExpressions;

namespace SandboxOps.Engine.Pipelines;

/// <summary>How environment names are built: a pattern every name matches, and the words that explain it.</summary>
public sealed class NamingConvention
{
    public NamingConvention(string pattern, string? description = null)
    {
        Pattern = pattern;
        Description = description;
        Regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public string Pattern { get; }

    public string? Description { get; }

    internal Regex Regex { get; }

    public bool Accepts(string name) => Regex.IsMatch(name);

    public override string ToString() => Description is null ? Pattern : $"{Pattern} ({Description})";
}
