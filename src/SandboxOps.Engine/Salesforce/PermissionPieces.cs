using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using SandboxOps.Engine.Model;
using SandboxOps.Engine.Xml;

namespace SandboxOps.Engine.Salesforce;

/// <summary>
/// Profiles and permission sets come back from a retrieve holding only the entries about components of
/// the same request. So they are asked for in every chunk, each piece is set aside as its chunk arrives,
/// and when all have arrived the pieces of each file are merged once: the union of their entries, each
/// once. (Merging as chunks arrived parsed a growing 4 MB profile again for every chunk, one at a time.)
/// </summary>
internal sealed class PermissionPieces
{
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal) { "Profile", "PermissionSet", "MutingPermissionSet" };
    private static readonly string[] Folders = { "profiles/", "permissionsets/", "mutingpermissionsets/" };
    private readonly string _folder;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _pieces = new(StringComparer.Ordinal);

    /// <param name="folder">Where pieces wait to be merged (created when the first arrives).</param>
    public PermissionPieces(string folder)
    {
        _folder = folder;
    }

    public static bool IsPermissions(ComponentKey member) => Types.Contains(member.Type);

    public static bool IsPermissionsFile(string path) => Folders.Any(f => path.StartsWith(f, StringComparison.Ordinal));

    /// <summary>Sets a piece of the file at <paramref name="relativePath"/> aside; safe from several chunks at once.</summary>
    public void Add(string relativePath, Stream piece)
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".xml");
        using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            piece.CopyTo(output);
        }

        _pieces.GetOrAdd(relativePath, _ => new ConcurrentQueue<string>()).Enqueue(path);
    }

    /// <summary>Writes each file, merged from its pieces, under <paramref name="root"/>, the files on all cores; then drops the pieces.</summary>
    public void WriteMerged(string root, CancellationToken cancellation)
    {
        var options = new ParallelOptions { CancellationToken = cancellation, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.ForEach(_pieces, options, file =>
        {
            var target = Path.Combine(root, file.Key.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var pieces = file.Value.ToList();
            if (pieces.Count == 1)
            {
                File.Move(pieces[0], target);
                return;
            }

            File.WriteAllBytes(target, Merge(pieces));
        });

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>The first piece, and every entry of the others it does not have yet.</summary>
    private static byte[] Merge(List<string> pieces)
    {
        var whole = Load(pieces[0]);
        var seen = new HashSet<string>(whole.Root!.Elements().Select(e => e.ToString(SaveOptions.DisableFormatting)), StringComparer.Ordinal);
        foreach (var piece in pieces.Skip(1))
        {
            foreach (var entry in Load(piece).Root!.Elements())
            {
                if (seen.Add(entry.ToString(SaveOptions.DisableFormatting)))
                {
                    whole.Root.Add(entry);
                }
            }
        }

        return Encoding.UTF8.GetBytes((whole.Declaration?.ToString() ?? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>") + "\n" + whole.Root + "\n");
    }

    private static XDocument Load(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var reader = SafeXml.Open(stream);
        return XDocument.Load(reader);
    }
}
