using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.Masking;

/// <summary>
/// What a sandbox's masking has done, so a second run after a failure masks only what is left: per org (a refresh
/// gives a sandbox a new organization id, so a refreshed copy starts afresh) and per object and set of rules, an
/// append-only file of the update jobs started and finished and the ids Salesforce reported masked. A job started
/// but not seen to finish (the run died while it ran) is asked about again by the next run. A torn last line is
/// ignored, so a crash leaves nothing that misleads.
/// </summary>
public sealed class MaskingLedger : IDisposable
{
    private const string Header = "# SandboxOps masking ledger";
    private readonly HashSet<string> _masked = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unfinished = new(StringComparer.Ordinal);
    private readonly StreamWriter _writer;

    private MaskingLedger(string path, StreamWriter writer)
    {
        Path = path;
        _writer = writer;
    }

    public string Path { get; }

    /// <summary>Records masked by earlier runs (and this one so far).</summary>
    public int Count => _masked.Count;

    /// <summary>Update jobs started and not seen to finish.</summary>
    public IReadOnlyCollection<string> UnfinishedJobs => _unfinished;

    public bool Contains(string id) => _masked.Contains(id);

    /// <summary>
    /// Opens (or starts) the ledger of an object's masking in an org under the rules it is masked by. A ledger kept
    /// under another key is refused: the rest would be masked unlike what is already masked.
    /// </summary>
    public static MaskingLedger Open(string folder, string orgId, string objectName, string rules, string keyFingerprint)
    {
        var path = PathOf(folder, orgId, objectName, rules);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var lines = File.Exists(path) ? CompleteLines(path) : new List<string>();
        var key = lines.FirstOrDefault(l => l.StartsWith("key ", StringComparison.Ordinal))?.Substring(4);
        if (key is not null && key != keyFingerprint)
        {
            throw new MaskingException(
                FailureKind.InvalidArgument,
                "LedgerKeyMismatch",
                $"The masking of {objectName} in org {orgId} was begun with another key (ledger '{path}'): finishing it with this one would mask the rest unlike the records already masked, and joins between them would break. Give the key that run used (-Key or -KeyFile), or -Restart to mask every record again with this one.");
        }

        var writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { NewLine = "\n" };
        var ledger = new MaskingLedger(path, writer);
        ledger.Replay(lines);
        if (key is null)
        {
            ledger.Append($"{Header}: {objectName} in {orgId}, masked by {rules}", $"key {keyFingerprint}");
        }

        return ledger;
    }

    /// <summary>How many records earlier runs masked, read without writing anything (what -WhatIf says).</summary>
    public static int CountIn(string folder, string orgId, string objectName, string rules)
    {
        var path = PathOf(folder, orgId, objectName, rules);
        if (!File.Exists(path))
        {
            return 0;
        }

        var bytes = File.ReadAllBytes(path);
        var end = Array.LastIndexOf(bytes, (byte)'\n');
        return end < 0 ? 0 : Replayed(Encoding.UTF8.GetString(bytes, 0, end).Split('\n')).Masked.Count;
    }

    /// <summary>Forgets what earlier runs of an org did, so every record is masked again.</summary>
    public static void Forget(string folder, string orgId)
    {
        var directory = System.IO.Path.Combine(folder, orgId);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>An update job is about to be given records: if the run dies, the next one asks Salesforce what it did.</summary>
    public void Started(string jobId)
    {
        _unfinished.Add(jobId);
        Append("job " + jobId);
    }

    /// <summary>Records Salesforce reported masked.</summary>
    public void Masked(IEnumerable<string> ids)
    {
        foreach (var id in ids.Where(_masked.Add))
        {
            _writer.Write(id);
            _writer.Write('\n');
        }

        _writer.Flush();
    }

    /// <summary>A job's masked records are all recorded.</summary>
    public void Finished(string jobId)
    {
        _unfinished.Remove(jobId);
        Append("done " + jobId);
    }

    public void Dispose() => _writer.Dispose();

    private void Replay(IEnumerable<string> lines)
    {
        var (masked, unfinished) = Replayed(lines);
        _masked.UnionWith(masked);
        _unfinished.UnionWith(unfinished);
    }

    private static (HashSet<string> Masked, HashSet<string> Unfinished) Replayed(IEnumerable<string> lines)
    {
        var masked = new HashSet<string>(StringComparer.Ordinal);
        var unfinished = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines.Where(l => l.Length > 0 && l[0] != '#'))
        {
            if (line.StartsWith("job ", StringComparison.Ordinal))
            {
                unfinished.Add(line.Substring(4));
            }
            else if (line.StartsWith("done ", StringComparison.Ordinal))
            {
                unfinished.Remove(line.Substring(5));
            }
            else if (!line.StartsWith("key ", StringComparison.Ordinal))
            {
                masked.Add(line);
            }
        }

        return (masked, unfinished);
    }

    private static string PathOf(string folder, string orgId, string objectName, string rules) =>
        System.IO.Path.Combine(folder, orgId, $"{objectName}-{RulesDigest(rules)}.ledger");

    private void Append(params string[] lines)
    {
        foreach (var line in lines)
        {
            _writer.Write(line);
            _writer.Write('\n');
        }

        _writer.Flush();
    }

    /// <summary>The file's lines up to its last newline; a line cut short by a crash is cut off, so what is appended next starts a line.</summary>
    private static List<string> CompleteLines(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        if (end < bytes.Length)
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None);
            file.SetLength(end);
        }

        return end == 0 ? new List<string>() : Encoding.UTF8.GetString(bytes, 0, end - 1).Split('\n').ToList();
    }

    private static string RulesDigest(string rules)
    {
        using var sha = SHA256.Create();
        var digest = sha.ComputeHash(Encoding.UTF8.GetBytes(rules));
        return string.Concat(digest.Take(4).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }
}
