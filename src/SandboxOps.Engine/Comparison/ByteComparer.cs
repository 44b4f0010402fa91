using System;
using System.IO;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Reading;

namespace SandboxOps.Engine.Comparison;

/// <summary>
/// Tells whether two units are the same bytes, file for file, without parsing: the fast path that lets
/// most of an org be declared identical at the speed of reading it.
/// </summary>
internal static class ByteComparer
{
    private const int BufferSize = 1 << 16;

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
            if (!string.Equals(left[i].Key, right[i].Key, StringComparison.Ordinal) || left[i].Value.Size != right[i].Value.Size)
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

    private static bool SameFile(IMetadataFileSystem sourceFiles, MetadataFile source, IMetadataFileSystem targetFiles, MetadataFile target)
    {
        try
        {
            using var a = sourceFiles.OpenRead(source.Path);
            using var b = targetFiles.OpenRead(target.Path);
            var bufferA = new byte[BufferSize];
            var bufferB = new byte[BufferSize];
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
