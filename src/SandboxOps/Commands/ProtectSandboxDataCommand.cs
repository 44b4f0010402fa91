using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using SandboxOps.Engine.Masking;
using SandboxOps.Engine.Model;

namespace SandboxOps.Commands;

/// <summary>
/// Masks CSV exports (Bulk API 2.0, Data Loader) by rules, streaming each file in constant memory, with a keyed
/// deterministic masking so joins on masked values still join; each file written aside into -Destination and moved
/// into place, the inputs never written to.
/// </summary>
[Cmdlet(VerbsSecurity.Protect, "SandboxData", SupportsShouldProcess = true)]
[OutputType(typeof(MaskingReport))]
public sealed class ProtectSandboxDataCommand : MaskingCmdlet
{
    private readonly List<string> _files = new();

    /// <summary>The CSV files to mask; Get-ChildItem's output binds by its path.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath")]
    [ValidateNotNullOrEmpty]
    public string[] Csv { get; set; } = Array.Empty<string>();

    /// <summary>The folder the masked files are written to, under their own names.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = string.Empty;

    /// <summary>The object the files hold; by default each file's name (Contact.csv holds Contact).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
#pragma warning disable CA1720 // Salesforce's word
    public string? Object { get; set; }
#pragma warning restore CA1720

    /// <summary>Replace masked files that exist in -Destination.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override object? ErrorTarget => Destination;

    protected override void ProcessItem()
    {
        foreach (var csv in Csv)
        {
            _files.AddRange(GetResolvedProviderPathFromPSPath(csv, out _));
        }
    }

    protected override void Complete()
    {
        var rules = Rules.Read(this);
        var destination = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination);
        using var masker = KeyedMasker();
        var csv = new CsvMasker(Context);
        foreach (var file in _files)
        {
            var objectName = Object ?? Path.GetFileNameWithoutExtension(file);
            if (!rules.Names(objectName))
            {
                Reporter.ReportError(EngineErrors.Record(new MaskingException(FailureKind.InvalidArgument, "NoRulesForObject", $"'{file}': the rules name no object '{objectName}' (they name {string.Join(", ", rules.All.Select(r => r.Object).Distinct())}). Name its object with -Object, or add rules for it; it was not masked."), file)!);
                Flush();
                continue;
            }

            var output = Path.Combine(destination, Path.GetFileName(file));
            if (!ShouldProcess(output, $"Write {file} masked as {objectName}"))
            {
                continue;
            }

            ForInput(file, () =>
            {
                Directory.CreateDirectory(destination);
                // Masked on a worker thread, so the progress of a large file is shown while it streams.
                IEnumerable<MaskingReport> Work()
                {
                    foreach (var report in csv.Protect(file, objectName, rules, masker, output, Force))
                    {
                        yield return report;
                    }
                }

                foreach (var report in WhileReporting(Work()))
                {
                    Emit(report);
                }
            });
        }
    }
}
