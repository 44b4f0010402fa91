using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Engine.Salesforce;

/// <summary>
/// Deploys a package folder or zip to an org (or validates it, or quick-deploys a validation) and waits
/// for the result with progress on components and tests. A stopped command cancels the deploy on the
/// server when asked to; a deploy call is never repeated, since a lost answer may hide a started deploy.
/// </summary>
public sealed class OrgDeployer
{
    /// <summary>Salesforce's limit on a deploy's zip.</summary>
    public const long MaxZipBytes = 39L * 1024 * 1024;

    private readonly EngineContext _context;
    private readonly IOperationObserver _observer;
    private readonly ILogger _logger;

    public OrgDeployer(EngineContext context)
    {
        _context = context;
        _observer = context.Observer;
        _logger = context.Logger("SandboxOps.Deploy");
    }

    public async Task<DeployResult> DeployAsync(OrgConnection org, string package, DeployOptions options)
    {
        var cancellation = _context.Cancellation;
        var zip = Zip(package);
        var api = org.MetadataApi(_logger);
        var id = await api.StartDeployAsync(zip, options, cancellation).ConfigureAwait(false);
        return await WaitAsync(api, id, org, options, cancellation).ConfigureAwait(false);
    }

    /// <summary>A snapshot, or the part the filter selects, written as a Metadata API package in a temporary folder and deployed.</summary>
    public async Task<DeployResult> DeploySnapshotAsync(OrgConnection org, SnapshotStore store, string snapshot, ReadOptions filter, DeployOptions options)
    {
        using var package = StagedOutput.TemporaryFolder("sandboxops-restore-");
        SnapshotRestorer.Restore(store, snapshot, package.Path, MetadataFormat.MetadataApi, filter, filtered: true, _context);
        return await DeployAsync(org, package.Path, options).ConfigureAwait(false);
    }

    public async Task<DeployResult> QuickDeployAsync(OrgConnection org, string validationId)
    {
        var cancellation = _context.Cancellation;
        var api = org.MetadataApi(_logger);
        var id = await api.DeployRecentValidationAsync(validationId, cancellation).ConfigureAwait(false);
        return await WaitAsync(api, id, org, new DeployOptions(), cancellation).ConfigureAwait(false);
    }

    private async Task<DeployResult> WaitAsync(MetadataApiClient api, string id, OrgConnection org, DeployOptions options, CancellationToken cancellation)
    {
        var retry = org.Session.Retry;
        var clock = Stopwatch.StartNew();
        var wait = retry.FirstPoll;
        var activity = $"{(options.CheckOnly ? "Validating" : "Deploying")} to {org.Name} ({id})";
        try
        {
            while (true)
            {
                await Task.Delay(wait, cancellation).ConfigureAwait(false);
                var result = await api.CheckDeployAsync(id, org.Name, cancellation).ConfigureAwait(false);
                _observer.ReportProgress(new OperationProgress(activity, $"{result.Status}: {result.ComponentsDeployed} of {result.ComponentsTotal} components, {result.TestsCompleted} of {result.TestsTotal} tests", result.ComponentsDeployed + result.TestsCompleted, Math.Max(1, result.ComponentsTotal + result.TestsTotal)));
                if (result.Done)
                {
                    return result;
                }

                if (clock.Elapsed > retry.JobTimeout)
                {
                    throw new TimeoutException();
                }

                wait = retry.NextPoll(wait);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            if (options.CancelOnStop)
            {
                await api.CancelDeployAsync(id, CancellationToken.None).ConfigureAwait(false);
            }

            var what = options.CancelOnStop ? "Its cancellation was requested on the server." : "It goes on in the org: follow it in Setup, Deployment Status.";
            if (ex is TimeoutException)
            {
                throw new SalesforceException("Timeout", $"The deploy {id} did not finish within {retry.JobTimeout}. {what}");
            }

            throw;
        }
    }

    /// <summary>The package as the zip deploy takes: a zip as it is, a folder zipped with package.xml at its root.</summary>
    private static byte[] Zip(string package)
    {
        var path = Path.GetFullPath(package);
        byte[] zip;
        if (File.Exists(path))
        {
            zip = File.ReadAllBytes(path);
        }
        else if (File.Exists(Path.Combine(path, "package.xml")))
        {
            using var buffer = new MemoryStream();
            using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
                {
                    archive.CreateEntryFromFile(file, file.Substring(path.Length + 1).Replace('\\', '/'), CompressionLevel.Optimal);
                }
            }

            zip = buffer.ToArray();
        }
        else
        {
            throw new SalesforceException("PackageNotFound", $"'{path}' is neither a package zip nor a folder with package.xml. Give what New-DeploymentPackage wrote.");
        }

        if (zip.Length > MaxZipBytes)
        {
            throw new SalesforceException("PackageTooLarge", $"'{path}' is {zip.Length / (1024 * 1024)} MB zipped; Salesforce takes at most 39 MB per deploy. Let New-DeploymentPackage split it into numbered packages and deploy them in order.");
        }

        return zip;
    }
}
