using System;
using System.Collections.Generic;

namespace SandboxOps.Engine.Packaging;

/// <summary>One deploy's worth of a package: its components, their files, and the sizes that decide where it ends.</summary>
internal sealed class PackagePart
{
    public List<PackagedComponent> Components { get; } = new();

    public HashSet<string> Files { get; } = new(StringComparer.Ordinal);

    public long RawBytes { get; private set; }

    public long ZippedBytes { get; private set; }

    public void Add(IEnumerable<PackagedComponent> components, IEnumerable<string> files, long rawBytes, long zippedBytes)
    {
        Components.AddRange(components);
        Files.UnionWith(files);
        RawBytes += rawBytes;
        ZippedBytes += zippedBytes;
    }
}
