using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.FileSystems;

/// <summary>
/// A folder of a git repository as it was at a revision, read through <c>git ls-tree</c> and one
/// long-lived <c>git cat-file --batch</c>: nothing is checked out and the work tree is not touched.
/// </summary>
public sealed class GitRevisionFileSystem : IMetadataFileSystem
{
    private static readonly char[] Space = { ' ' };
    private static readonly TreeListingCache Listings = new();
    private readonly string _repositoryRoot;
    private readonly string _prefix;
    private readonly TreeListing _listing;
    private Process? _catFile;
    private Stream? _catOutput;

    public GitRevisionFileSystem(string path, string revision)
    {
        var folder = Path.GetFullPath(path);
        (_repositoryRoot, _prefix, Commit) = Resolve(folder, revision);
        Description = folder + "@" + revision;
        _listing = Listings.GetOrAdd(_repositoryRoot + "\n" + Commit + "\n" + _prefix, ListTree);
    }

    /// <summary>Fails as opening would (a missing folder, no work tree, no such revision), without listing anything.</summary>
    public static void Verify(string path, string revision) => Resolve(Path.GetFullPath(path), revision);

    private static (string Root, string Prefix, string Commit) Resolve(string folder, string revision)
    {
        if (!Directory.Exists(folder))
        {
            throw new MetadataSourceException(FailureKind.NotFound, "PathNotFound", $"The folder '{folder}' does not exist. Give a folder inside a git work tree.");
        }

        var location = GitCommand.Run(
            folder,
            "NotAGitRepository",
            $"'{folder}' is not inside a git work tree, so -Revision cannot be read there.",
            "rev-parse",
            "--show-toplevel",
            "--show-prefix").Split('\n');
        var root = location[0].Trim();
        var commit = GitCommand.Run(
            root,
            "RevisionNotFound",
            $"The revision '{revision}' does not name a commit in '{root}'. Check it with 'git log'.",
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            revision + "^{commit}").Trim();
        return (root, location.Length > 1 ? location[1].Trim() : string.Empty, commit);
    }

    /// <summary>The full commit id the revision resolved to.</summary>
    public string Commit { get; }

    public string Description { get; }

    public SourceOrigin Origin => SourceOrigin.GitRevision;

    public bool SupportsConcurrentReads => false;

    public IReadOnlyList<MetadataFile> Files => _listing.Files;

    public string DisplayPath(string relativePath) => Description + ":" + _prefix + relativePath;

    public Stream OpenRead(string relativePath)
    {
        _catFile ??= GitCommand.Start(_repositoryRoot, "cat-file", "--batch");

        // Buffered: the header is read a byte at a time, and each byte from the bare pipe was a system call.
        _catOutput ??= new BufferedStream(_catFile.StandardOutput.BaseStream, 1 << 16);
        var input = _catFile.StandardInput;
        input.Write(_listing.BlobByPath[relativePath] + "\n");
        input.Flush();
        var output = _catOutput;
        var header = ReadLine(output).Split(' ');
        if (header.Length < 3 || header[1] != "blob")
        {
            throw new IOException($"git cat-file could not read '{DisplayPath(relativePath)}': {string.Join(" ", header)}");
        }

        var size = long.Parse(header[2], CultureInfo.InvariantCulture);
        var content = new byte[size];
        var offset = 0;
        while (offset < size)
        {
            var read = output.Read(content, offset, (int)Math.Min(size - offset, 1 << 20));
            if (read == 0)
            {
                throw new EndOfStreamException($"git cat-file stopped while reading '{DisplayPath(relativePath)}'.");
            }

            offset += read;
        }

        output.ReadByte(); // the newline after each object
        return new MemoryStream(content, writable: false);
    }

    /// <summary>The git blob id: two revisions of one repository compare without reading unchanged files.</summary>
    public string? ContentId(string relativePath) => _listing.BlobByPath.TryGetValue(relativePath, out var blob) ? "git-blob:" + blob : null;

    public void Dispose()
    {
        if (_catFile is null)
        {
            return;
        }

        _catFile.StandardInput.Close();
        _catFile.WaitForExit(5000);
        _catOutput?.Dispose();
        _catFile.Dispose();
    }

    private static string ReadLine(Stream stream)
    {
        var line = new List<byte>();
        int b;
        while ((b = stream.ReadByte()) >= 0 && b != '\n')
        {
            line.Add((byte)b);
        }

        return Encoding.UTF8.GetString(line.ToArray());
    }

    /// <summary>The files under the prefix at the commit, with their blob ids; parsed without splitting the whole listing.</summary>
    private TreeListing ListTree()
    {
        var arguments = new List<string> { "-c", "core.quotepath=off", "ls-tree", "-r", "-l", "-z", Commit };
        if (_prefix.Length > 0)
        {
            arguments.Add("--");
            arguments.Add(_prefix);
        }

        var listing = GitCommand.Run(_repositoryRoot, "GitFailed", $"Could not list the files of '{Description}'.", arguments.ToArray());
        var files = new List<MetadataFile>();
        var blobByPath = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var start = 0; start < listing.Length;)
        {
            // <mode> SP <type> SP <object> SP+ <size> TAB <path> NUL
            var end = listing.IndexOf('\0', start);
            end = end < 0 ? listing.Length : end;
            var tab = listing.IndexOf('\t', start, end - start);
            if (tab > 0)
            {
                var fields = listing.Substring(start, tab - start).Split(Space, StringSplitOptions.RemoveEmptyEntries);
                var path = listing.Substring(tab + 1, end - tab - 1);
                var relative = path.StartsWith(_prefix, StringComparison.Ordinal) ? path.Substring(_prefix.Length) : null;

                // Submodules and symbolic links are not metadata; nor are hidden files and folders (.sfdx, .vscode).
                if (fields[1] == "blob" && fields[0] != "120000" && relative is not null && !HiddenEntries.Skips(relative))
                {
                    blobByPath[relative] = fields[2];
                    files.Add(new MetadataFile(relative, long.Parse(fields[3], CultureInfo.InvariantCulture), null));
                }
            }

            start = end + 1;
        }

        return new TreeListing(files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList(), blobByPath);
    }
}
