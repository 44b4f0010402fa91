using System;
using System.IO;
using System.Runtime.CompilerServices;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Hashing;
using SandboxOps.Engine.Reading;

namespace SandboxOps.Engine.Comparison;

/// <summary>
/// Tells whether two units are the same bytes, file for file, without parsing: the fast path that lets
/// most of an org be declared identical at the speed of reading it. Buffers are per thread and reused,
/// so a comparison of a gigabyte does not allocate a gigabyte.
/// </summary>
internal static class ByteComparer
{
    private const int ChunkSize = 1 << 16;

    [ThreadStatic]
    private static byte[]? _chunkA;

    [ThreadStatic]
    private static byte[]? _chunkB;

    public static bool SameBytes(IMetadataFileSystem sourceFiles, ReadUnit source, IMetadataFileSystem targetFiles, ReadUnit target)
    {
        if (source.Parts.Count != target.Parts.Count)
        {
            return false;
        }

        var left = source.Parts.ToArray();
        var right = target.Parts.ToArray();
        Array.Sort(left, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        Array.Sort(right, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        for (var i = 0; i < left.Length; i++)
        {
            if (!string.Equals(left[i].Key, right[i].Key, StringComparison.Ordinal))
            {
                return false;
            }
        }

        for (var i = 0; i < left.Length; i++)
        {
            if (!SameFile(sourceFiles, left[i].Value, targetFiles, right[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Both ids are of one kind (the part before ':', none for a bare SHA-256), so they can be compared.</summary>
    private static bool SameKind(string left, string right)
    {
        var prefix = left.IndexOf(':');
        return prefix == right.IndexOf(':') && string.CompareOrdinal(left, 0, right, 0, Math.Max(0, prefix)) == 0;
    }

    [MethodImpl(Jit.Optimize)]
    private static bool SameFile(IMetadataFileSystem sourceFiles, MetadataFile source, IMetadataFileSystem targetFiles, MetadataFile target)
    {
        if (sourceFiles.ContentId(source.Path) is { } left && targetFiles.ContentId(target.Path) is { } right && SameKind(left, right))
        {
            return string.Equals(left, right, StringComparison.Ordinal);
        }

        try
        {
            using var a = sourceFiles.OpenRead(source.Path);
            using var b = targetFiles.OpenRead(target.Path);
            var bufferA = _chunkA ??= new byte[ChunkSize];
            var bufferB = _chunkB ??= new byte[ChunkSize];
            while (true)
            {
                var readA = ReadFully(a, bufferA);
                var readB = ReadFully(b, bufferB);
                if (readA != readB || !bufferA.AsSpan(0, readA).SequenceEqual(bufferB.AsSpan(0, readB)))
                {
                    return false;
                }

                if (readA == 0)
                {
                    return true;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // read it properly, so the failure is reported with the file's name
        }
    }

    private static int ReadFully(Stream stream, byte[] buffer)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        return total;
    }
}
