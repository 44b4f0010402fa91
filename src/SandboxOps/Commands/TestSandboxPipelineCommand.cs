using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Pipelines;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps.Commands;

/// <summary>Checks a pipeline against the environment strategy's practice and says what to change.</summary>
[Cmdlet(VerbsDiagnostic.Test, "SandboxPipeline")]
[OutputType(typeof(PipelineFinding))]
[OutputType(typeof(bool))]
public sealed class TestSandboxPipelineCommand : SandboxOpsCmdlet
{
    /// <summary>The pipeline file (or a pipeline read before).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public PipelineArgument Pipeline { get; set; } = null!;

    /// <summary>Only $true (no finding of severity Error) or $false.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override object? ErrorTarget => Pipeline;

    protected override void ProcessItem()
    {
        var pipeline = Pipeline.Read(this);
        var findings = PipelineRules.Check(pipeline, WhyUnreachable).Concat(AccessBreaches(pipeline)).OrderBy(f => f.Severity).ToList();
        if (Quiet)
        {
            Emit(findings.All(f => f.Severity != FindingSeverity.Error));
            return;
        }

        foreach (var finding in findings)
        {
            Emit(finding);
        }
    }

    /// <summary>With an access policy, each reachable environment audited at its location and held to it (ACC001-003).</summary>
    private IEnumerable<PipelineFinding> AccessBreaches(SandboxPipeline pipeline)
    {
        if (pipeline.Access.Count == 0)
        {
            return Enumerable.Empty<PipelineFinding>();
        }

        var capabilities = OrgAccess.PolicyCapabilities(pipeline);
        return pipeline.Environments.Where(e => WhyUnreachable(e.Source) is null)
            .SelectMany(e => OrgAccess.Breaches(this, pipeline, e, capabilities))
            .Select(b => new PipelineFinding(b.RuleId, b.Severity, b.Environment, b.Message, b.Remedy))
            .ToList();
    }

    /// <summary>Why a location cannot be read from this session, or null: an org must be connected, a path must exist, a revision must name a commit.</summary>
    private static string? WhyUnreachable(string source)
    {
        if (source.StartsWith(OrgConnection.SourcePrefix, System.StringComparison.OrdinalIgnoreCase))
        {
            var alias = source.Substring(OrgConnection.SourcePrefix.Length);
            return OrgConnections.Find(alias) is null ? $"the org '{alias}' is not connected in this session." : null;
        }

        static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);
        var (path, revision) = MetadataSource.SplitRevision(source, Exists);
        if (!Exists(path))
        {
            return $"'{path}' does not exist.";
        }

        try
        {
            if (revision is not null)
            {
                GitRevisionFileSystem.Verify(path, revision);
            }

            return null;
        }
        catch (MetadataSourceException failure)
        {
            return failure.Message;
        }
    }
}
