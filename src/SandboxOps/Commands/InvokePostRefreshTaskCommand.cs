using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Pipelines;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Refreshes;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps.Commands;

/// <summary>
/// Puts right what a refresh copied from production, by the environment's postRefresh rules: integration endpoints
/// rewritten (one validated package for an org, files rewritten in place for a folder), users' e-mail addresses
/// restored and custom setting endpoints rewritten (REST), and a checklist of the credentials to re-authenticate and
/// the scheduled jobs to review. A second run finds everything done. Never runs on production.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "PostRefreshTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PostRefreshTask))]
public sealed class InvokePostRefreshTaskCommand : PipelineEnvironmentCmdlet
{

    /// <summary>Where to apply the tasks instead of the environment's location: a retrieved folder or DX project to fix offline, or an org.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(SourceCompleter))]
    public SourceArgument? Target { get; set; }

    protected override void ProcessItem()
    {
        var scope = Scope(null);
        var environment = scope.Environment;
        if (!RefreshScope.IsSandbox(environment))
        {
            throw new InvalidArgumentException("ProductionRefused", $"'{environment.Name}' is a {environment.Role} {environment.Type} environment: post-refresh tasks rewrite a sandbox to stop it talking to production, and never run on production.");
        }

        var rules = environment.Refresh.PostRefresh;
        if (rules.IsEmpty)
        {
            WriteWarning($"The pipeline gives '{environment.Name}' no postRefresh rules (endpoints, customSettings, users): only the checklist of credentials and scheduled jobs is made.");
        }

        var target = Target ?? new SourceArgument(environment.Source);
        if (target.OrgNamed(this)?.Resolve() is { } org)
        {
            OnOrg(org, rules);
        }
        else
        {
            var (path, revision) = MetadataSource.SplitRevision(target.Path!, p => InvokeProvider.Item.Exists(p));
            if (revision is not null)
            {
                throw new InvalidArgumentException("RevisionNotWritable", $"'{target.Path}' is a git revision, which cannot be rewritten: give -Target a folder (a checkout or a retrieve) or org:alias.");
            }

            var folder = GetUnresolvedProviderPathFromPSPath(path);
            var chosen = Rewrites(folder, folder, rules, out var checklist);
            foreach (var change in chosen)
            {
                EndpointRewriter.Apply(change);
                Emit(Line(change, PostRefreshStatus.Done, null));
            }

            EmitAll(checklist);
            WriteVerbose($"'{folder}' is a folder: users, custom settings and scheduled jobs are records, changed only in an org.");
        }
    }

    private void OnOrg(OrgConnection org, PostRefreshRules rules)
    {
        if (!org.IsSandbox)
        {
            throw new InvalidArgumentException("ProductionRefused", $"{org.Name} is a production org ({org.OrganizationType}): post-refresh tasks never run on production.");
        }

        using (var retrieved = EndpointDelivery.RetrieveAsync(org, Context).GetAwaiter().GetResult())
        {
            Flush();
            var chosen = Rewrites(retrieved.Path, org.SourceName, rules, out var checklist);
            if (chosen.Count > 0)
            {
                foreach (var change in chosen)
                {
                    EndpointRewriter.Apply(change);
                }

                var failure = EndpointDelivery.DeliverAsync(org, retrieved.Path, chosen, Context).GetAwaiter().GetResult();
                Flush();
                foreach (var change in chosen)
                {
                    Emit(Line(change, failure is null ? PostRefreshStatus.Done : PostRefreshStatus.Failed, failure));
                }
            }

            EmitAll(checklist);
        }

        var data = new OrgData(org);
        var (changes, settled) = PostRefreshData.PlanAsync(data, rules, CancellationToken).GetAwaiter().GetResult();
        foreach (var change in changes.Where(c => ShouldProcess($"{c.Task.Target} in {org.Name}", $"{c.Task.Task}: {c.Task.Detail}")))
        {
            try
            {
                PostRefreshData.ApplyAsync(data, change, CancellationToken).GetAwaiter().GetResult();
                Emit(change.Task);
            }
            catch (SalesforceException failure)
            {
                Emit(change.Task.With(PostRefreshStatus.Failed, failure.Message));
            }
        }

        EmitAll(settled);
    }

    /// <summary>
    /// The endpoint changes of a folder that ShouldProcess lets through (not applied yet), and the checklist lines
    /// already settled there: endpoints done before, credentials to re-authenticate.
    /// </summary>
    private List<EndpointChange> Rewrites(string folder, string where, PostRefreshRules rules, out List<PostRefreshTask> checklist)
    {
        var rewriter = new EndpointRewriter(folder, Context);
        var (changes, settled) = rewriter.Plan(rules);
        checklist = settled.Concat(rewriter.Reauthentication()).ToList();
        return changes.Where(c => ShouldProcess($"{c.Component} in {where}", "Rewrite endpoints: " + string.Join(", ", c.Rewrites))).ToList();
    }

    private void EmitAll(IEnumerable<PostRefreshTask> lines)
    {
        foreach (var line in lines)
        {
            Emit(line);
        }
    }

    private static PostRefreshTask Line(EndpointChange change, PostRefreshStatus status, string? failure) =>
        new("RewriteEndpoint", change.Component.ToString(), status, failure ?? string.Join(", ", change.Rewrites));
}
