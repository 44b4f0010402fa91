using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Reading;

namespace SandboxOps.Engine.Salesforce;

/// <summary>
/// An org retrieved into a private temporary folder and opened as a source named after the org
/// ("org:uat"). Disposing it deletes the folder: a live org is read, never left lying around.
/// </summary>
public sealed class RetrievedOrg : IDisposable
{
    private readonly string _folder;

    private RetrievedOrg(string folder, MetadataSource source, RetrieveOutcome outcome)
    {
        _folder = folder;
        Source = source;
        Outcome = outcome;
    }

    public MetadataSource Source { get; }

    public RetrieveOutcome Outcome { get; }

    public static async Task<RetrievedOrg> RetrieveAsync(OrgConnection org, RetrieveOptions options, IOperationObserver observer, EngineLogging? logging, CancellationToken cancellation)
    {
        var folder = Path.Combine(Path.GetTempPath(), "sandboxops-retrieve-" + Guid.NewGuid().ToString("N"));
        try
        {
            var outcome = await new OrgRetriever(observer, logging).RetrieveAsync(org, folder, options, cancellation).ConfigureAwait(false);
            var source = MetadataSource.FromFileSystem(new DirectoryFileSystem(folder, "org:" + org.Name));
            return new RetrievedOrg(folder, source, outcome);
        }
        catch
        {
            Delete(folder);
            throw;
        }
    }

    public void Dispose()
    {
        Source.Dispose();
        Delete(_folder);
    }

    private static void Delete(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
