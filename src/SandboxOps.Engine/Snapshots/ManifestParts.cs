using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json;

namespace SandboxOps.Engine.Snapshots;

/// <summary>
/// A manifest's file and component lists, stored as blobs of their own ("parts"), so that a snapshot of an
/// org that barely changed shares them with the one before instead of writing 100,000 entries again: the
/// hashes alone are 4 MB gzipped. Parts end where the hash of an entry's key says so (content-defined, as
/// in backup tools), so an added component changes the part it falls in, not every part after it.
/// </summary>
internal static class ManifestParts
{
    private const uint Boundary = 2048;
    private const int MostEntries = 16384;

    public static List<string> Store<T>(SnapshotStore store, IReadOnlyList<T> entries, Func<T, string> key, JsonSerializerOptions json)
    {
        var hashes = new List<string>();
        foreach (var part in Split(entries, key))
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(part, json);
            hashes.Add(store.PutBlob(bytes, bytes.Length));
        }

        return hashes;
    }

    /// <summary>The entries of the parts, in order; null when a part is missing or does not match its hash.</summary>
    public static List<T>? Load<T>(SnapshotStore store, IEnumerable<string> hashes, JsonSerializerOptions json)
    {
        var entries = new List<T>();
        foreach (var hash in hashes)
        {
            byte[] bytes;
            try
            {
                using var blob = store.OpenBlob(hash);
                using var copy = new MemoryStream();
                blob.CopyTo(copy);
                bytes = copy.ToArray();
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
            {
                return null;
            }

            using (var sha = SHA256.Create())
            {
                if (!string.Equals(SnapshotStore.Hex(sha.ComputeHash(bytes)), hash, StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }
            }

            entries.AddRange(JsonSerializer.Deserialize<List<T>>(bytes, json) ?? new List<T>());
        }

        return entries;
    }

    private static IEnumerable<List<T>> Split<T>(IReadOnlyList<T> entries, Func<T, string> key)
    {
        var part = new List<T>();
        foreach (var entry in entries)
        {
            part.Add(entry);
            if (Fnv(key(entry)) % Boundary == 0 || part.Count == MostEntries)
            {
                yield return part;
                part = new List<T>();
            }
        }

        if (part.Count > 0)
        {
            yield return part;
        }
    }

    private static uint Fnv(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
