using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SandboxOps.Engine.Xml;

namespace SandboxOps.Engine.Gates;

/// <summary>
/// Finds what a package should not carry as literals: record ids (which differ in every org) and URLs of production
/// (which a sandbox must not call). In Apex only string literals are read; in metadata every value, and the quoted
/// parts of formulas. An id is 15 characters with its reserved sixth character 0, or 18 whose last three are the
/// checksum of the first fifteen's case, so words and hashes of that length are not mistaken for one.
/// </summary>
internal sealed class LiteralScanner
{
    private const string ChecksumAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(1);
    private static readonly Regex Quoted = new(@"[""']([A-Za-z0-9]{15}|[A-Za-z0-9]{18})[""']", RegexOptions.CultureInvariant, Patience);
    private static readonly Regex Url = new(@"https?://[A-Za-z0-9.\-]+(?::\d+)?(?:/[^\s'""<>)]*)?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, Patience);
    private static readonly Regex ProductionHost = new(
        @"^(login\.salesforce\.com|(?!.*--)[a-z0-9\-]+\.my\.salesforce\.com|(?!.*--)[a-z0-9\-]+\.lightning\.force\.com|(na|eu|ap|um|cs)\d+\.salesforce\.com)$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase,
        Patience);

    /// <summary>Text shown to people, not used by the org: a layout's summary is labelled with the layout's own id by Salesforce itself.</summary>
    private static readonly HashSet<string> Prose = new(StringComparer.Ordinal) { "masterLabel", "label", "description", "inlineHelpText", "helpText" };

    private readonly IReadOnlyList<string> _productionUrls;

    public LiteralScanner(IReadOnlyList<string> productionUrls)
    {
        _productionUrls = productionUrls;
    }

    /// <summary>The ids and production URLs in Apex source, from its string literals.</summary>
    public (List<string> Ids, List<string> Urls) InApex(string source)
    {
        var literals = StringLiterals(source);
        return (literals.Where(IsRecordId).Distinct(StringComparer.Ordinal).ToList(), literals.SelectMany(ProductionUrlsIn).Distinct(StringComparer.OrdinalIgnoreCase).ToList());
    }

    /// <summary>The ids and production URLs in a component's XML values.</summary>
    public (List<string> Ids, List<string> Urls) InXml(XmlNode tree)
    {
        var ids = new List<string>();
        var urls = new List<string>();
        Walk(tree, ids, urls);
        return (ids.Distinct(StringComparer.Ordinal).ToList(), urls.Distinct(StringComparer.OrdinalIgnoreCase).ToList());
    }

    /// <summary>The string literals of Apex source, passing over comments (an id in a comment is not one the code uses).</summary>
    private static List<string> StringLiterals(string source)
    {
        var literals = new List<string>();
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '\'')
            {
                var start = ++i;
                while (i < source.Length && source[i] != '\'' && source[i] != '\n')
                {
                    i += source[i] == '\\' ? 2 : 1;
                }

                literals.Add(source.Substring(start, Math.Min(i, source.Length) - start));
            }
            else if (source[i] == '/' && i + 1 < source.Length && source[i + 1] == '/')
            {
                i = source.IndexOf('\n', i) is var end && end < 0 ? source.Length : end;
            }
            else if (source[i] == '/' && i + 1 < source.Length && source[i + 1] == '*')
            {
                i = source.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end && end < 0 ? source.Length : end + 1;
            }
        }

        return literals;
    }

    public static bool IsRecordId(string text)
    {
        if ((text.Length != 15 && text.Length != 18) || !text.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')))
        {
            return false;
        }

        // The reserved sixth character is 0, the record number is not all zeros (the empty id), and a prefix has a digit.
        if (text[5] != '0' || text.Substring(6, 9).All(c => c == '0') || !text.Take(5).Any(char.IsDigit))
        {
            return false;
        }

        return text.Length == 15 ? text.Any(char.IsLower) || text.Skip(6).Take(9).Any(char.IsLetter) : text.Substring(15) == Checksum(text.Substring(0, 15));
    }

    /// <summary>Salesforce's case-safe suffix of a 15-character id: for each five characters, which are upper case, as one letter.</summary>
    private static string Checksum(string id)
    {
        var suffix = new char[3];
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var bits = 0;
            for (var i = 0; i < 5; i++)
            {
                if (id[(chunk * 5) + i] is >= 'A' and <= 'Z')
                {
                    bits |= 1 << i;
                }
            }

            suffix[chunk] = ChecksumAlphabet[bits];
        }

        return new string(suffix);
    }

    private void Walk(XmlNode node, List<string> ids, List<string> urls)
    {
        if (node.Children.Count == 0)
        {
            if (Prose.Contains(node.Name))
            {
                return;
            }

            var text = node.Text.Trim();
            if (IsRecordId(text))
            {
                ids.Add(text);
            }
            else if (text.Length > 15)
            {
                ids.AddRange(Quoted.Matches(text).Cast<Match>().Select(m => m.Groups[1].Value).Where(IsRecordId));
            }

            urls.AddRange(ProductionUrlsIn(text));
            return;
        }

        foreach (var child in node.Children)
        {
            Walk(child, ids, urls);
        }
    }

    private IEnumerable<string> ProductionUrlsIn(string text)
    {
        if (text.IndexOf("://", StringComparison.Ordinal) < 0)
        {
            return Enumerable.Empty<string>();
        }

        return Url.Matches(text).Cast<Match>().Select(m => m.Value).Where(IsProduction);
    }

    private bool IsProduction(string url)
    {
        if (_productionUrls.Any(p => url.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var parsed) && ProductionHost.IsMatch(parsed.Host) && parsed.Host.IndexOf(".sandbox.", StringComparison.OrdinalIgnoreCase) < 0;
    }
}
