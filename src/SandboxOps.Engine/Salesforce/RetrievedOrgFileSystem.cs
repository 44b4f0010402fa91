using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Reading;

namespace SandboxOps.Engine.Salesforce;

/// <summary>
/// An org retrieved into a private temporary folder, read like any folder and named after the org
/// ("org:uat"). Disposing it deletes the folder: a live org is read, never left lying around. The first
/// 64 MB of retrieved files stay in memory instead (creating a file costs more than the read that follows).
/// It keeps the connection, so that a snapshot can record which org it was. After an incremental retrieve,
/// the components taken from the baseline snapshot are read from its store, under what was retrieved.
/// </summary>
public sealed class RetrievedOrgFileSystem : IMetadataFileSystem
{
    private readonly OverlayFileSystem _files;
    private readonly StagedOutput _root;

    /// <summary>Retrieved files up to this many bytes are kept in memory rather than written to the folder.</summary>
    internal const long InMemoryBytes = 64L * 1024 * 1024;

    private RetrievedOrgFileSystem(StagedOutput root, OrgConnection org, RetrieveOutcome outcome, InMemoryFileSystem memory, RetrieveBaseline? baseline)
    {
        _root = root;
        Outcome = outcome;
        Origin = new SourceOrigin("Org", new RetrievedOrg(
            org.OrgId,
            org.Alias,
            org.InstanceUrl,
            org.IsSandbox ? "Sandbox (" + org.OrganizationType + ")" : org.OrganizationType,
            org.ApiVersion,
            new RetrieveCounts(outcome.ComponentCount, outcome.ReusedCount, outcome.ChunkCount),
            outcome.PermissionsComplete,
            outcome.Listing.Select(c => new ListedMember(c.Type, c.FullName, c.FileName, c.LastModifiedDate)).ToList(),
            outcome.ListedTypes));
        var retrieved = new OverlayFileSystem(memory, new DirectoryFileSystem(root.Path, org.SourceName));
        _files = baseline is null || outcome.ReusedFiles.Count == 0
            ? retrieved
            : new OverlayFileSystem(retrieved, baseline.Open(outcome.ReusedFiles, org.SourceName));
    }

    /// <summary>What the retrieve did: chunks, components taken from a baseline snapshot, and the listing with lastModifiedDate.</summary>
    public RetrieveOutcome Outcome { get; }

    public string Description => _files.Description;

    public SourceOrigin Origin { get; }

    public bool SupportsConcurrentReads => true;

    public IReadOnlyList<MetadataFile> Files => _files.Files;

    /// <summary>Retrieves the org (see <see cref="OrgRetriever"/>) and opens it as a source; per-file messages become warnings.</summary>
    public static async Task<MetadataSource> OpenAsync(OrgConnection org, RetrieveOptions options, EngineContext context)
    {
        var folder = StagedOutput.TemporaryFolder("sandboxops-retrieve-");
        var memory = new InMemoryFileSystem(org.SourceName, InMemoryBytes);
        try
        {
            var outcome = await new OrgRetriever(context).RetrieveAsync(org, folder.Path, options, memory).ConfigureAwait(false);
            foreach (var message in outcome.Messages)
            {
                context.Observer.ReportProblem(new MetadataProblem(ProblemSeverity.Warning, ProblemCode.RetrieveMessage, org.SourceName, $"{org.SourceName}: {message}"));
            }

            return MetadataSource.FromFileSystem(new RetrievedOrgFileSystem(folder, org, outcome, memory, options.Baseline));
        }
        catch
        {
            memory.Dispose();
            folder.Dispose();
            throw;
        }
    }

    public string DisplayPath(string relativePath) => Description + ":" + relativePath;

    public Stream OpenRead(string relativePath) => _files.OpenRead(relativePath);

    public string? ContentId(string relativePath) => _files.ContentId(relativePath);

    public void Dispose()
    {
        _files.Dispose();
        _root.Dispose();
    }
}
