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
    private readonly string _repositoryRoot;
    private readonly string _prefix;
    private readonly Dictionary<string, string> _blobByPath = new(StringComparer.Ordinal);
    private Process? _catFile;

    public GitRevisionFileSystem(string path, string revision)
    {
        var folder = Path.GetFullPath(path);
        if (!Directory.Exists(folder))
        {
            throw new MetadataSourceException("PathNotFound", $"The folder '{folder}' does not exist. Give a folder inside a git work tree.");
        }

        var location = GitCommand.Run(
            folder,
            "NotAGitRepository",
            $"'{folder}' is not inside a git work tree, so -Revision cannot be read there.",
            "rev-parse",
            "--show-toplevel",
            "--show-prefix").Split('\n');
        _repositoryRoot = location[0].Trim();
        _prefix = location.Length > 1 ? location[1].Trim() : string.Empty;
        Commit = GitCommand.Run(
            _repositoryRoot,
            "RevisionNotFound",
            $"The revision '{revision}' does not name a commit in '{_repositoryRoot}'. Check it with 'git log'.",
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            revision + "^{commit}").Trim();
        Description = folder + "@" + revision;
        Files = ListTree();
    }

    /// <summary>The full commit id the revision resolved to.</summary>
    public string Commit { get; }

    public string Description { get; }

    public bool SupportsConcurrentReads => false;

    public IReadOnlyList<MetadataFile> Files { get; }

    public string DisplayPath(string relativePath) => Description + ":" + _prefix + relativePath;

    public Stream OpenRead(string relativePath)
    {
        _catFile ??= GitCommand.Start(_repositoryRoot, "cat-file", "--batch");
        var input = _catFile.StandardInput;
        input.Write(_blobByPath[relativePath] + "\n");
        input.Flush();
        var output = _catFile.StandardOutput.BaseStream;
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
    public string? ContentId(string relativePath) => _blobByPath.TryGetValue(relativePath, out var blob) ? "git-blob:" + blob : null;

    public void Dispose()
    {
        if (_catFile is null)
        {
            return;
        }

        _catFile.StandardInput.Close();
        _catFile.WaitForExit(5000);
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

    private List<MetadataFile> ListTree()
    {
        var arguments = new List<string> { "-c", "core.quotepath=off", "ls-tree", "-r", "-l", "-z", Commit };
        if (_prefix.Length > 0)
        {
            arguments.Add("--");
            arguments.Add(_prefix);
        }

        var listing = GitCommand.Run(_repositoryRoot, "GitFailed", $"Could not list the files of '{Description}'.", arguments.ToArray());
        var files = new List<MetadataFile>();
        foreach (var record in listing.Split('\0'))
        {
            // <mode> SP <type> SP <object> SP+ <size> TAB <path>
            var tab = record.IndexOf('\t');
            if (tab < 0)
            {
                continue;
            }

            var fields = record.Substring(0, tab).Split(Space, StringSplitOptions.RemoveEmptyEntries);
            var path = record.Substring(tab + 1);
            if (fields[1] != "blob" || fields[0] == "120000" || !path.StartsWith(_prefix, StringComparison.Ordinal))
            {
                continue; // submodules and symbolic links are not metadata
            }

            var relative = path.Substring(_prefix.Length);
            if (relative.Split('/').Any(s => s.StartsWith(".", StringComparison.Ordinal)))
            {
                continue;
            }

            _blobByPath[relative] = fields[2];
            files.Add(new MetadataFile(relative, long.Parse(fields[3], CultureInfo.InvariantCulture), null));
        }

        return files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }
}
