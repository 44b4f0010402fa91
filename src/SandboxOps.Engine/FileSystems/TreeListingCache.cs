using System;
using System.Collections.Generic;

namespace SandboxOps.Engine.FileSystems;

/// <summary>The files of a folder at a commit, and their blob ids.</summary>
internal sealed class TreeListing
{
    public TreeListing(IReadOnlyList<MetadataFile> files, IReadOnlyDictionary<string, string> blobByPath)
    {
        Files = files;
        BlobByPath = blobByPath;
    }

    public IReadOnlyList<MetadataFile> Files { get; }

    public IReadOnlyDictionary<string, string> BlobByPath { get; }
}

/// <summary>
/// The last few tree listings of the session. A commit's tree never changes, and a pipeline such as
/// Compare-OrgMetadata -SourceRevision HEAD | New-DeploymentPackage lists the same commit twice: a
/// 100,000-file listing costs a quarter of a second each time. Only a few are kept, since each holds
/// every path of a large org.
/// </summary>
internal sealed class TreeListingCache
{
    private const int Kept = 3;
    private readonly object _gate = new();
    private readonly LinkedList<KeyValuePair<string, TreeListing>> _recent = new();

    /// <summary>The listing for the key (repository, commit and folder), made by <paramref name="list"/> when it is not kept.</summary>
    public TreeListing GetOrAdd(string key, Func<TreeListing> list)
    {
        lock (_gate)
        {
            for (var node = _recent.First; node is not null; node = node.Next)
            {
                if (node.Value.Key == key)
                {
                    _recent.Remove(node);
                    _recent.AddFirst(node);
                    return node.Value.Value;
                }
            }
        }

        var listing = list();
        lock (_gate)
        {
            _recent.AddFirst(new KeyValuePair<string, TreeListing>(key, listing));
            while (_recent.Count > Kept)
            {
                _recent.RemoveLast();
            }
        }

        return listing;
    }
}
