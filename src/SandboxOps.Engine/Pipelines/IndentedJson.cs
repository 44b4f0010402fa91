using System;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SandboxOps.Engine.Pipelines;

/// <summary>The JSON files SandboxOps writes for people to read and review: indented, one trailing newline (JsonAt reads them back with positions).</summary>
internal static class IndentedJson
{
    /// <summary>The bytes of what <paramref name="write"/> writes; <paramref name="plainText"/> keeps quotes, &lt;, &amp; and non-ASCII letters as they are.</summary>
    public static byte[] Bytes(Action<Utf8JsonWriter> write, bool plainText = false)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = plainText ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : null }))
        {
            write(json);
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
