using System;
using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Pipelines;

namespace SandboxOps.Engine.Tests.Pipelines;

public sealed class PipelineRulesTests
{
    /// <summary>A pipeline as lists that a test can break, then build.</summary>
    public sealed class Draft
    {
        public List<(string Name, SandboxType Type, EnvironmentRole Role)> Environments { get; } = new()
        {
            ("dev", SandboxType.Developer, EnvironmentRole.Development),
            ("int", SandboxType.Partial, EnvironmentRole.Integration),
            ("uat", SandboxType.Full, EnvironmentRole.UAT),
            ("hotfix", SandboxType.Full, EnvironmentRole.Hotfix),
            ("prod", SandboxType.Production, EnvironmentRole.Production),
        };

        public List<(string From, string To)> Promotions { get; } = new() { ("dev", "int"), ("int", "uat"), ("uat", "prod"), ("hotfix", "prod") };

        public List<(string From, string To)> BackPromotions { get; } = new() { ("prod", "dev"), ("prod", "int"), ("prod", "uat"), ("prod", "hotfix") };

        public bool Repository { get; set; } = true;

        /// <summary>The gates of promotions, by (from, to): those into production gated.</summary>
        public Dictionary<(string, string), QualityGates> Gates { get; } = new()
        {
            [("uat", "prod")] = new QualityGates(true, FindingSeverity.Error, "RunLocalTests", 75, new[] { "release-manager" }),
            [("hotfix", "prod")] = new QualityGates(true, FindingSeverity.Error, "RunLocalTests", 75, null),
        };

        /// <summary>Locations other than org:&lt;name&gt;.</summary>
        public Dictionary<string, string> Locations { get; } = new();

        /// <summary>The masking declared for the sandboxes that copy production's records.</summary>
        public Dictionary<string, MaskingPolicy> Masking { get; } = new()
        {
            ["int"] = new MaskingPolicy(null, null, "test records only"),
            ["uat"] = new MaskingPolicy(null, null, "test records only"),
            ["hotfix"] = new MaskingPolicy(null, null, "test records only"),
        };

        public SandboxPipeline Build() => new(
            "Acme",
            new NamingConvention("^(dev|int|uat|hotfix|prod)"),
            Repository ? new PipelineRepository("./repo", "main", "/repo@main") : null,
            Environments.Select(e => new PipelineEnvironment(e.Name, e.Type, e.Role, Locations.GetValueOrDefault(e.Name, "org:" + e.Name), Locations.GetValueOrDefault(e.Name, "org:" + e.Name), refresh: new EnvironmentRefresh(null, null, PostRefreshRules.None, Masking.TryGetValue(e.Name, out var m) ? m : null))).ToList(),
            Promotions.Select(l => new PipelineLink(l.From, l.To, LinkKind.Promotion, Gates.GetValueOrDefault((l.From, l.To)))).ToList(),
            BackPromotions.Select(l => new PipelineLink(l.From, l.To, LinkKind.BackPromotion)).ToList());
    }

    private static IReadOnlyList<PipelineFinding> Check(Action<Draft> breach, Func<string, string?>? unreachable = null)
    {
        var draft = new Draft();
        breach(draft);
        return PipelineRules.Check(draft.Build(), unreachable ?? (_ => null));
    }

    [Fact]
    public void A_pipeline_that_follows_the_practice_has_no_finding()
    {
        Assert.Empty(Check(_ => { }));
    }

    public static TheoryData<string, string, string?, FindingSeverity> Breaches => new()
    {
        { "second production", PipelineRules.OneProduction, "prod2", FindingSeverity.Error },
        { "no production", PipelineRules.OneProduction, null, FindingSeverity.Error },
        { "cycle", PipelineRules.NoCycle, "int", FindingSeverity.Error },
        { "dead end", PipelineRules.ReachesProduction, "int", FindingSeverity.Error },
        { "skips testing", PipelineRules.TestedBeforeProduction, "dev", FindingSeverity.Error },
        { "skips UAT", PipelineRules.AcceptedBeforeProduction, "int", FindingSeverity.Error },
        { "hotfix through UAT", PipelineRules.HotfixPromotesToProduction, "hotfix", FindingSeverity.Warning },
        { "hotfix not back-promoted", PipelineRules.BackPromotedFromProduction, "hotfix", FindingSeverity.Error },
        { "int not back-promoted", PipelineRules.BackPromotedFromProduction, "int", FindingSeverity.Warning },
        { "back-promoted from UAT", PipelineRules.BackPromotionFromProduction, "int", FindingSeverity.Warning },
        { "badly named", PipelineRules.NamingConventionFollowed, "sandbox1", FindingSeverity.Warning },
        { "developer sandbox as UAT", PipelineRules.TypeFitsRole, "uat", FindingSeverity.Warning },
        { "production org as UAT", PipelineRules.TypeFitsRole, "uat", FindingSeverity.Error },
        { "unreachable", PipelineRules.Reachable, "uat", FindingSeverity.Error },
        { "no repository", PipelineRules.RepositoryNamed, null, FindingSeverity.Warning },
        { "production data not declared", PipelineRules.ProductionDataMasked, "uat", FindingSeverity.Warning },
        { "masking rules missing", PipelineRules.ProductionDataMasked, "int", FindingSeverity.Error },
        { "production ungated", PipelineRules.ProductionGated, "prod", FindingSeverity.Warning },
        { "validation against a folder", PipelineRules.ProductionGated, "prod", FindingSeverity.Error },
    };

    private static readonly Dictionary<string, Action<Draft>> Seeded = new()
    {
        ["second production"] = d => { d.Environments.Add(("prod2", SandboxType.Production, EnvironmentRole.Production)); d.BackPromotions.Add(("prod", "prod2")); },
        ["no production"] = d => { d.Environments.RemoveAll(e => e.Name == "prod"); d.Promotions.RemoveAll(l => l.To == "prod"); d.BackPromotions.Clear(); },
        ["cycle"] = d => d.Promotions.Add(("uat", "int")),
        ["dead end"] = d => d.Promotions.Remove(("int", "uat")),
        ["skips testing"] = d => d.Promotions.Add(("dev", "uat")),
        ["skips UAT"] = d => d.Promotions.Add(("int", "prod")),
        ["hotfix through UAT"] = d => { d.Promotions.Remove(("hotfix", "prod")); d.Promotions.Add(("hotfix", "uat")); },
        ["hotfix not back-promoted"] = d => d.BackPromotions.Remove(("prod", "hotfix")),
        ["int not back-promoted"] = d => d.BackPromotions.Remove(("prod", "int")),
        ["back-promoted from UAT"] = d => d.BackPromotions.Add(("uat", "int")),
        ["badly named"] = d => { d.Environments[0] = ("sandbox1", SandboxType.Developer, EnvironmentRole.Development); Rename(d, "dev", "sandbox1"); },
        ["developer sandbox as UAT"] = d => d.Environments[2] = ("uat", SandboxType.Developer, EnvironmentRole.UAT),
        ["production org as UAT"] = d => d.Environments[2] = ("uat", SandboxType.Production, EnvironmentRole.UAT),
        ["unreachable"] = _ => { },
        ["no repository"] = d => d.Repository = false,
        ["production data not declared"] = d => d.Masking.Remove("uat"),
        ["masking rules missing"] = d => d.Masking["int"] = new MaskingPolicy("/nowhere/masking-rules.json", "./masking-rules.json", null),
        ["production ungated"] = d => d.Gates.Remove(("hotfix", "prod")),
        ["validation against a folder"] = d => { d.Locations["prod"] = "./production"; d.Gates.Remove(("hotfix", "prod")); d.Gates[("hotfix", "prod")] = new QualityGates(true, FindingSeverity.Error, null, null, null); },
    };

    [Theory]
    [MemberData(nameof(Breaches))]
    public void Each_seeded_breach_is_found_by_its_rule(string breach, string ruleId, string? environment, FindingSeverity severity)
    {
        var findings = Check(Seeded[breach], breach == "unreachable" ? s => s == "org:uat" ? "not connected" : null : null);

        var finding = Assert.Single(findings, f => f.RuleId == ruleId && f.Environment == environment);
        Assert.Equal(severity, finding.Severity);
        Assert.False(string.IsNullOrWhiteSpace(finding.Remedy));
    }

    [Fact]
    public void Findings_come_errors_first()
    {
        var findings = Check(d => { d.Repository = false; d.Promotions.Add(("uat", "int")); });

        Assert.Equal(findings.OrderBy(f => f.Severity).Select(f => f.RuleId), findings.Select(f => f.RuleId));
        Assert.Equal(FindingSeverity.Error, findings[0].Severity);
    }

    private static void Rename(Draft draft, string from, string to)
    {
        static (string, string) Swap((string From, string To) link, string a, string b) => (link.From == a ? b : link.From, link.To == a ? b : link.To);
        for (var i = 0; i < draft.Promotions.Count; i++)
        {
            draft.Promotions[i] = Swap(draft.Promotions[i], from, to);
        }

        for (var i = 0; i < draft.BackPromotions.Count; i++)
        {
            draft.BackPromotions[i] = Swap(draft.BackPromotions[i], from, to);
        }
    }
}
