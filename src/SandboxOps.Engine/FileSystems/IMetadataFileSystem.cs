using System;
using System.Collections.Generic;
using System.IO;
using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.FileSystems;

/// <summary>
/// Read-only access to the files of one source (folder, zip, git revision). Readers never see where
/// bytes come from, so every layout rule works the same on each.
/// </summary>
public interface IMetadataFileSystem : IDisposable
{
    /// <summary>What the user would call this source: a path, or <c>path@revision</c>.</summary>
    string Description { get; }

    /// <summary>What this source is (a folder, a zip, a git revision, a snapshot, an org).</summary>
    SourceOrigin Origin { get; }

    /// <summary>How to name a file of this source in a message.</summary>
    string DisplayPath(string relativePath);

    /// <summary>Every file, ordinally sorted by path.</summary>
    IReadOnlyList<MetadataFile> Files { get; }

    /// <summary>True when several threads may call <see cref="OpenRead"/> at once.</summary>
    bool SupportsConcurrentReads { get; }

    Stream OpenRead(string relativePath);

    /// <summary>
    /// An id of the file's bytes when the source already knows it without reading them, else null: a bare
    /// SHA-256 (a snapshot) or "git-blob:" and the blob id (a git revision). Equal ids are equal bytes, so
    /// comparisons skip reading them; ids of different kinds never match and the bytes are compared.
    /// </summary>
    string? ContentId(string relativePath);
}
