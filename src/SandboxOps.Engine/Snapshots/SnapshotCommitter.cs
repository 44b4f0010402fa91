using System.Globalization;
using System.IO;
using System.Linq;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.Snapshots;

/// <summary>
/// For teams that keep org history in git: commits a new snapshot (its blobs and manifest) in the git
/// work tree that holds the store, with a message naming the source and time. Only the store's files are
/// staged and committed; anything else staged in the repository is left as it was.
/// </summary>
public static class SnapshotCommitter
{
    private static readonly string[] AddCommand = { "add", "--" };

    /// <returns>The commit id.</returns>
    public static string Commit(SnapshotStore store, OrgSnapshot snapshot)
    {
        string Git(string reason, string failure, params string[] arguments)
        {
            try
            {
                return GitCommand.Run(store.Root, reason, failure, arguments).Trim();
            }
            catch (MetadataSourceException ex)
            {
                throw new SnapshotStoreException(ex.Kind, ex.Reason, ex.Message, ex);
            }
        }

        Git("NotAGitRepository", $"The snapshot store '{store.Root}' is not inside a git work tree, so -Commit cannot commit it. Put the store in a repository or leave out -Commit; the snapshot itself was taken.", "rev-parse", "--show-toplevel");
        var paths = new[] { "blobs", Path.Combine(SnapshotStore.SnapshotsFolder, snapshot.Name), "sandboxops-store.json", ".gitignore" }
            .Where(p => File.Exists(Path.Combine(store.Root, p)) || Directory.Exists(Path.Combine(store.Root, p)))
            .ToArray();
        Git("GitFailed", $"Could not stage snapshot '{snapshot.Name}' in '{store.Root}'.", Concat(AddCommand, paths));
        var message = string.Format(CultureInfo.InvariantCulture, "Snapshot {0} of {1} taken {2:yyyy-MM-dd HH:mm:ss} UTC ({3} components)", snapshot.Name, snapshot.Source, snapshot.Created, snapshot.ComponentCount);
        Git("GitFailed", $"Could not commit snapshot '{snapshot.Name}' in '{store.Root}'. Check git's user.name and user.email.", Concat(new[] { "commit", "--quiet", "-m", message, "--" }, paths));
        return Git("GitFailed", "Could not read the new commit.", "rev-parse", "HEAD");
    }

    private static string[] Concat(string[] first, string[] second)
    {
        var all = new string[first.Length + second.Length];
        first.CopyTo(all, 0);
        second.CopyTo(all, first.Length);
        return all;
    }
}
