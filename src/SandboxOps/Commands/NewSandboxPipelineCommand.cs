using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using SandboxOps.Engine.Comparison;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Pipelines;

namespace SandboxOps.Commands;

/// <summary>
/// Writes a pipeline file: environments from -Stage definitions or from the orgs connected now, promotions in role
/// order unless given, every environment back-promoted from production, and the schema named for editors.
/// </summary>
[Cmdlet(VerbsCommon.New, "SandboxPipeline", SupportsShouldProcess = true)]
[OutputType(typeof(SandboxPipeline))]
public sealed class NewSandboxPipelineCommand : SandboxOpsCmdlet
{
    private static readonly string[] Arrow = { "->" };

    private static readonly (string Word, EnvironmentRole Role)[] RoleWords =
    {
        ("hotfix", EnvironmentRole.Hotfix), ("hf", EnvironmentRole.Hotfix), ("prod", EnvironmentRole.Production),
        ("uat", EnvironmentRole.UAT), ("stag", EnvironmentRole.Staging), ("stg", EnvironmentRole.Staging), ("preprod", EnvironmentRole.Staging),
        ("qa", EnvironmentRole.Testing), ("test", EnvironmentRole.Testing), ("sit", EnvironmentRole.Testing),
        ("int", EnvironmentRole.Integration), ("ci", EnvironmentRole.Integration),
    };

    /// <summary>The pipeline file to write.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = string.Empty;

    /// <summary>The pipeline's name; by default the file's name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>One hashtable per environment: Name, Type, Role, Location, and optionally Owner, Description, ExpectedDrift (hashtables of Rule and Reason).</summary>
    [Parameter(Position = 1)]
    [ValidateNotNull]
    public Hashtable[]? Stage { get; set; }

    /// <summary>Adds an environment for every org connected in this session (org:alias), its role guessed from its alias.</summary>
    [Parameter]
    public SwitchParameter FromConnectedOrgs { get; set; }

    /// <summary>Promotions as "from->to"; by default each environment promotes to the next role up, and a hotfix environment to production.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Promotion { get; set; }

    /// <summary>The regular expression every environment name matches.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string NamingPattern { get; set; } = "^(dev|int|qa|test|uat|stg|staging|hotfix|prod)";

    /// <summary>What the naming convention means, in words.</summary>
    [Parameter]
    public string NamingDescription { get; set; } = "role first, then what the environment is for";

    /// <summary>The DX project that is the source of truth (relative to the file when written relative).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Repository { get; set; }

    /// <summary>The branch of -Repository that is the source of truth.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Branch { get; set; }

    /// <summary>Replace the file if it exists.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override object? ErrorTarget => Destination;

    protected override void ProcessItem()
    {
        var destination = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination);
        var folder = Path.GetDirectoryName(destination)!;
        var environments = (Stage ?? Array.Empty<Hashtable>()).Select((s, i) => FromStage(s, i, folder)).ToList();
        if (FromConnectedOrgs)
        {
            environments.AddRange(OrgConnections.All.Select(FromOrg));
        }

        if (environments.Count == 0)
        {
            throw new InvalidArgumentException("NoEnvironments", "Give the environments with -Stage, or connect the orgs (Connect-SalesforceOrg) and use -FromConnectedOrgs.");
        }

        var promotions = Promotion is null ? DefaultPromotions(environments) : Promotion.Select(ParseLink).ToList();
        var production = environments.FirstOrDefault(e => e.Role == EnvironmentRole.Production);
        var backPromotions = production is null
            ? new List<PipelineLink>()
            : environments.Where(e => e != production).Select(e => new PipelineLink(production.Name, e.Name, LinkKind.BackPromotion)).ToList();
        var repository = Repository is null ? null : new PipelineRepository(Repository, Branch, PipelineFile.Resolve(Repository, folder));
        var draft = new SandboxPipeline(Name ?? Path.GetFileNameWithoutExtension(destination), new NamingConvention(NamingPattern, NamingDescription), repository, environments, promotions, backPromotions);
        var schema = SchemaReference(folder);

        // Read back what would be written: a link to a missing environment fails here as it would when read.
        var json = PipelineFile.ToJson(draft, schema);
        var pipeline = PipelineFile.Parse(json, destination, folder);
        if (!ShouldProcess(destination, $"Write the pipeline '{pipeline.Name}' ({pipeline.Environments.Count} environments, {pipeline.Promotions.Count} promotions)"))
        {
            return;
        }

        PipelineFile.Write(pipeline, destination, schema, Force);
        Emit(PipelineFile.Read(destination));
    }

    private static PipelineEnvironment FromStage(Hashtable stage, int position, string folder)
    {
        string? Text(string key) => stage.ContainsKey(key) ? stage[key]?.ToString() : null;
        string Required(string key) => Text(key) is { Length: > 0 } value
            ? value
            : throw new InvalidArgumentException("InvalidStage", $"-Stage {position + 1} has no {key}. Each stage needs Name, Type, Role and Location.");
        T Parsed<T>(string key)
            where T : struct =>
            Enum.TryParse<T>(Required(key), ignoreCase: true, out var value) && Enum.IsDefined(typeof(T), value)
                ? value
                : throw new InvalidArgumentException("InvalidStage", $"-Stage {position + 1}: '{Text(key)}' is not a {key}; use one of {string.Join(", ", Enum.GetNames(typeof(T)))}.");

        var location = Required("Location");
        return new PipelineEnvironment(Required("Name"), Parsed<SandboxType>("Type"), Parsed<EnvironmentRole>("Role"), location, PipelineFile.Resolve(location, folder), Text("Owner"), Text("Description"), ExpectedDrift(stage["ExpectedDrift"], position));
    }

    private static List<ExpectedDrift> ExpectedDrift(object? value, int position)
    {
        var drift = new List<ExpectedDrift>();
        var unwrapped = value is PSObject wrapped ? wrapped.BaseObject : value;
        var items = unwrapped is IDictionary one ? new object[] { one } : LanguagePrimitives.GetEnumerable(unwrapped) ?? Array.Empty<object>();
        foreach (var item in items)
        {
            if ((item is PSObject inner ? inner.BaseObject : item) is not Hashtable rule || rule["Rule"]?.ToString() is not { } text || rule["Reason"]?.ToString() is not { } reason)
            {
                throw new InvalidArgumentException("InvalidStage", $"-Stage {position + 1}: ExpectedDrift takes hashtables of Rule and Reason, such as @{{ Rule = 'Profile:*:loginIpRanges*'; Reason = 'IP ranges differ per org' }}.");
            }

            try
            {
                drift.Add(new ExpectedDrift(IgnoreRule.Parse(text), reason));
            }
            catch (FormatException ex)
            {
                throw new InvalidArgumentException("InvalidIgnoreRule", $"-Stage {position + 1}: {ex.Message}", ex);
            }
        }

        return drift;
    }

    /// <summary>A connected org as an environment: its role from the words of its alias, its type from the role (written down as a guess).</summary>
    private static PipelineEnvironment FromOrg(Engine.Salesforce.OrgConnection org)
    {
        var role = org.IsSandbox
            ? RoleWords.Where(w => w.Role != EnvironmentRole.Production && org.Name.IndexOf(w.Word, StringComparison.OrdinalIgnoreCase) >= 0).Select(w => (EnvironmentRole?)w.Role).FirstOrDefault() ?? EnvironmentRole.Development
            : EnvironmentRole.Production;
        var type = role switch
        {
            EnvironmentRole.Production => SandboxType.Production,
            EnvironmentRole.UAT or EnvironmentRole.Staging or EnvironmentRole.Hotfix => SandboxType.Full,
            EnvironmentRole.Testing or EnvironmentRole.Integration => SandboxType.Partial,
            _ => SandboxType.Developer,
        };
        var description = org.IsSandbox ? $"{org.OrgName}; role guessed from the alias and sandbox type from the role: check both." : org.OrgName;
        return new PipelineEnvironment(org.Name, type, role, org.SourceName, org.SourceName, owner: null, description: description);
    }

    /// <summary>Each environment promotes to the first environment of the next role up; a hotfix environment to production.</summary>
    private static List<PipelineLink> DefaultPromotions(List<PipelineEnvironment> environments)
    {
        var links = new List<PipelineLink>();
        var production = environments.FirstOrDefault(e => e.Role == EnvironmentRole.Production);
        var chain = environments.Where(e => e.Role is not (EnvironmentRole.Hotfix or EnvironmentRole.Production)).GroupBy(e => e.Role).OrderBy(g => g.Key).ToList();
        for (var i = 0; i < chain.Count; i++)
        {
            var next = i + 1 < chain.Count ? chain[i + 1].First() : production;
            if (next is not null)
            {
                links.AddRange(chain[i].Select(e => new PipelineLink(e.Name, next.Name, LinkKind.Promotion)));
            }
        }

        if (production is not null)
        {
            links.AddRange(environments.Where(e => e.Role == EnvironmentRole.Hotfix).Select(e => new PipelineLink(e.Name, production.Name, LinkKind.Promotion)));
        }

        return links;
    }

    private static PipelineLink ParseLink(string text)
    {
        var parts = text.Split(Arrow, StringSplitOptions.None);
        if (parts.Length != 2 || parts.Any(p => p.Trim().Length == 0))
        {
            throw new InvalidArgumentException("InvalidPromotion", $"-Promotion '{text}' is not of the form 'from->to', for example 'uat->prod'.");
        }

        return new PipelineLink(parts[0].Trim(), parts[1].Trim(), LinkKind.Promotion);
    }

    /// <summary>The module's schema, relative to the file's folder when they share a root (editors resolve it from the file).</summary>
    private string? SchemaReference(string folder)
    {
        var moduleBase = MyInvocation.MyCommand.Module?.ModuleBase;
        if (moduleBase is null)
        {
            return null;
        }

        var schema = Path.Combine(moduleBase, PipelineFile.SchemaFileName);
        var from = new Uri(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar);
        var to = new Uri(schema);
        return from.Scheme == to.Scheme && string.Equals(Path.GetPathRoot(folder), Path.GetPathRoot(schema), StringComparison.OrdinalIgnoreCase)
            ? Uri.UnescapeDataString(from.MakeRelativeUri(to).ToString())
            : schema;
    }
}
