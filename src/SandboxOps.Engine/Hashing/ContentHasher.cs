using System;
using System.Collections.Generic;
using System.IO;

namespace SandboxOps.Engine.Hashing;

/// <summary>
/// Hashes non-XML content. Text (code, markup, scripts) is hashed with line endings and a UTF-8 byte
/// order mark normalised away, since neither changes what Salesforce runs; binary content is hashed as is.
/// </summary>
internal static class ContentHasher
{
    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".cls", ".trigger", ".page", ".component", ".email", ".js", ".mjs", ".html", ".htm", ".css", ".cmp",
        ".app", ".evt", ".intf", ".design", ".auradoc", ".tokens", ".svg", ".json", ".txt", ".md", ".xml",
        ".csv", ".site", ".ts",
    };

    public static bool IsText(string path) => TextExtensions.Contains(Path.GetExtension(path));

    public static Digest Hash(Stream content, string path) => IsText(path) ? HashText(content) : HashBinary(content);

    public static Digest HashBinary(Stream content)
    {
        using var writer = DigestWriter.Rent();
        var buffer = new byte[81920];
        int read;
        while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
        {
            writer.Append(buffer, 0, read);
        }

        return writer.Finish();
    }

    public static Digest HashText(Stream content)
    {
        using var writer = DigestWriter.Rent();
        var input = new byte[81920];
        var output = new byte[input.Length];
        var first = true;
        var pendingCr = false;
        int read;
        while ((read = content.Read(input, 0, input.Length)) > 0)
        {
            var start = 0;
            if (first)
            {
                first = false;
                if (read >= 3 && input[0] == 0xEF && input[1] == 0xBB && input[2] == 0xBF)
                {
                    start = 3;
                }
            }

            var count = 0;
            for (var i = start; i < read; i++)
            {
                var b = input[i];
                if (pendingCr)
                {
                    pendingCr = false;
                    if (b != (byte)'\n')
                    {
                        output[count++] = (byte)'\n';
                    }
                }

                if (b == (byte)'\r')
                {
                    pendingCr = true;
                    continue;
                }

                output[count++] = b;
            }

            writer.Append(output, 0, count);
        }

        if (pendingCr)
        {
            writer.Append(new[] { (byte)'\n' }, 0, 1);
        }

        return writer.Finish();
    }
}
