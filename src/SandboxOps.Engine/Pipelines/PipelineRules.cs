using System;
using System.Collections.Generic;
using System.Linq;

namespace SandboxOps.Engine.Pipelines;

/// <summary>
/// The environment strategy's practice as rules: one production; promotions that form no cycle and take every
/// environment to production through testing and UAT; a hotfix sandbox that promotes to production and is
/// back-promoted from it; every lower environment back-promoted from production; names that follow the
/// convention; sandbox types that fit their roles; locations that can be reached.
/// </summary>
public static class PipelineRules
{
    public const string OneProduction = "SOP001";
    public const string NoCycle = "SOP002";
    public const string ReachesProduction = "SOP003";
    public const string TestedBeforeProduction = "SOP004";
    public const string AcceptedBeforeProduction = "SOP005";
    public const string HotfixPromotesToProduction = "SOP006";
    public const string BackPromotedFromProduction = "SOP007";
    public const string BackPromotionFromProduction = "SOP008";
    public const string NamingConventionFollowed = "SOP009";
    public const string TypeFitsRole = "SOP010";
    public const string Reachable = "SOP011";
    public const string RepositoryNamed = "SOP012";
    public const string ProductionDataMasked = "SOP013";
    public const string ProductionGated = "SOP014";

    private static readonly EnvironmentRole[] TestingRoles = { EnvironmentRole.Integration, EnvironmentRole.Testing };
    private static readonly EnvironmentRole[] AcceptanceRoles = { EnvironmentRole.UAT, EnvironmentRole.Staging };

    /// <summary>
    /// Every finding, errors first. <paramref name="whyUnreachable"/> says why a location cannot be read (null when
    /// it can); it is asked once per environment and for the repository.
    /// </summary>
    public static IReadOnlyList<PipelineFinding> Check(SandboxPipeline pipeline, Func<string, string?> whyUnreachable)
    {
        var findings = new List<PipelineFinding>();
        var production = pipeline.Environments.Where(e => e.Role == EnvironmentRole.Production).ToList();
        CheckProduction(production, findings);
        var cycle = Cycle(pipeline);
        if (cycle is not null)
        {
            findings.Add(new PipelineFinding(NoCycle, FindingSeverity.Error, cycle[0], "Promotions go round in a circle: " + string.Join(" -> ", cycle) + ".", "Remove the promotion that leads back down; work flows one way, to production."));
        }

        if (production.Count == 1 && cycle is null)
        {
            CheckPaths(pipeline, production[0], findings);
        }

        foreach (var environment in pipeline.Environments)
        {
            CheckBackPromotion(pipeline, environment, production, findings);
            CheckName(pipeline, environment, findings);
            CheckType(environment, findings);
            CheckMasking(environment, findings);
            if (whyUnreachable(environment.Source) is { } reason)
            {
                findings.Add(new PipelineFinding(Reachable, FindingSeverity.Error, environment.Name, $"'{environment.Location}' cannot be read: {reason}", "Connect the org (Connect-SalesforceOrg) or fix the location in the pipeline file."));
            }
        }

        CheckRepository(pipeline, whyUnreachable, findings);
        CheckGates(pipeline, findings);
        return findings.OrderBy(f => f.Severity).ToList();
    }

    /// <summary>A sandbox that copies production's records (Full, Partial Copy) says whether they are masked; a rules file named exists.</summary>
    private static void CheckMasking(PipelineEnvironment environment, List<PipelineFinding> findings)
    {
        var masking = environment.Refresh.Masking;
        if (masking is null && environment.Role != EnvironmentRole.Production && environment.Type is SandboxType.Full or SandboxType.Partial)
        {
            findings.Add(new PipelineFinding(ProductionDataMasked, FindingSeverity.Warning, environment.Name, $"'{environment.Name}' is a {environment.Type} sandbox, which copies production's records, and the pipeline does not say whether they are masked.", "Add \"masking\": { \"rules\": \"<masking rules file>\" } (New-MaskingRule proposes one), or { \"exempt\": \"<why not>\" }."));
        }
        else if (masking?.Rules is { } rules && !System.IO.File.Exists(rules))
        {
            findings.Add(new PipelineFinding(ProductionDataMasked, FindingSeverity.Error, environment.Name, $"The masking rules '{masking.RulesLocation}' of '{environment.Name}' do not exist ({rules}).", "Write them (New-MaskingRule ... | ConvertTo-Json | Set-Content) or fix the path in the pipeline file."));
        }
    }

    /// <summary>Promotions into production have gates, and a gate that validates has an org to validate against.</summary>
    private static void CheckGates(SandboxPipeline pipeline, List<PipelineFinding> findings)
    {
        foreach (var link in pipeline.Promotions)
        {
            var to = pipeline.Environment(link.To)!;
            if (link.Gates is null && to.Role == EnvironmentRole.Production)
            {
                findings.Add(new PipelineFinding(ProductionGated, FindingSeverity.Warning, to.Name, $"The promotion {link.From} -> {link.To} has no gates: anything can be deployed to production along it.", "Add \"gates\" to it (staticChecks, testLevel, minimumCoverage, approvals); Publish-DeploymentPackage -Pipeline then enforces them."));
            }
            else if (link.Gates is { Validates: true } && !to.IsOrg)
            {
                findings.Add(new PipelineFinding(ProductionGated, FindingSeverity.Error, to.Name, $"The gates of {link.From} -> {link.To} validate with tests, and '{to.Location}' is not an org: the validation can never run, so the gate never passes.", "Make the environment's location org:<alias>, or take testLevel and minimumCoverage out of the gates."));
            }
        }
    }

    private static void CheckProduction(List<PipelineEnvironment> production, List<PipelineFinding> findings)
    {
        if (production.Count == 0)
        {
            findings.Add(new PipelineFinding(OneProduction, FindingSeverity.Error, null, "No environment has the role Production.", "Add the production org with \"role\": \"Production\"; every path ends there."));
        }

        foreach (var extra in production.Skip(1))
        {
            findings.Add(new PipelineFinding(OneProduction, FindingSeverity.Error, extra.Name, $"'{extra.Name}' is a second production (after '{production[0].Name}').", "Keep one production per pipeline; describe another production org in a pipeline of its own."));
        }
    }

    private static void CheckPaths(SandboxPipeline pipeline, PipelineEnvironment production, List<PipelineFinding> findings)
    {
        foreach (var environment in pipeline.Environments.Where(e => e != production))
        {
            if (!pipeline.Above(environment.Name).Contains(production))
            {
                findings.Add(new PipelineFinding(ReachesProduction, FindingSeverity.Error, environment.Name, $"Nothing promoted from '{environment.Name}' can reach production '{production.Name}'.", $"Add a promotion from '{environment.Name}' to the next environment on the way to production."));
                continue;
            }

            if (environment.Role == EnvironmentRole.Hotfix)
            {
                if (!pipeline.Promotions.Any(l => Is(l.From, environment) && Is(l.To, production)))
                {
                    findings.Add(new PipelineFinding(HotfixPromotesToProduction, FindingSeverity.Warning, environment.Name, $"The hotfix environment '{environment.Name}' does not promote straight to production.", $"Add a promotion from '{environment.Name}' to '{production.Name}': a hotfix should not wait for the release train."));
                }

                continue;
            }

            if (!TestingRoles.Contains(environment.Role) && !AcceptanceRoles.Contains(environment.Role) && ReachesAvoiding(pipeline, environment, production, TestingRoles))
            {
                findings.Add(new PipelineFinding(TestedBeforeProduction, FindingSeverity.Error, environment.Name, $"Work from '{environment.Name}' can reach production without passing an integration or testing environment.", "Route its promotions through an Integration or Testing environment."));
            }

            if (!AcceptanceRoles.Contains(environment.Role) && ReachesAvoiding(pipeline, environment, production, AcceptanceRoles))
            {
                findings.Add(new PipelineFinding(AcceptedBeforeProduction, FindingSeverity.Error, environment.Name, $"Work from '{environment.Name}' can reach production without passing UAT or staging.", "Route its promotions through a UAT or Staging environment."));
            }
        }
    }

    private static void CheckBackPromotion(SandboxPipeline pipeline, PipelineEnvironment environment, List<PipelineEnvironment> production, List<PipelineFinding> findings)
    {
        foreach (var link in pipeline.BackPromotions.Where(l => Is(l.To, environment) && !production.Any(p => Is(l.From, p))))
        {
            findings.Add(new PipelineFinding(BackPromotionFromProduction, FindingSeverity.Warning, environment.Name, $"'{environment.Name}' is back-promoted from '{link.From}', which is not production.", "Back-promote from production: it is the state every lower environment has to catch up with."));
        }

        if (environment.Role == EnvironmentRole.Production || environment.Type == SandboxType.Scratch || production.Count == 0)
        {
            return;
        }

        if (!pipeline.BackPromotions.Any(l => Is(l.To, environment) && production.Any(p => Is(l.From, p))))
        {
            var severity = environment.Role == EnvironmentRole.Hotfix ? FindingSeverity.Error : FindingSeverity.Warning;
            findings.Add(new PipelineFinding(BackPromotedFromProduction, severity, environment.Name, $"'{environment.Name}' is not back-promoted from production: hotfixes never reach it and its next promotion can undo them.", $"Add {{ \"from\": \"{production[0].Name}\", \"to\": \"{environment.Name}\" }} to backPromotions."));
        }
    }

    private static void CheckName(SandboxPipeline pipeline, PipelineEnvironment environment, List<PipelineFinding> findings)
    {
        if (pipeline.NamingConvention is { } naming && !naming.Accepts(environment.Name))
        {
            findings.Add(new PipelineFinding(NamingConventionFollowed, FindingSeverity.Warning, environment.Name, $"'{environment.Name}' does not follow the naming convention {naming}.", "Rename the environment (and its sandbox) to follow the convention, or change the convention."));
        }
    }

    private static void CheckType(PipelineEnvironment environment, List<PipelineFinding> findings)
    {
        var isProductionOrg = environment.Type == SandboxType.Production;
        if (isProductionOrg != (environment.Role == EnvironmentRole.Production))
        {
            findings.Add(new PipelineFinding(TypeFitsRole, FindingSeverity.Error, environment.Name, isProductionOrg ? $"'{environment.Name}' is a production org in the role {environment.Role}." : $"'{environment.Name}' has the role Production but is a {environment.Type} org.", "Production is the production org, and only it."));
            return;
        }

        var advice = environment.Role switch
        {
            EnvironmentRole.Staging when environment.Type != SandboxType.Full => "a staging environment rehearses production releases; it should be a Full sandbox",
            EnvironmentRole.UAT when environment.Type is not (SandboxType.Full or SandboxType.Partial) => "user acceptance needs production-like data: a Full or Partial sandbox",
            EnvironmentRole.Hotfix when environment.Type == SandboxType.Scratch => "a hotfix sandbox must match production, which a scratch org does not",
            EnvironmentRole.Testing or EnvironmentRole.Integration when environment.Type == SandboxType.Scratch => "shared testing needs a sandbox that lives longer than a scratch org",
            _ => null,
        };
        if (advice is not null)
        {
            findings.Add(new PipelineFinding(TypeFitsRole, FindingSeverity.Warning, environment.Name, $"'{environment.Name}' is a {environment.Type} org in the role {environment.Role}: {advice}.", "Use a sandbox type that fits the role, or give the environment the role it really plays."));
        }
    }

    private static void CheckRepository(SandboxPipeline pipeline, Func<string, string?> whyUnreachable, List<PipelineFinding> findings)
    {
        if (pipeline.Repository is not { } repository)
        {
            findings.Add(new PipelineFinding(RepositoryNamed, FindingSeverity.Warning, null, "The pipeline names no repository, so hand changes and work in progress cannot be told from each other.", "Add \"repository\": { \"path\": \"<DX project>\", \"branch\": \"main\" }."));
        }
        else if (whyUnreachable(repository.Source) is { } reason)
        {
            findings.Add(new PipelineFinding(Reachable, FindingSeverity.Error, null, $"The repository '{repository.Location}' cannot be read: {reason}", "Fix the repository's path or branch in the pipeline file."));
        }
    }

    /// <summary>True when production can be reached from <paramref name="start"/> without passing any environment of <paramref name="roles"/>.</summary>
    private static bool ReachesAvoiding(SandboxPipeline pipeline, PipelineEnvironment start, PipelineEnvironment production, EnvironmentRole[] roles) =>
        pipeline.Above(start.Name, through: e => !roles.Contains(e.Role)).Contains(production);

    /// <summary>The first cycle of promotions found, as names (the first repeated at the end), or null.</summary>
    private static List<string>? Cycle(SandboxPipeline pipeline)
    {
        var state = new Dictionary<string, int>(SandboxPipeline.Names);
        var path = new List<string>();
        List<string>? Visit(string name)
        {
            state[name] = 1;
            path.Add(name);
            foreach (var next in pipeline.Promotions.Where(l => SandboxPipeline.Names.Equals(l.From, name)).Select(l => l.To))
            {
                if (state.TryGetValue(next, out var seen) && seen == 1)
                {
                    return path.Skip(path.FindIndex(p => SandboxPipeline.Names.Equals(p, next))).Concat(new[] { next }).ToList();
                }

                if (!state.ContainsKey(next) && Visit(next) is { } found)
                {
                    return found;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[name] = 2;
            return null;
        }

        return pipeline.Environments.Where(e => !state.ContainsKey(e.Name)).Select(e => Visit(e.Name)).FirstOrDefault(c => c is not null);
    }

    private static bool Is(string name, PipelineEnvironment environment) => SandboxPipeline.Names.Equals(name, environment.Name);

}
