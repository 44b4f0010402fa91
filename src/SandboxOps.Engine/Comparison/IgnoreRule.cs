using System;
using System.Text.RegularExpressions;

namespace SandboxOps.Engine.Comparison;

/// <summary>
/// A difference expected between environments. Written <c>Type:FullNamePattern[:ElementPathPattern]</c>,
/// where the patterns take * and ? (any other character, [ and ] included, is literal):
/// <c>NamedCredential:*:namedCredentialParameters[Url]/parameterValue</c>, <c>Profile:*:loginIpRanges*</c>,
/// <c>RemoteSiteSetting:Billing_*:url</c>. Without an element path the rule leaves matching components
/// out of the comparison; with one, it drops the matching element changes (a component left with none is
/// Identical, with the count in IgnoredChangeCount).
/// </summary>
public sealed class IgnoreRule
{
    private static readonly char[] Colon = { ':' };
    private readonly Regex _fullName;
    private readonly Regex? _path;

    private IgnoreRule(string text, string type, Regex fullName, Regex? path)
    {
        Text = text;
        Type = type;
        _fullName = fullName;
        _path = path;
    }

    public string Text { get; }

    public string Type { get; }

    public bool IgnoresWholeComponents => _path is null;

    /// <summary>Parses a rule; a malformed one is an <see cref="FormatException"/> that says how to write it.</summary>
    public static IgnoreRule Parse(string text)
    {
        var parts = (text ?? string.Empty).Split(Colon, 3);
        if (parts.Length < 2 || parts[0].Trim().Length == 0 || parts[1].Trim().Length == 0)
        {
            throw new FormatException($"The ignore rule '{text}' is not of the form Type:FullNamePattern[:ElementPathPattern], for example 'Profile:*:loginIpRanges*'.");
        }

        var path = parts.Length == 3 && parts[2].Trim().Length > 0 ? Glob(parts[2].Trim()) : null;
        return new IgnoreRule(text!, parts[0].Trim(), Glob(parts[1].Trim()), path);
    }

    public bool MatchesComponent(string type, string fullName) =>
        string.Equals(type, Type, StringComparison.OrdinalIgnoreCase) && _fullName.IsMatch(fullName);

    /// <summary>True when the change's path matches the pattern, or lies inside an element that does.</summary>
    public bool MatchesChange(string type, string fullName, ElementChange change) =>
        _path is not null && MatchesComponent(type, fullName) && (_path.IsMatch(change.Path) || Inside(change.Path));

    public override string ToString() => Text;

    private bool Inside(string path)
    {
        for (var i = path.LastIndexOf('/'); i > 0; i = path.LastIndexOf('/', i - 1))
        {
            if (_path!.IsMatch(path.Substring(0, i)))
            {
                return true;
            }
        }

        return false;
    }

    private static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
