using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using SandboxOps.Completion;
using SandboxOps.Engine.Gates;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Packaging;
using SandboxOps.Engine.Pipelines;
using SandboxOps.Engine.Reading;

namespace SandboxOps.Commands;

/// <summary>
/// Checks a package offline before it reaches an org: references neither it nor the target holds, API versions,
/// deletions Salesforce refuses, permissions a profile deploy cannot revoke, Apex without tests, deploy limits,
/// hard-coded record ids and production URLs. One finding per problem; errors make the command fail ($? false).
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "DeploymentPackage")]
[OutputType(typeof(PackageFinding))]
[OutputType(typeof(bool))]
public sealed class TestDeploymentPackageCommand : SandboxOpsCmdlet
{
    /// <summary>Package folders or zips (New-DeploymentPackage's output binds by its path), or any source the module reads.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("PSPath")]
    [ValidateNotNullOrEmpty]
    public string[] Package { get; set; } = Array.Empty<string>();

    /// <summary>Where the package goes: an org, a folder, a DX project, a snapshot or path@revision, checked for what the package names.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(SourceCompleter))]
    public SourceArgument? Target { get; set; }

    /// <summary>Only $true (no finding of severity Error) or $false.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    private PackageTarget? _target;

    protected override object? ErrorTarget => Package.FirstOrDefault();

    protected override void ProcessItem()
    {
        _target ??= ReadTarget();
        foreach (var path in Package)
        {
            ForInput(path, () => Check(DeploymentPackagePath.Resolve(this, path), _target));
        }
    }

    private void Check(string package, PackageTarget target)
    {
        IReadOnlyList<PackageFinding> findings;
        using (var source = MetadataSource.Open(package))
        {
            var zipped = File.Exists(package) ? new FileInfo(package).Length : (long?)null;
            findings = WhileReporting(new[] { package }.Select(_ => new PackageChecker(Context).Check(source, target, zipped).Findings)).Single();
        }

        var errors = findings.Count(f => f.Severity == FindingSeverity.Error);
        if (Quiet)
        {
            Emit(errors == 0);
            return;
        }

        foreach (var finding in findings)
        {
            Emit(finding);
        }

        if (errors > 0)
        {
            var failed = new PackageException(FailureKind.InvalidData, "ChecksFailed", $"'{package}' has {errors} finding(s) of severity Error against {target.Description}: it would fail to deploy, or deploy something wrong. See the findings' Remedy.");
            WriteError(EngineErrors.Record(failed, package)!);
        }
    }

    private PackageTarget ReadTarget() => Target is null ? PackageTarget.None : PackageTargets.Read(this, Target, isProduction: false, System.Array.Empty<string>());
}
