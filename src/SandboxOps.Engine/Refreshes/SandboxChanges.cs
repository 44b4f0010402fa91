using System;
using System.IO;
using System.Linq;
using SandboxOps.Engine.Diagnostics;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps.Engine.Refreshes;

/// <summary>When a sandbox's metadata last changed: what a snapshot must be younger than to hold every change.</summary>
public static class SandboxChanges
{
    /// <summary>The newest lastModifiedDate an org's listMetadata reports (standard components, dated 1970, aside).</summary>
    public static DateTimeOffset? LastChange(OrgConnection org, EngineContext context)
    {
        var api = org.MetadataApi(context.Logger("SandboxOps.Org"));
        var listing = OrgListing.ListAsync(api, context.Observer, org.Name, RetrieveOptions.For(ReadOptions.All), context.Cancellation).GetAwaiter().GetResult();
        var dates = listing.Members.Select(m => m.LastModifiedDate).OfType<DateTime>().Where(d => d.Year > 1970).ToList();
        return dates.Count == 0 ? null : new DateTimeOffset(DateTime.SpecifyKind(dates.Max(), DateTimeKind.Utc));
    }

    /// <summary>The newest write time of a folder's files or of a zip; null for a git revision, which never changes.</summary>
    public static DateTimeOffset? LastChange(string path)
    {
        if (Directory.Exists(path))
        {
            var times = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(f => !f.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Contains(".git"))
                .Select(File.GetLastWriteTimeUtc)
                .ToList();
            return times.Count == 0 ? null : new DateTimeOffset(times.Max());
        }

        return File.Exists(path) ? new DateTimeOffset(File.GetLastWriteTimeUtc(path)) : null;
    }
}
