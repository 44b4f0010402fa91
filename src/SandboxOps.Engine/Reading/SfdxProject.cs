using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using SandboxOps.Engine.FileSystems;
using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.Reading;

/// <summary>The part of <c>sfdx-project.json</c> a reader needs: the package directories.</summary>
internal static class SfdxProject
{
    public const string FileName = "sfdx-project.json";

    /// <summary>Package directory prefixes ('force-app/'), in the order the project lists them.</summary>
    public static IReadOnlyList<string> ReadPackageDirectories(IMetadataFileSystem fileSystem)
    {
        try
        {
            using var stream = fileSystem.OpenRead(FileName);
            using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!document.RootElement.TryGetProperty("packageDirectories", out var directories) || directories.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(fileSystem, "it has no \"packageDirectories\" array.");
            }

            var prefixes = new List<string>();
            foreach (var entry in directories.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("path", out var path) || path.ValueKind != JsonValueKind.String)
                {
                    throw Invalid(fileSystem, "an entry of \"packageDirectories\" has no \"path\".");
                }

                var normalized = Normalize(path.GetString()!);
                if (normalized is null)
                {
                    throw Invalid(fileSystem, $"the package directory '{path.GetString()}' leaves the project folder.");
                }

                prefixes.Add(normalized);
            }

            return prefixes.Distinct(StringComparer.Ordinal).ToList();
        }
        catch (JsonException ex)
        {
            throw Invalid(fileSystem, $"it is not valid JSON (line {ex.LineNumber + 1}): {ex.Message}");
        }
        catch (IOException ex)
        {
            throw new MetadataSourceException(FailureKind.Unreadable, "UnreadableFile", $"Cannot read '{fileSystem.DisplayPath(FileName)}': {ex.Message}", ex);
        }
    }

    private static string? Normalize(string path)
    {
        var segments = path.Replace('\\', '/').Split('/').Where(s => s.Length > 0 && s != ".").ToList();
        if (segments.Any(s => s == "..") || path.StartsWith("/", StringComparison.Ordinal))
        {
            return null;
        }

        return segments.Count == 0 ? string.Empty : string.Join("/", segments) + "/";
    }

    private static MetadataSourceException Invalid(IMetadataFileSystem fileSystem, string why) =>
        new(FailureKind.InvalidData, "InvalidProject", $"'{fileSystem.DisplayPath(FileName)}' cannot be used: {why} Fix the project file.");
}
