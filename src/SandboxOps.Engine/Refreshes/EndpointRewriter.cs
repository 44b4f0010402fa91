using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;

using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Pipelines;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Xml;

namespace SandboxOps.Engine.Refreshes;

/// <summary>One file of an integration component whose production endpoints are rewritten to the environment's.</summary>
public sealed class EndpointChange
{
    internal EndpointChange(ComponentKey component, string file, IReadOnlyList<string> rewrites, byte[] content)
    {
        Component = component;
        File = file;
        Rewrites = rewrites;
        Content = content;
    }

    public ComponentKey Component { get; }

    /// <summary>The file's full path.</summary>
    public string File { get; }

    /// <summary>Each value changed, as "old -> new".</summary>
    public IReadOnlyList<string> Rewrites { get; }

    internal byte[] Content { get; }
}

/// <summary>
/// The metadata a refresh copies from production that must point elsewhere in a sandbox: integration endpoints
/// (named and external credentials, remote sites, CSP trusted sites, custom metadata records, outbound messages)
/// rewritten by the environment's endpoint rules, and the credentials and auth providers a person has to
/// re-authenticate. Works on a folder in either format, so a retrieved sandbox can be fixed and reviewed offline;
/// the folder is indexed once, when the rewriter is made, for both.
/// </summary>
public sealed class EndpointRewriter
{
    /// <summary>The types whose text values hold endpoints.</summary>
    public static readonly IReadOnlyList<string> EndpointTypes = new[] { "NamedCredential", "ExternalCredential", "RemoteSiteSetting", "CspTrustedSite", "CustomMetadata", "Workflow", "WorkflowOutboundMessage" };

    /// <summary>The types whose secrets do not survive a copy.</summary>
    public static readonly IReadOnlyList<string> CredentialTypes = new[] { "NamedCredential", "ExternalCredential", "AuthProvider" };

    /// <summary>Every type the rewriter reads: what a live sandbox's retrieve asks for.</summary>
    public static readonly IReadOnlyList<string> Types = EndpointTypes.Concat(CredentialTypes).Distinct().ToList();

    private static readonly Regex TextNode = new(">([^<>]+)<", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private readonly List<(ComponentKey Component, string File)> _files;

    /// <summary>Indexes <paramref name="folder"/> for the files of the endpoint and credential types.</summary>
    public EndpointRewriter(string folder, EngineContext context)
    {
        _files = Files(folder, Types, context).ToList();
    }

    /// <summary>
    /// Every file of an endpoint type whose values start with a production endpoint, with its rewritten content, and
    /// the lines for components whose endpoints are the environment's already (a run before this one rewrote them).
    /// </summary>
    public (IReadOnlyList<EndpointChange> Changes, IReadOnlyList<PostRefreshTask> Settled) Plan(PostRefreshRules rules)
    {
        var changes = new List<EndpointChange>();
        var settled = new List<PostRefreshTask>();
        if (rules.Endpoints.Count == 0)
        {
            return (changes, settled);
        }

        foreach (var (component, file) in Of(EndpointTypes))
        {
            var text = Encoding.UTF8.GetString(Parsed(file).Bytes);
            var rewrites = new List<string>();
            var already = new List<string>();
            var rewritten = TextNode.Replace(text, m =>
            {
                var value = m.Groups[1].Value;
                foreach (var endpoint in rules.Endpoints)
                {
                    // Compared as written in the file: an endpoint's & is &amp; there.
                    var from = SecurityElement.Escape(endpoint.From)!;
                    var to = SecurityElement.Escape(endpoint.To)!;
                    if (new EndpointRewrite(from, to).Rewrite(value) is { } changed)
                    {
                        rewrites.Add(value + " -> " + changed);
                        return ">" + changed + "<";
                    }

                    if (value.StartsWith(to, StringComparison.OrdinalIgnoreCase))
                    {
                        already.Add(value);
                    }
                }

                return m.Value;
            });
            if (rewrites.Count > 0)
            {
                changes.Add(new EndpointChange(component, file, rewrites, Encoding.UTF8.GetBytes(rewritten)));
            }
            else if (already.Count > 0)
            {
                settled.Add(new PostRefreshTask("RewriteEndpoint", component.ToString(), PostRefreshStatus.AlreadyDone, string.Join(", ", already)));
            }
        }

        return (changes, settled);
    }

    /// <summary>Writes each change over its file (aside, then moved into place).</summary>
    public static void Apply(EndpointChange change) => StagedOutput.WriteFile(change.File, change.Content, overwrite: true);

    /// <summary>The credentials whose secrets or tokens a person must enter again in the copy, as checklist lines.</summary>
    public IEnumerable<PostRefreshTask> Reauthentication()
    {
        foreach (var (component, file) in Of(CredentialTypes))
        {
            var root = Parsed(file).Root;
            string? Value(string name) => root.Children.FirstOrDefault(c => c.Name == name)?.Text;
            var reason = component.Type switch
            {
                "AuthProvider" => $"its consumer secret and callback URL are production's: check them{(Value("consumerKey") is { } key ? " (consumer key " + key + ")" : string.Empty)} and log in again through it.",
                "ExternalCredential" when Value("authenticationProtocol") is { } protocol && protocol != "NoAuthentication" => $"{protocol} principals hold no usable secret in the copy: enter them again.",
                "NamedCredential" when Value("protocol") is { } protocol && protocol != "NoAuthentication" => $"{protocol} authentication: enter the credentials again (and re-authorize per-user principals).",
                "NamedCredential" when root.Children.Where(c => c.Name == "namedCredentialParameters").SelectMany(p => p.Children).FirstOrDefault(c => c.Name == "externalCredential") is { } external => $"authenticates through the external credential {external.Text}: re-authenticate its principals.",
                _ => null,
            };
            if (reason is not null)
            {
                yield return new PostRefreshTask("Reauthenticate", component.ToString(), PostRefreshStatus.NeedsManualAction, reason);
            }
        }
    }

    private IEnumerable<(ComponentKey Component, string File)> Of(IReadOnlyList<string> types) =>
        _files.Where(f => types.Contains(f.Component.Type, StringComparer.Ordinal));

    private static IEnumerable<(ComponentKey Component, string File)> Files(string folder, IReadOnlyList<string> types, EngineContext context)
    {
        using var source = MetadataSource.Open(folder);
        var root = source.FileSystem is DirectoryFileSystem directory ? directory.Root : throw new MetadataSourceException(FailureKind.InvalidArgument, "NotAFolder", $"'{folder}' is not a folder: post-refresh tasks rewrite a folder's files in place (retrieve a zip into a folder first).");
        var index = new MetadataReader(context).Index(source);
        foreach (var unit in index.Units.Where(u => types.Contains(u.TypeName, StringComparer.Ordinal)))
        {
            foreach (var file in unit.Files)
            {
                yield return (new ComponentKey(unit.TypeName, unit.FullName), Path.Combine(root, file.Path));
            }
        }
    }

    /// <summary>The file's bytes and its parse: malformed XML, or XML with a DTD, is an error naming the file.</summary>
    private static (byte[] Bytes, XmlNode Root) Parsed(string file)
    {
        var bytes = System.IO.File.ReadAllBytes(file);
        try
        {
            return (bytes, XmlNode.Parse(bytes, 0, bytes.Length));
        }
        catch (System.Xml.XmlException ex)
        {
            throw new MetadataSourceException(FailureKind.InvalidData, "MalformedXml", $"'{file}' is not well-formed XML ({ex.Message}); fix it, or retrieve it again, before post-refresh tasks rewrite it.", ex);
        }
        catch (ForbiddenDtdException ex)
        {
            throw new MetadataSourceException(FailureKind.InvalidData, "ForbiddenDtd", $"'{file}' (line {ex.Line}): {ex.Message} Nothing was rewritten.", ex);
        }
    }
}
